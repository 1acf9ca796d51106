"""The moderation policy: given a comment and what is known about its author, decide its fate.

Pure functions, no database: the service gathers the facts and applies the verdict.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from arabic.text import normalize

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)

# Names only the newsroom signs with: a reader's name holding one of them waits for an editor.
NEWSROOM_NAMES = ("المحرر", "هيئة التحرير", "ديما مسموع")


@dataclass(frozen=True)
class Words:
    hold: tuple[str, ...] = ()
    refuse: tuple[str, ...] = ()


def email_key(email: str) -> str:
    return unicodedata.normalize("NFKC", email).strip().casefold()


def name_key(name: str) -> str:
    """A name as compared: "أحمد  المنصوري" and "احمد المنصوري" are one person's."""
    return " ".join(normalize(name).split())


def same_name(name: str, names: Iterable[str]) -> bool:
    key = name_key(name)
    return any(name_key(other) == key for other in names)


def resembles_newsroom(name: str, author_names: Iterable[str]) -> bool:
    """Whether `name` holds a newsroom name as whole words, or is a staff author's name."""
    words = f" {name_key(name)} "
    if any(f" {name_key(reserved)} " in words for reserved in NEWSROOM_NAMES):
        return True
    return same_name(name, author_names)


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
    name_resembles_newsroom: bool = False,
) -> bool:
    """True when a comment waits for an editor, False when it may appear at once.

    `author_is_known`: an approved comment was sent with the same email and name (`same_name`).
    """
    if not (auto_approve_known and author_is_known) or name_resembles_newsroom:
        return True
    if links_to_hold and count_links(body) >= links_to_hold:
        return True
    return matching_word(fields, words.hold) is not None
