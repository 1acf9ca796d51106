from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from arabic.text import search_terms

SNIPPET_WORDS = 36


def snippet(text: str, stems: set[str]) -> SafeString:
    """A window of `text` around the first match, matching words in <mark>, all escaped."""
    words = text.split()

    def matches(word: str) -> bool:
        return bool(set(search_terms(word)) & stems)

    first = next((i for i, word in enumerate(words) if matches(word)), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    window = words[start : start + SNIPPET_WORDS]
    shown = [format_html("<mark>{}</mark>", w) if matches(w) else escape(w) for w in window]
    before = "… " if start else ""
    after = " …" if start + SNIPPET_WORDS < len(words) else ""
    return mark_safe(before + " ".join(shown) + after)  # noqa: S308 (each word escaped)
