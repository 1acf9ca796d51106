"""Readable Unicode slugs for Arabic titles, and the URL converter that matches them."""

import re

from django.utils.text import slugify

from arabic.text import fold_for_slug


def arabic_slugify(value: str, max_length: int = 200) -> str:
    """Return a Unicode slug that keeps Arabic letters and drops tatweel, commas and marks."""
    # slugify drops punctuation (، ؛ ؟) and combining marks (tashkeel) but keeps letters.
    slug = slugify(fold_for_slug(str(value)), allow_unicode=True)
    return slug[:max_length].strip("-_")


class UnicodeSlugConverter:
    """Like Django's `slug` converter, but `\\w` also matches Arabic letters."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


SLUG_RE = re.compile(rf"^{UnicodeSlugConverter.regex}\Z")
