"""One spelling for every address, so that an old link is found however it was written.

WordPress writes Arabic addresses percent-encoded in lower case (`/%d8%a7%d9%84/`), browsers
and editors in upper case or as plain text (`/ال/`), with or without the trailing slash, and
links carry tracking parameters. `canonical_path` turns all of them into one string: the
path decoded, the query reduced to the parameters WordPress routes by.

Some characters stay percent-encoded in the canonical form, because decoding them would
change what the string means when read again (`%`, `?`, `#`) or would hide them from an
editor reading the admin (spaces, control and bidi formatting characters); bytes that are no
valid UTF-8 stay as they came. Read again, the canonical form gives itself back.
"""

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote, urlencode

# The query parameters WordPress answers on its home page (`/?p=12`): the only ones an old
# address is told apart by. Tracking parameters (utm_*, fbclid...) are dropped.
WORDPRESS_QUERY_KEYS = frozenset({"p", "page_id", "attachment_id", "cat", "tag", "author", "feed"})

_SCHEME_AND_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
# Characters that an editor could not see, or that would be read as a separator.
_KEPT_ENCODED_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_PATH_RESERVED = frozenset("%?#")
_QUERY_RESERVED = frozenset("%?#&=+")


def _to_bytes(text: str) -> bytes:
    """The bytes `text` stands for: escapes decoded, other characters in UTF-8."""
    out = bytearray()
    position = 0
    for escape in _ESCAPE.finditer(text):
        out += text[position : escape.start()].encode("utf-8", "surrogatepass")
        out.append(int(escape[1], 16))
        position = escape.end()
    out += text[position:].encode("utf-8", "surrogatepass")
    return bytes(out)


def _escaped(character: str) -> str:
    return "".join(f"%{byte:02X}" for byte in character.encode("utf-8", "surrogatepass"))


def _decoded(text: str, reserved: frozenset[str]) -> str:
    """`text` percent-decoded, but for what must stay encoded (see the module's docstring)."""
    # surrogateescape turns each byte of an invalid sequence into one lone surrogate,
    # which is written back as the byte's escape.
    characters = _to_bytes(text).decode("utf-8", "surrogateescape")
    out = []
    for character in characters:
        if "\udc80" <= character <= "\udcff":
            out.append(f"%{ord(character) - 0xDC00:02X}")
        elif character in reserved or unicodedata.category(character) in _KEPT_ENCODED_CATEGORIES:
            out.append(_escaped(character))
        else:
            out.append(character)
    return "".join(out)


def _canonical_query(query: str) -> str:
    kept = []
    for part in query.split("&"):
        key, _equals, value = part.partition("=")
        # A form-encoded "+" is a space; "%2B" is a plus sign.
        key = _decoded(key.replace("+", " "), _QUERY_RESERVED)
        if key in WORDPRESS_QUERY_KEYS:
            kept.append((key, _decoded(value.replace("+", " "), _QUERY_RESERVED)))
    return "&".join(f"{key}={value}" for key, value in sorted(kept))


def canonical_path(address: str) -> str:
    """The canonical form of a path or absolute URL: decoded path, WordPress's query only."""
    address = _SCHEME_AND_HOST.sub("", address, count=1)
    address = address.partition("#")[0]
    path, _question_mark, query = address.partition("?")
    path = _decoded(path, _PATH_RESERVED).rstrip("/")
    if not path.startswith("/"):
        path = "/" + path
    query = _canonical_query(query) if query else ""
    return f"{path}?{query}" if query else path


def has_wordpress_query(keys: Iterable[str]) -> bool:
    """Whether any of `keys` (a request's GET parameters) is one WordPress routes by."""
    return any(key in WORDPRESS_QUERY_KEYS for key in keys)


def request_address(path: str, parameters: Iterable[tuple[str, list[str]]]) -> str:
    """The canonical form of a request's address: Django's decoded `request.path_info` and
    the lists of its GET parameters (`request.GET.lists()`).

    A "?" or "#" in the decoded path was sent encoded: it belongs to the path. Django keeps
    the bytes of an invalid UTF-8 sequence as escapes (`%D8`), as the canonical form does, so
    those are read as escapes; the price is that a literal "%" followed by two hex digits
    (sent as `%2541`) is read as an escape too.
    """
    path = path.replace("?", "%3F").replace("#", "%23")
    wanted = [
        (key, value)
        for key, values in parameters
        if key in WORDPRESS_QUERY_KEYS
        for value in values
    ]
    query = urlencode(wanted, quote_via=quote)
    return canonical_path(f"{path}?{query}" if query else path)
