from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from articles.images import clean_upload
from articles.models import Article
from live.models import LiveCoverage, LiveEntry


def coverage_start(*, article: Article, started_at: datetime | None = None) -> LiveCoverage:
    """Follow `article` live (its coverage, if it has one already)."""
    coverage, _created = LiveCoverage.objects.get_or_create(
        article=article, defaults={"started_at": started_at or timezone.now()}
    )
    return coverage


def coverage_end(*, coverage: LiveCoverage, ended_at: datetime | None = None) -> LiveCoverage:
    coverage.ended_at = ended_at or timezone.now()
    coverage.full_clean()
    coverage.save(update_fields=["ended_at"])
    return coverage


@transaction.atomic
def entry_add(
    *,
    coverage: LiveCoverage,
    text: str,
    author=None,
    pinned: bool = False,
    image: UploadedFile | None = None,
    image_alt: str = "",
    created_at: datetime | None = None,
) -> LiveEntry:
    """Add an entry as the admin's form would: validated, its image cleaned."""
    entry = LiveEntry(
        coverage=coverage,
        text=text,
        author=author,
        pinned=pinned,
        image=clean_upload(image) if image is not None else None,
        image_alt=image_alt,
        created_at=created_at or timezone.now(),
    )
    entry.full_clean()
    entry.save()
    return entry
