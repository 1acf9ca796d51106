import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest
from PIL import Image

from live.services import coverage_start, entry_add
from tests.factories import ArticleFactory

EDITOR = "محرر"


def jpeg(name: str = "photo.jpg", size=(800, 450)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, "#2f7d3b").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


@pytest.fixture
def live_article(db, section):
    """A public article followed live: three entries, the oldest pinned."""
    article = ArticleFactory(section=section, title="نهائي كأس أفريقيا: تابعوا معنا مباشرة")
    now = timezone.now()
    coverage = coverage_start(article=article, started_at=now - timedelta(hours=1))
    entry_add(
        coverage=coverage,
        text="أهلاً بكم في التغطية المباشرة.",
        pinned=True,
        created_at=now - timedelta(minutes=50),
    )
    entry_add(coverage=coverage, text="انطلاق المباراة.", created_at=now - timedelta(minutes=30))
    entry_add(coverage=coverage, text="هدف أول للمنتخب!", created_at=now - timedelta(minutes=5))
    return article


@pytest.fixture
def editor_in_group(db, django_user_model):
    """A staff member of the editors' group, with only what the migrations gave it."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("mohrir", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user
