import base64
import hashlib
import re

from django.conf import settings

import pytest

from tests.factories import ArticleFactory

# The site's one inline script, and its CSP source computed here, apart from the settings.
HEAD_SCRIPT = (settings.BASE_DIR / "static" / "js" / "consent-head.js").read_text(encoding="utf-8")
HEAD_SCRIPT_HASH = (
    f"'sha256-{base64.b64encode(hashlib.sha256(HEAD_SCRIPT.encode()).digest()).decode()}'"
)

BANNER = re.compile(r'<section class="consent-banner".*?</section>\n?', re.S)


@pytest.fixture
def article(db, section):
    return ArticleFactory(title="خبر اليوم", section=section)


def banner_of(html: str) -> str | None:
    match = BANNER.search(html)
    return match[0] if match else None


def without_banner(html: str) -> str:
    return BANNER.sub("", html)
