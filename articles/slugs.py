"""Readable Unicode slugs for Arabic titles, and the URL converter that matches them."""

import re

from django.utils.text import slugify

TATWEEL = "\u0640"
# Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits become Western digits: Moroccan
# readers write 2022, and a slug should not have two spellings of the same number.
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS |= {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}


def arabic_slugify(value: str, max_length: int = 200) -> str:
    """Return a Unicode slug that keeps Arabic letters and drops tatweel, commas and marks."""
    value = str(value).replace(TATWEEL, "").translate(_DIGITS)
    # slugify drops punctuation (، ؛ ؟) and combining marks (tashkeel) but keeps letters.
    slug = slugify(value, allow_unicode=True)
    return slug[:max_length].strip("-_")


class UnicodeSlugConverter:
    """Like Django's `slug` converter, but `\\w` also matches Arabic letters."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


SLUG_RE = re.compile(rf"^{UnicodeSlugConverter.regex}\Z")
