"""Reader queries, parsed once and rendered for each database's full-text syntax.

Supported: words (all must match), "quoted phrases", and -word or -"phrase" to exclude.
Every word goes through the same normalisation and stemming as the indexed text, and what
reaches the database is made of \\w characters only.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from arabic.text import search_terms

MAX_QUERY_LENGTH = 200
_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases)

    @property
    def stems(self) -> set[str]:
        """The stems a result may show highlighted."""
        return set(self.terms) | {stem for phrase in self.phrases for stem in phrase}


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search besides its words: one section, and publication from/until."""

    section_id: int | None = None
    since: datetime.datetime | None = None  # inclusive
    until: datetime.datetime | None = None  # exclusive

    @property
    def is_empty(self) -> bool:
        return self.section_id is None and self.since is None and self.until is None


@dataclass(frozen=True)
class Token:
    content: str
    negated: bool
    quoted: bool

    def __str__(self) -> str:
        return ("-" if self.negated else "") + (
            f'"{self.content}"' if self.quoted else self.content
        )


def tokens(text: str) -> Iterator[Token]:
    """The reader's words and "phrases", each with its minus sign, as written."""
    for match in _TOKEN.finditer(text[:MAX_QUERY_LENGTH]):
        quoted = match[2] is not None
        yield Token(
            content=match[2] if quoted else match[4],
            negated=bool(match[1] or match[3]),
            quoted=quoted,
        )


def parse_query(text: str) -> ParsedQuery:
    query = ParsedQuery()
    for token in tokens(text):
        words = search_terms(token.content)
        if not words:
            continue
        if token.negated:
            query.excluded.append(words)
        elif len(words) > 1 or token.quoted:
            query.phrases.append(words)
        else:
            query.terms.extend(words)
    return query


def fts5_match(query: ParsedQuery) -> str:
    """SQLite FTS5: "a" AND "b c" NOT "d"."""
    wanted = [f'"{term}"' for term in query.terms]
    wanted += ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    expression = " AND ".join(wanted)
    for words in query.excluded:
        expression += ' NOT "' + " ".join(words) + '"'
    return expression


def pg_tsquery(query: ParsedQuery) -> str:
    """PostgreSQL to_tsquery: 'a' & ('b' <-> 'c') & !'d'."""

    def phrase(words: list[str]) -> str:
        return "(" + " <-> ".join(f"'{word}'" for word in words) + ")"

    parts = [f"'{term}'" for term in query.terms] + [phrase(p) for p in query.phrases]
    parts += [f"!{phrase(words)}" for words in query.excluded]
    return " & ".join(parts)
