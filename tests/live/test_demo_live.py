from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from live.management.commands.load_demo_live import DEMO_ENTRIES, DEMO_TITLE
from live.models import LiveEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())


def test_the_demo_makes_one_article_live_once(demo, client):
    out = StringIO()
    call_command("load_demo_live", stdout=out)
    assert f"is live with {len(DEMO_ENTRIES)} entries" in out.getvalue()
    entries = LiveEntry.objects.filter(coverage__article__title=DEMO_TITLE)
    assert entries.count() == len(DEMO_ENTRIES) == 6
    assert entries.filter(pinned=True).count() == 1
    pictured = entries.exclude(image="").get()
    assert pictured.image_alt and pictured.image_width == 960
    again = StringIO()
    call_command("load_demo_live", stdout=again)
    assert "none added" in again.getvalue()
    assert entries.count() == 6
    article = pictured.coverage.article
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('<li class="live-entry') == 6 and "data-live-url" in html


def test_the_demo_needs_the_demo_articles(db):
    with pytest.raises(CommandError):
        call_command("load_demo_live", stdout=StringIO())
