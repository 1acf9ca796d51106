"""Reader queries, parsed once and rendered for each database's full-text syntax.

Supported: words (all must match), "quoted phrases", and -word or -"phrase" to exclude.
Every word goes through the same normalisation and stemming as the indexed text, and what
reaches the database is made of \\w characters only.
"""

import re
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


def parse_query(text: str) -> ParsedQuery:
    query = ParsedQuery()
    for match in _TOKEN.finditer(text[:MAX_QUERY_LENGTH]):
        negated = bool(match[1] or match[3])
        words = search_terms(match[2] if match[2] is not None else match[4])
        if not words:
            continue
        if negated:
            query.excluded.append(words)
        elif len(words) > 1 or match[2] is not None:
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
