import re
from datetime import timedelta

from django.utils import timezone

import pytest

from breaking.models import Breaking
from tests.factories import ArticleFactory

STRIP = re.compile(r'<section class="breaking".*?</section>', re.S)


def strip_of(html: str) -> str | None:
    """The «عاجل» strip of a page, or None when the page has none."""
    match = STRIP.search(html)
    return match[0] if match else None


@pytest.fixture
def story(db, section):
    return ArticleFactory(title="زلزال بقوة 5 درجات يضرب الحسيمة", section=section)


@pytest.fixture
def mark(db):
    """Mark an article as breaking news, straight into the table (validation has its tests)."""

    def make(article, *, minutes: float = 60, starts_in: float = 0, headline: str = ""):
        now = timezone.now()
        return Breaking.objects.create(
            article=article,
            headline=headline,
            starts_at=now + timedelta(minutes=starts_in),
            ends_at=now + timedelta(minutes=starts_in + minutes),
        )

    return make


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def clock(time_machine, cache_on_the_test_clock):
    """The test's own clock, which the test's own cache follows."""
    time_machine.move_to(timezone.now(), tick=False)
    return time_machine
