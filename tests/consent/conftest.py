import re

import pytest

from tests.factories import ArticleFactory

BANNER = re.compile(r'<section class="consent-banner".*?</section>\n?', re.S)


@pytest.fixture
def article(db, section):
    return ArticleFactory(title="خبر اليوم", section=section)


def banner_of(html: str) -> str | None:
    match = BANNER.search(html)
    return match[0] if match else None


def without_banner(html: str) -> str:
    return BANNER.sub("", html)
