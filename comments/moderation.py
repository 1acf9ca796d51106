"""The moderation policy: given a comment and what is known about its author, decide its fate.

Pure functions, no database: the service gathers the facts and applies the verdict.
"""

import re
from dataclasses import dataclass

from arabic.text import normalize

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass(frozen=True)
class Words:
    hold: tuple[str, ...] = ()
    refuse: tuple[str, ...] = ()


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def matching_word(fields: list[str], words: tuple[str, ...]) -> str | None:
    """The first listed (normalised) word found in any of the fields, compared normalised."""
    haystacks = [normalize(field) for field in fields if field]
    for word in words:
        if word and any(word in haystack for haystack in haystacks):
            return word
    return None


def should_hold(
    *,
    fields: list[str],
    body: str,
    words: Words,
    links_to_hold: int,
    author_is_known: bool,
    auto_approve_known: bool,
) -> bool:
    """True when a comment waits for an editor, False when it may appear at once."""
    if not (auto_approve_known and author_is_known):
        return True
    if links_to_hold and count_links(body) >= links_to_hold:
        return True
    return matching_word(fields, words.hold) is not None
