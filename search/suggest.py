""" "Did you mean": the closest words of the index's own vocabulary to a query that found nothing.

The vocabulary is the SEARCH_VOCABULARY_SIZE stems found in the most articles, read from the
full-text index itself (FTS5's fts5vocab table on SQLite, ts_stat over the stored documents on
PostgreSQL): a scan, so it is read once per SEARCH_VOCABULARY_SECONDS into the shared cache,
and each process keeps it, with an index of its words' one-letter deletions, as long. Looking
up a word is then a few dictionary reads: candidates are the words sharing a deletion with it
(symmetric deletions find every word one edit away, and most two edits away), kept when their
edit distance is small for the word's length, the most common first.

The index holds drafts' words too: a correction is offered only once the corrected query has
found a published article (in the same filters), so no unpublished word is ever shown.
"""

import itertools
import re
import time
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from arabic.text import WORD, search_words, split_stem
from search.backends import matching_article_ids
from search.query import ParsedQuery, SearchFilters, Token, parse_query, tokens

CACHE_KEY = "search:vocabulary"
# Words worth correcting: shorter stems have too many neighbours one letter away.
SHORTEST_WORD = 3
MAX_CORRECTED_WORDS = 3
CANDIDATES_PER_WORD = 2
# Corrected queries tried against the published articles, at most: one query each.
MAX_TRIES = 2
_LETTERS_ONLY = re.compile(r"[^\W\d_]+")

SQLITE_VOCABULARY = "SELECT term, doc FROM search_fts_vocab ORDER BY doc DESC LIMIT %s"
POSTGRES_VOCABULARY = (
    "SELECT word, ndoc FROM ts_stat('SELECT document FROM search_searchentry') "
    "ORDER BY ndoc DESC LIMIT %s"
)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, a swap of two neighbouring letters counting as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass
class Vocabulary:
    documents: dict[str, int]  # each word and the number of articles that have it
    neighbours: dict[str, list[str]]  # a word or one of its deletions -> words

    @classmethod
    def of(cls, rows: list[tuple[str, int]]) -> "Vocabulary":
        documents = {word: docs for word, docs in rows if _LETTERS_ONLY.fullmatch(word)}
        neighbours: defaultdict[str, list[str]] = defaultdict(list)
        for word in documents:
            if len(word) >= SHORTEST_WORD - 1:
                neighbours[word].append(word)
                for i in range(len(word)):
                    neighbours[word[:i] + word[i + 1 :]].append(word)
        return cls(documents, dict(neighbours))

    def closest(self, word: str) -> list[str]:
        """Known words near `word`, nearest then most common first."""
        found = {
            candidate
            for key in _deletions(word)
            for candidate in self.neighbours.get(key, ())
            if candidate != word
        }
        limit = allowed_distance(word)
        scored = [(edit_distance(word, candidate), candidate) for candidate in found]
        return [
            candidate
            for distance, candidate in sorted(
                scored, key=lambda pair: (pair[0], -self.documents[pair[1]], pair[1])
            )
            if distance <= limit
        ]


_memo: tuple[float, Vocabulary] | None = None


def read_vocabulary(size: int) -> list[tuple[str, int]]:
    """The `size` words of the index found in the most articles, with their counts."""
    sql = POSTGRES_VOCABULARY if connection.vendor == "postgresql" else SQLITE_VOCABULARY
    with connection.cursor() as cursor:
        cursor.execute(sql, [size])
        return [(word, docs) for word, docs in cursor.fetchall()]


def vocabulary() -> Vocabulary:
    """The vocabulary, read at most once per SEARCH_VOCABULARY_SECONDS by each process."""
    global _memo
    now = time.monotonic()
    if _memo is not None and now - _memo[0] < settings.SEARCH_VOCABULARY_SECONDS:
        return _memo[1]
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = read_vocabulary(settings.SEARCH_VOCABULARY_SIZE)
        cache.set(CACHE_KEY, rows, timeout=settings.SEARCH_VOCABULARY_SECONDS)
    _memo = (now, Vocabulary.of(rows))
    return _memo[1]


def forget_vocabulary() -> None:
    """Read the vocabulary again at the next suggestion (tests, after a reindex). Only this
    process forgets its copy: the running web processes keep theirs for at most
    SEARCH_VOCABULARY_SECONDS."""
    global _memo
    _memo = None
    cache.delete(CACHE_KEY)


def corrected_word(word: str, corrections: dict[str, str]) -> str:
    """One word as the reader wrote it, its stem corrected: the letters around the stem stay
    the reader's own (ة, أ, capitals) when the word had no marks to normalise away."""
    normalised = search_words(word)
    if len(normalised) != 1:
        return word
    prefix, stem, end = split_stem(normalised[0])
    if stem not in corrections:
        return word
    if len(normalised[0]) == len(word):
        prefix, end = word[: len(prefix)], word[len(word) - len(end) :] if end else ""
    return prefix + corrections[stem] + end


def corrected_text(text: str, corrections: dict[str, str]) -> str:
    """The reader's query with each corrected stem replaced inside its word; the words and
    tokens left alone are kept as the reader wrote them."""
    written = []
    for token in tokens(text):
        if not token.negated:
            content = WORD.sub(lambda match: corrected_word(match[0], corrections), token.content)
            if content == token.content:  # words split by marks: rebuilt from their stems
                parts = [split_stem(word) for word in search_words(token.content)]
                if any(stem in corrections for _prefix, stem, _end in parts):
                    content = " ".join(
                        prefix + corrections.get(stem, stem) + end for prefix, stem, end in parts
                    )
            if content != token.content:
                several = len(search_words(content)) > 1
                token = Token(content=content, negated=False, quoted=token.quoted or several)
        written.append(str(token))
    return " ".join(written)


def suggestion(text: str, query: ParsedQuery, filters: SearchFilters) -> str | None:
    """A corrected query that finds published articles, for a query that found none."""
    wanted = list(dict.fromkeys([*query.terms, *itertools.chain(*query.phrases)]))
    known = vocabulary()
    unknown = [
        word for word in wanted if word not in known.documents and len(word) >= SHORTEST_WORD
    ][:MAX_CORRECTED_WORDS]
    if not unknown:
        return None
    choices = [known.closest(word)[:CANDIDATES_PER_WORD] for word in unknown]
    if not all(choices):
        return None
    # The nearest and most common combinations first.
    combinations = sorted(
        itertools.product(*(list(enumerate(words)) for words in choices)),
        key=lambda combination: sum(rank for rank, _word in combination),
    )
    for combination in combinations[:MAX_TRIES]:
        corrections = dict(zip(unknown, (word for _rank, word in combination), strict=True))
        # The corrected text as the link will search it, parsed again, so that what was
        # checked is what the reader will find.
        corrected = corrected_text(text, corrections)
        if matching_article_ids(parse_query(corrected), filters):
            return corrected
    return None
