"""Auto-embeds, as WordPress makes them: a body paragraph holding nothing but a supported
address (typed, or a link whose text is the address) becomes a click-to-load figure.

Runs on the body as `articles.sanitize` left it, so attributes are double-quoted and text
escaped; the figure is written from the parsed `Embed`, every value escaped again. The
result depends on the body and the page's language only, and is kept per process.
"""

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from embeds.providers import Embed, find

# Blank space the editor leaves around an address: spaces, &nbsp; and a line break.
_BLANK = r"(?:\s|&nbsp;|&#160;|<br\s*/?>)*"
WHOLE_ADDRESS_PARAGRAPH = re.compile(
    rf"<p(?:\s[^>]*)?>{_BLANK}"
    rf"(?:(?P<text>[^<>\s]+?)|<a\s(?P<attrs>[^>]*)>(?P<link_text>[^<>\s]+)</a>)"
    rf"{_BLANK}</p>"
)
HREF = re.compile(r'(?:^|\s)href="([^"]*)"')


@dataclass(frozen=True)
class EmbeddedBody:
    html: SafeString
    embeds: tuple[Embed, ...]

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(embed.provider.origin for embed in self.embeds)


def paragraph_embed(match: re.Match) -> Embed | None:
    """The embed a whole-address paragraph stands for, if its address is supported."""
    if match["text"] is not None:
        return find(html.unescape(match["text"]))
    href = HREF.search(match["attrs"])
    address = html.unescape(match["link_text"])
    if href is None or html.unescape(href[1]) != address:
        return None
    return find(address)


def has_embeds(body: str) -> bool:
    """Whether the body holds a paragraph that becomes an embed (kept on the article)."""
    if "://" not in body:
        return False
    return any(paragraph_embed(m) for m in WHOLE_ADDRESS_PARAGRAPH.finditer(body))


def embed_body(body: str) -> EmbeddedBody:
    """The sanitised body with its whole-address paragraphs made figures (see module)."""
    if "://" not in body:
        return EmbeddedBody(mark_safe(body), ())  # noqa: S308 (sanitised on save)
    return _embed_body(body, get_language())


@lru_cache(maxsize=256)
def _embed_body(body: str, language: str | None) -> EmbeddedBody:
    found: list[Embed] = []

    def figure(match: re.Match) -> str:
        embed = paragraph_embed(match)
        if embed is None:
            return match[0]
        found.append(embed)
        return render_to_string("embeds/embed.html", {"embed": embed}).strip()

    rewritten = WHOLE_ADDRESS_PARAGRAPH.sub(figure, body)
    # The body was sanitised when saved (articles.sanitize); each figure is escaped.
    return EmbeddedBody(mark_safe(rewritten), tuple(found))  # noqa: S308
