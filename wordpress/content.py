"""Turn a WordPress post body (`<content:encoded>` of a WXR export) into HTML for Dima's editor.

WordPress stores a post as its editor left it and finishes the HTML only when it shows the post:
classic posts keep paragraphs as blank lines (`wpautop` adds the <p> and <br> on display),
shortcodes such as `[caption]` and `[gallery]` are expanded on display, and block (Gutenberg)
posts carry `<!-- wp:... -->` comments around finished HTML. This module does that finishing
once, at import, in the order WordPress does it, and maps WordPress's left/right image
alignment to the logical start/end classes that articles.sanitize keeps. Pure string work: no
database, no network; what the importer knows (attachments, files) comes in as callbacks.
"""

import html as html_lib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

DIRECTIONS = ("rtl", "ltr")

# HTML's own whitespace: a line holding only a no-break space is content, not a blank line.
_WS = " \t\n\f\r"
_HSPACE = " \t\f"

# --- Tokens ---------------------------------------------------------------------------------

# A start or end tag as browsers read one: quotes count only in attribute values, so an
# apostrophe in an unquoted value cannot swallow the text that follows. Possessive
# quantifiers keep a `<` without its `>` linear to reject.
_ATTRIBUTES = (
    r"(?:[\t\n\f\r /]++"
    r"|[^\t\n\f\r />][^\t\n\f\r />=]*+"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]++))?+)*+"
)
_MARKUP = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z)|<[!?][^>]*+(?:>|\Z))"
    rf"|<(?P<slash>/?)(?P<name>[A-Za-z][^\t\n\f\r />]*+)(?P<attrs>{_ATTRIBUTES})>",
    re.S,
)
_ATTRIBUTE = re.compile(
    r"(?P<name>[^\t\n\f\r />][^\t\n\f\r />=]*)"
    r"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\t\n\f\r >]+)))?"
)

VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
# Elements whose content is not HTML to rework: kept exactly as written, newlines included.
_VERBATIM_TAGS = frozenset("pre script style textarea iframe xmp noscript svg math".split())
_VERBATIM_END = {
    name: re.compile(rf"</{name}(?:[\t\n\f\r /][^>]*)?>", re.I) for name in _VERBATIM_TAGS
}
# Never inside a <p>: a blank line around them is not needed to end a paragraph.
BLOCK_TAGS = frozenset(
    """address article aside audio blockquote caption center col colgroup dd details dialog dir
    div dl dt embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr
    iframe legend li main map menu nav noscript object ol optgroup option p pre script section
    select style summary table tbody td tfoot th thead tr ul video""".split()
)
# Blocks that may hold paragraphs: text split by blank lines inside them becomes <p>s.
_FLOW_CONTAINERS = frozenset(
    """address article aside blockquote center dd details dialog div fieldset figure footer
    form header li main nav section td th""".split()
)
# Blocks that hold a line of text and never a <p>.
_PHRASING_CONTAINERS = frozenset("p h1 h2 h3 h4 h5 h6 dt figcaption caption legend summary".split())


class _Token(NamedTuple):
    text: str
    kind: str  # "text", "tag", "comment" or "verbatim" (an element kept whole)
    name: str = ""
    closing: bool = False
    attrs: str = ""


def _tokens(html: str) -> Iterator[_Token]:
    pos = 0
    while (match := _MARKUP.search(html, pos)) is not None:
        if match.start() > pos:
            yield _Token(html[pos : match.start()], "text")
        if match["comment"] is not None:
            yield _Token(match[0], "comment")
            pos = match.end()
            continue
        name = match["name"].lower()
        closing = bool(match["slash"])
        if not closing and name in _VERBATIM_TAGS:
            end = _VERBATIM_END[name].search(html, match.end())
            stop = end.end() if end else len(html)
            yield _Token(html[match.start() : stop], "verbatim", name)
            pos = stop
            continue
        yield _Token(match[0], "tag", name, closing, match["attrs"])
        pos = match.end()
    if pos < len(html):
        yield _Token(html[pos:], "text")


def _attributes(attrs: str) -> list[tuple[str, str | None]]:
    found = []
    for match in _ATTRIBUTE.finditer(attrs):
        value = next((v for v in match.group("dq", "sq", "bare") if v is not None), None)
        found.append((match["name"].lower(), None if value is None else html_lib.unescape(value)))
    return found


def _attribute(attrs: list[tuple[str, str | None]], name: str) -> str | None:
    return next((value for key, value in attrs if key == name), None)


def _start_tag(name: str, attrs: list[tuple[str, str | None]]) -> str:
    written = "".join(
        f" {key}" if value is None else f' {key}="{html_lib.escape(value)}"' for key, value in attrs
    )
    return f"<{name}{written}>"


def _with_attribute(
    attrs: list[tuple[str, str | None]], name: str, value: str | None
) -> list[tuple[str, str | None]]:
    """Set (or, with None, remove) one attribute, keeping the others in their order."""
    result = [(key, old) for key, old in attrs if key != name]
    if value is not None:
        position = next((i for i, (key, _) in enumerate(attrs) if key == name), len(result))
        result.insert(min(position, len(result)), (name, value))
    return result


def _is_blank(text: str) -> bool:
    return not text.strip(_WS)


# --- Block comments --------------------------------------------------------------------------

_BLOCK_DELIMITER = re.compile(
    r"<!--[\t\n\f\r ]*(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"(?=[\t\n\f\r /]|-->)"
)
_DELIMITER_END = re.compile(r"[\t\n\f\r ]*(?P<void>/)?-->")
_ATTRIBUTES_END = re.compile(r"\}[\t\n\f\r ]*/?-->", re.S)
_JSON = json.JSONDecoder()
_SPACES = re.compile(r"[\t\n\f\r ]*")
_COMMENT_END = re.compile("-->")


class _Delimiter(NamedTuple):
    start: int
    end: int
    name: str
    kind: str  # "opener", "closer" or "void"


class _ForwardSearch:
    """`pattern.search(text, pos)` for positions that mostly grow, reading the text once rather
    than again for every delimiter: thousands of broken comments stay linear."""

    def __init__(self, pattern: re.Pattern, text: str):
        self.pattern = pattern
        self.text = text
        self.exhausted_from = len(text) + 1
        self.last: re.Match | None = None
        self.last_from = 0

    def search(self, pos: int) -> re.Match | None:
        if pos >= self.exhausted_from:
            return None
        if self.last is not None and self.last_from <= pos <= self.last.start():
            return self.last
        self.last = self.pattern.search(self.text, pos)
        self.last_from = pos
        if self.last is None:
            self.exhausted_from = pos
        return self.last


def _attributes_end(html: str, start: int, candidates: _ForwardSearch) -> int | None:
    """Where the JSON attributes starting at `start` end: at the first `} -->` that closes
    valid JSON (a string in it may hold "} -->"), else at the first `} -->`, as WordPress reads it.
    """
    first = None
    pos = start
    for _ in range(8):
        candidate = candidates.search(pos)
        if candidate is None:
            break
        stop = candidate.start() + 1
        first = first or stop
        try:
            length = _JSON.raw_decode(html[start:stop])[1]
        except (ValueError, RecursionError):
            length = -1
        if length == stop - start:
            return stop
        pos = stop
    return first


def _block_delimiters(html: str) -> Iterator[_Delimiter]:
    attributes_end = _ForwardSearch(_ATTRIBUTES_END, html)
    comment_end = _ForwardSearch(_COMMENT_END, html)
    pos = 0
    while (match := _BLOCK_DELIMITER.search(html, pos)) is not None:
        after = match.end()
        attributes_at = _SPACES.match(html, after).end()
        if html.startswith("{", attributes_at):
            after = _attributes_end(html, attributes_at, attributes_end) or after
        end = _DELIMITER_END.match(html, after)
        if end is None:
            # Not a delimiter WordPress would read; still a comment: none of it is reader text.
            close = comment_end.search(after)
            if close is None:
                return
            end_at, void = close.end(), False
        else:
            end_at, void = end.end(), bool(end["void"])
        name = match["name"].removeprefix("core/")
        kind = "closer" if match["closer"] else "void" if void else "opener"
        yield _Delimiter(match.start(), end_at, name, kind)
        pos = end_at


class _Segment(NamedTuple):
    html: str
    classic: bool  # outside any block (or in a Shortcode block): WordPress paragraphs it


def _segments(html: str) -> list[_Segment]:
    """Split a body at its block comments, which are dropped, marking what is classic text."""
    segments = []
    open_blocks: list[str] = []
    pos = 0
    for delimiter in _block_delimiters(html):
        segments.append(_Segment(html[pos : delimiter.start], _is_classic(open_blocks)))
        if delimiter.kind == "opener":
            open_blocks.append(delimiter.name)
        elif delimiter.kind == "closer" and delimiter.name in open_blocks:
            del open_blocks[len(open_blocks) - 1 - open_blocks[::-1].index(delimiter.name) :]
        pos = delimiter.end
    segments.append(_Segment(html[pos:], _is_classic(open_blocks)))
    return [segment for segment in segments if segment.html]


def _is_classic(open_blocks: list[str]) -> bool:
    # WordPress's Shortcode block gives its text paragraphs when it is shown, like a classic post.
    return not open_blocks or open_blocks[-1] == "shortcode"


def strip_block_comments(html: str) -> str:
    """Remove Gutenberg's `<!-- wp:... -->` block delimiters, keeping everything between them."""
    return "".join(segment.html for segment in _segments(html))


# --- Paragraphs --------------------------------------------------------------------------------

_BLANK_LINE = re.compile(rf"[{_HSPACE}]*\n(?:[{_HSPACE}]*\n)+[{_HSPACE}]*")


def autop(text: str) -> str:
    """Give classic WordPress text its paragraphs and line breaks, as `wpautop` shows them.

    Blank lines end paragraphs, other newlines become <br>; block elements are never put in a
    <p>, and <pre>, <script>, <style>, <textarea>, <svg>... are left exactly as written. Text
    that already has its <p>s (block posts) comes out as it went in.
    """
    return _autop(text, frozenset())


def _autop(text: str, extra_blocks: frozenset[str]) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _is_blank(text):
        return ""
    tokens, unfinished = _until_unfinished_tag(text)
    out: list[str] = []
    run: list[_Token] = []
    open_blocks: list[str] = []
    for token in tokens:
        if not _is_block(token, extra_blocks):
            run.append(token)
            continue
        out.append(_paragraphs(run, open_blocks))
        run = []
        out.append(token.text)
        if token.kind != "tag" or token.name in VOID_TAGS or token.name in extra_blocks:
            continue
        if not token.closing:
            open_blocks.append(token.name)
        elif token.name in open_blocks:
            del open_blocks[len(open_blocks) - 1 - open_blocks[::-1].index(token.name) :]
    out.append(_paragraphs(run, open_blocks))
    return "".join(out) + unfinished


_TAG_START = re.compile(r"</?[A-Za-z]")


def _until_unfinished_tag(text: str) -> tuple[list[_Token], str]:
    """The tokens up to a tag never closed by a `>`, and the text from there on.

    Browsers drop such a tag and everything after it; here that text is left as it is, since
    the `>` of a <br> or </p> written after it would close it and change what the page shows.
    """
    tokens = []
    for index, token in enumerate(all_tokens := list(_tokens(text))):
        start = _TAG_START.search(token.text) if token.kind == "text" else None
        if start is not None:
            if start.start():
                tokens.append(_Token(token.text[: start.start()], "text"))
            return tokens, token.text[start.start() :] + _joined(all_tokens[index + 1 :])
        tokens.append(token)
    return tokens, ""


def _is_block(token: _Token, extra_blocks: frozenset[str]) -> bool:
    if token.kind == "tag":
        return token.name in BLOCK_TAGS or token.name in extra_blocks
    return token.kind == "verbatim" and token.name in BLOCK_TAGS


def _paragraphs(run: list[_Token], open_blocks: list[str]) -> str:
    """Format the inline content between two block tags."""
    if not run:
        return ""
    pieces = _split_at_blank_lines(run)
    may_hold_paragraphs = not open_blocks or (
        open_blocks[-1] in _FLOW_CONTAINERS and not _PHRASING_CONTAINERS.intersection(open_blocks)
    )
    # At the top every piece of text is a paragraph; inside a <div> or an <li> only text split
    # by a blank line is, so that `<li>one item</li>` stays as it is.
    substantial = [p for p in pieces if isinstance(p, list) and not _is_blank(_joined(p))]
    if not may_hold_paragraphs or (open_blocks and len(substantial) < 2):
        lead, core, trail = _trimmed(run)
        return lead + _line_breaks(core) + trail
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        lead, core, trail = _trimmed(piece)
        if any(token.kind != "comment" for token in core):
            out.append(f"{lead}<p>{_line_breaks(core)}</p>{trail}")
        else:
            out.append(_joined(piece))
    return "".join(out)


def _split_at_blank_lines(run: list[_Token]) -> list[list[_Token] | str]:
    """Split a run of inline content at its blank lines, except inside an inline element."""
    depth_change = [0] * (len(run) + 1)
    open_inline: list[tuple[str, int]] = []
    for index, token in enumerate(run):
        if token.kind != "tag" or token.name in VOID_TAGS:
            continue
        if not token.closing:
            open_inline.append((token.name, index))
            continue
        for position in range(len(open_inline) - 1, -1, -1):
            if open_inline[position][0] == token.name:
                depth_change[open_inline[position][1]] += 1
                depth_change[index] -= 1
                del open_inline[position:]
                break
    pieces: list[list[_Token] | str] = []
    current: list[_Token] = []
    depth = 0
    for index, token in enumerate(run):
        if token.kind == "text" and depth == 0 and _BLANK_LINE.search(token.text):
            pos = 0
            for blank in _BLANK_LINE.finditer(token.text):
                if blank.start() > pos:
                    current.append(_Token(token.text[pos : blank.start()], "text"))
                pieces += [current, blank[0]]
                current = []
                pos = blank.end()
            if pos < len(token.text):
                current.append(_Token(token.text[pos:], "text"))
        else:
            current.append(token)
        depth += depth_change[index]
    pieces.append(current)
    return pieces


def _joined(tokens: list[_Token]) -> str:
    return "".join(token.text for token in tokens)


def _trimmed(tokens: list[_Token]) -> tuple[str, list[_Token], str]:
    """Split off the whitespace at both ends, which stays outside any <p> and gets no <br>."""
    core = list(tokens)
    lead = trail = ""
    while core and core[0].kind == "text":
        stripped = core[0].text.lstrip(_WS)
        lead += core[0].text[: len(core[0].text) - len(stripped)]
        if stripped:
            core[0] = core[0]._replace(text=stripped)
            break
        core.pop(0)
    while core and core[-1].kind == "text":
        stripped = core[-1].text.rstrip(_WS)
        trail = core[-1].text[len(stripped) :] + trail
        if stripped:
            core[-1] = core[-1]._replace(text=stripped)
            break
        core.pop()
    return lead, core, trail


def _is_line_break(token: _Token) -> bool:
    return token.kind == "tag" and token.name == "br" and not token.closing


def _line_breaks(tokens: list[_Token]) -> str:
    """Write a <br> before each newline, unless a <br> already ends or starts that line."""
    out = []
    for index, token in enumerate(tokens):
        if token.kind != "text" or "\n" not in token.text:
            out.append(token.text)
            continue
        lines = token.text.split("\n")
        written = lines[0]
        for number in range(1, len(lines)):
            after_break = (
                number == 1
                and not lines[0].strip(_HSPACE)
                and index > 0
                and _is_line_break(tokens[index - 1])
            )
            before_break = (
                number == len(lines) - 1
                and not lines[-1].strip(_HSPACE)
                and index + 1 < len(tokens)
                and _is_line_break(tokens[index + 1])
            )
            written += ("\n" if after_break or before_break else "<br>\n") + lines[number]
        out.append(written)
    return "".join(out)


def _caption_line_breaks(text: str) -> str:
    """Turn the newlines inside one line of HTML (a caption, say) into <br>s."""
    lead, core, trail = _trimmed(list(_tokens(text.replace("\r\n", "\n").replace("\r", "\n"))))
    return lead + _line_breaks(core) + trail


# --- Shortcodes --------------------------------------------------------------------------------

_NAME = r"[A-Za-z][A-Za-z0-9_-]*"
_OPENER = re.compile(rf"\[(?P<name>{_NAME})(?=[\s/\]])(?P<attrs>[^\[\]]*)\]")
_CLOSER = re.compile(rf"\[/(?P<name>{_NAME})\]")
_SHORTCODE_ATTRIBUTE = re.compile(
    r"(?P<key>[\w-]+)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"']+))"
    r"|\"(?P<pdq>[^\"]*)\"|'(?P<psq>[^']*)'|(?P<positional>[^\s\"']+)"
)
# A bare `[word]` is a shortcode only when WordPress itself defines it; otherwise it is text
# such as "[sic]" or a footnote mark, unless attributes or a closing tag say otherwise.
_CORE_SHORTCODES = frozenset("audio caption embed gallery playlist video wp_caption".split())
_NEVER_ENCLOSING = frozenset({"gallery", "playlist"})
_MAX_NESTING = 50
_SCAN = re.compile(r"\[|" + _MARKUP.pattern, re.S)


class _Shortcode(NamedTuple):
    name: str
    attrs: dict[str, str]
    positional: list[str]
    opener_end: int
    content: str | None  # None for a shortcode that encloses nothing
    end: int


def _shortcode_attributes(text: str) -> tuple[dict[str, str], list[str]]:
    text = text.replace("\xa0", " ").replace("\u200b", " ")
    named: dict[str, str] = {}
    positional: list[str] = []
    for match in _SHORTCODE_ATTRIBUTE.finditer(text):
        if match["key"] is not None:
            value = next(v for v in match.group("dq", "sq", "bare") if v is not None)
            named.setdefault(match["key"].lower(), value)
        else:
            positional.append(
                next(v for v in match.group("pdq", "psq", "positional") if v is not None)
            )
    return named, positional


class _ClosingTags:
    """Where `[/name]` next occurs, found once per name while the scan moves forward."""

    def __init__(self, text: str):
        self.text = text
        self.found: dict[str, int] = {}

    def after(self, name: str, pos: int) -> int:
        known = self.found.get(name)
        if known is None or (0 <= known < pos):
            known = self.text.find(f"[/{name}]", pos)
            self.found[name] = known
        return known


def _read_shortcode(text: str, at: int, closers: _ClosingTags) -> _Shortcode | None:
    opener = _OPENER.match(text, at)
    if opener is None:
        return None
    name = opener["name"]
    raw_attrs = opener["attrs"].rstrip()
    self_closing = raw_attrs.endswith("/")
    attrs, positional = _shortcode_attributes(raw_attrs.removesuffix("/"))
    content = None
    end = opener.end()
    if not self_closing and name.lower() not in _NEVER_ENCLOSING:
        closer = closers.after(name, opener.end())
        if closer >= 0:
            content = text[opener.end() : closer]
            end = closer + len(name) + 3
    looks_like_one = (
        self_closing
        or content is not None
        or attrs
        or name.lower() in _CORE_SHORTCODES
        or any(value.startswith(("http://", "https://")) for value in positional)
    )
    if not looks_like_one:
        return None
    return _Shortcode(name, attrs, positional, opener.end(), content, end)


def _logical_alignment(wordpress_class: str, direction: str) -> str | None:
    side = wordpress_class.strip().lower().removeprefix("align")
    if side == "center":
        return "image-center"
    if side in ("left", "right"):
        start = "right" if direction == "rtl" else "left"
        return "image-start" if side == start else "image-end"
    return None


_ALIGN_CLASSES = frozenset({"alignleft", "alignright", "aligncenter"})


class _ShortcodeRenderer:
    """Expand shortcodes; the HTML made for captions and galleries is set aside as fragments.

    Fragments stand in the text as placeholder tags until paragraphs are made, so that
    autop treats them as blocks and leaves their insides alone, as WordPress does by
    running do_shortcode after wpautop.
    """

    def __init__(self, direction: str, gallery_image: Callable[[int], str | None], marker: str):
        self.direction = direction
        self.gallery_image = gallery_image
        self.marker = marker
        self.fragments: list[str] = []
        self.dropped: Counter[str] = Counter()
        self.missing_gallery_ids: list[int] = []

    def placeholder(self, html: str) -> str:
        self.fragments.append(html)
        return f'<{self.marker} data-n="{len(self.fragments) - 1}">'

    def resolved(self, text: str) -> str:
        pattern = re.compile(rf'<{re.escape(self.marker)} data-n="(\d+)">')
        while pattern.search(text):
            text = pattern.sub(lambda match: self.fragments[int(match[1])], text)
        return text

    def render(self, text: str, depth: int = 0) -> str:
        if depth > _MAX_NESTING:
            return text
        closers = _ClosingTags(text)
        out = []
        pos = 0
        while (match := _SCAN.search(text, pos)) is not None:
            at = match.start()
            out.append(text[pos:at])
            if match[0] != "[":  # HTML markup: a shortcode in an attribute stays as it is
                out.append(match[0])
                pos = match.end()
                continue
            if text.startswith("[[", at) and (escaped := self.escaped(text, at, closers)):
                out.append(escaped[0])
                pos = escaped[1]
                continue
            if text.startswith("[[", at):
                out.append("[")
                pos = at + 1
                continue
            shortcode = _read_shortcode(text, at, closers)
            if shortcode is not None:
                out.append(self.expand(text, at, shortcode, depth))
                pos = shortcode.end
                continue
            stray = _CLOSER.match(text, at)
            if stray is not None:
                self.dropped[stray["name"]] += 1
                pos = stray.end()
                continue
            out.append("[")
            pos = at + 1
        out.append(text[pos:])
        return "".join(out)

    def escaped(self, text: str, at: int, closers: _ClosingTags) -> tuple[str, int] | None:
        """`[[name ...]]` is how WordPress writes a shortcode as text: one pair of brackets goes."""
        opener = _OPENER.match(text, at + 1)
        if opener is None:
            return None
        if text.startswith("]", opener.end()):
            return opener[0], opener.end() + 1
        closer = closers.after(opener["name"], opener.end())
        if closer < 0:
            return None
        end = closer + len(opener["name"]) + 3
        if text.startswith("]", end):
            return text[at + 1 : end], end + 1
        return None

    def expand(self, text: str, at: int, shortcode: _Shortcode, depth: int) -> str:
        name = shortcode.name.lower()
        if name in ("caption", "wp_caption"):
            return self.caption(shortcode, depth)
        if name == "gallery" and (shortcode.attrs.get("ids") or shortcode.attrs.get("include")):
            return self.gallery(shortcode)
        self.dropped[shortcode.name] += 1
        if not shortcode.content:
            return ""
        content = self.render(shortcode.content, depth + 1)
        if _stands_alone(text, at, shortcode.end):
            # A layout shortcode (`[vc_column_text]...`): its text is a block of its own, or
            # the text of neighbouring columns would run together.
            return f"\n\n{content}\n\n"
        return content

    def caption(self, shortcode: _Shortcode, depth: int) -> str:
        content = shortcode.content or ""
        tokens = list(_tokens(content))
        image_at = next(
            (i for i, token in enumerate(tokens) if token.kind == "tag" and token.name == "img"),
            None,
        )
        if image_at is None:
            words = [shortcode.attrs.get("caption", ""), content]
            return self.render(" ".join(w for w in words if w.strip(_WS)), depth + 1)
        start = end = image_at
        before = _previous_substantial(tokens, image_at)
        after = _next_substantial(tokens, image_at)
        if (
            before is not None
            and after is not None
            and _is_tag(tokens[before], "a")
            and _is_tag(tokens[after], "a", closing=True)
        ):
            start, end = before, after
        image_attrs = _attributes(tokens[image_at].attrs)
        image_classes = (_attribute(image_attrs, "class") or "").split()
        align = shortcode.attrs.get("align") or next(
            (c for c in image_classes if c in _ALIGN_CLASSES), ""
        )
        caption_parts = [
            shortcode.attrs.get("caption", ""),
            _joined(tokens[:start]),
            _joined(tokens[end + 1 :]),
        ]
        caption = " ".join(
            _caption_line_breaks(self.resolved(self.render(part.strip(_WS), depth + 1)))
            for part in caption_parts
            if part.strip(_WS)
        )
        alignment = _logical_alignment(align, self.direction)
        if not caption:
            # WordPress shows an uncaptioned [caption] as its image: the alignment moves to it.
            if align.lower() in _ALIGN_CLASSES and align.lower() not in image_classes:
                image_classes.append(align.lower())
                tokens[image_at] = _retagged(tokens[image_at], image_attrs, image_classes)
            return _joined(tokens[start : end + 1])
        # The figure carries the alignment now; the image keeps its other classes (wp-image-N).
        kept = [c for c in image_classes if c not in _ALIGN_CLASSES]
        tokens[image_at] = _retagged(tokens[image_at], image_attrs, kept)
        classes = " ".join(c for c in ("image-captioned", alignment) if c)
        image = _joined(tokens[start : end + 1])
        return self.placeholder(
            f'<figure class="{classes}">{image}<figcaption>{caption}</figcaption></figure>'
        )

    def gallery(self, shortcode: _Shortcode) -> str:
        ids = shortcode.attrs.get("ids") or shortcode.attrs.get("include") or ""
        images = []
        for part in ids.split(","):
            if not part.strip().isdecimal():
                continue
            attachment_id = int(part.strip())
            image = self.gallery_image(attachment_id)
            if image is None:
                self.missing_gallery_ids.append(attachment_id)
            else:
                images.append(image)
        # Each image a block of its own: an <img> gets a <p>, a <figure> stays as it is.
        return self.placeholder(_autop("\n\n".join(images), frozenset())) if images else ""


_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether a shortcode sits on its own: between line ends, block tags or other shortcodes."""
    while start > 0 and text[start - 1] in _HSPACE:
        start -= 1
    while end < len(text) and text[end] in _HSPACE:
        end += 1
    if start > 0 and text[start - 1] == ">":
        tag = _TAG_NAME.match(text, max(text.rfind("<", 0, start), 0))
        starts_clear = tag is not None and tag[1].lower() in BLOCK_TAGS
    else:
        starts_clear = start == 0 or text[start - 1] in "\n]"
    if text.startswith("<", end):
        tag = _TAG_NAME.match(text, end)
        ends_clear = tag is not None and tag[1].lower() in BLOCK_TAGS
    else:
        ends_clear = end == len(text) or text[end] in "\n["
    return starts_clear and ends_clear


def _is_tag(token: _Token, name: str, *, closing: bool = False) -> bool:
    return token.kind == "tag" and token.name == name and token.closing == closing


def _previous_substantial(tokens: list[_Token], index: int) -> int | None:
    for position in range(index - 1, -1, -1):
        if not (tokens[position].kind == "text" and _is_blank(tokens[position].text)):
            return position
    return None


def _next_substantial(tokens: list[_Token], index: int) -> int | None:
    for position in range(index + 1, len(tokens)):
        if not (tokens[position].kind == "text" and _is_blank(tokens[position].text)):
            return position
    return None


def _retagged(token: _Token, attrs: list[tuple[str, str | None]], classes: list[str]) -> _Token:
    attrs = _with_attribute(attrs, "class", " ".join(classes) or None)
    return token._replace(text=_start_tag(token.name, attrs))


# --- The whole body ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConvertedBody:
    html: str
    shortcodes: Counter  # the shortcodes left out, by name (what they enclosed is kept)
    missing_gallery_ids: list[int]  # gallery attachments gallery_image did not know


def convert_body(
    html: str, *, direction: str, gallery_image: Callable[[int], str | None]
) -> ConvertedBody:
    """Turn a WordPress post body into HTML for Dima: no block comments, shortcodes, <p>s.

    Only classic text is given paragraphs (WordPress does not run wpautop on block posts); its
    [caption]s become figures and its galleries the images `gallery_image` gives for their
    attachment IDs. Image sources are left to `rewrite_uploads`.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    marker = "dima-shortcode"
    while marker in html.lower():
        marker += "-x"
    renderer = _ShortcodeRenderer(direction, gallery_image, marker)
    parts = []
    for segment in _segments(html):
        expanded = renderer.render(segment.html)
        parts.append(_autop(expanded, frozenset({marker})) if segment.classic else expanded)
    body = renderer.resolved("".join(parts))
    return ConvertedBody(
        html=_logical_image_classes(body, direction),
        shortcodes=renderer.dropped,
        missing_gallery_ids=renderer.missing_gallery_ids,
    )


def _logical_image_classes(html: str, direction: str) -> str:
    """Replace WordPress's alignleft/right/center on images and figures by image-start/end/center.

    A figure holding an image and its caption also gets `image-captioned`, the class Dima's
    editor gives its captioned images.
    """
    out: list[str] = []
    figures: list[dict] = []
    for token in _tokens(html):
        if token.kind != "tag" or token.name not in ("img", "figure", "figcaption"):
            out.append(token.text)
            continue
        if token.name == "figcaption":
            if figures and not token.closing:
                figures[-1]["caption"] = True
            out.append(token.text)
            continue
        if token.name == "figure" and token.closing:
            if figures:
                figure = figures.pop()
                if figure["image"] and figure["caption"]:
                    out[figure["at"]] = _with_classes(out[figure["at"]], ["image-captioned"])
            out.append(token.text)
            continue
        if token.name == "img" and figures:
            figures[-1]["image"] = True
        if token.name == "figure":
            figures.append({"at": len(out), "image": False, "caption": False})
        out.append(_mapped_alignment(token, direction))
    return "".join(out)


def _mapped_alignment(token: _Token, direction: str) -> str:
    attrs = _attributes(token.attrs)
    classes = (_attribute(attrs, "class") or "").split()
    if not _ALIGN_CLASSES.intersection(classes):
        return token.text
    mapped: list[str] = []
    for name in classes:
        name = _logical_alignment(name, direction) if name in _ALIGN_CLASSES else name
        if name not in mapped:
            mapped.append(name)
    return _start_tag(token.name, _with_attribute(attrs, "class", " ".join(mapped)))


def _with_classes(start_tag: str, extra: list[str]) -> str:
    token = next(_tokens(start_tag))
    attrs = _attributes(token.attrs)
    classes = (_attribute(attrs, "class") or "").split()
    if all(name in classes for name in extra):
        return start_tag
    classes += [name for name in extra if name not in classes]
    return _start_tag(token.name, _with_attribute(attrs, "class", " ".join(classes)))


# --- Uploaded files ------------------------------------------------------------------------------

_SIZE_SUFFIX = re.compile(r"(?P<base>.+)-\d+x\d+")
_EDIT_SUFFIX = re.compile(r"(?P<base>.+)-(?:scaled|rotated)")


def uploads_path(src: str) -> str | None:
    """Return the path under `wp-content/uploads/` that an image URL points to, or None.

    Any host (the old domain, a CDN, localhost), a site-relative path, percent-encoded or not.
    """
    try:
        parts = urlsplit(src.strip(_WS))
    except ValueError:
        return None
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None
    segments = parts.path.split("/")
    for index in range(len(segments) - 1):
        if segments[index] == "wp-content" and segments[index + 1] == "uploads":
            rest = segments[index + 2 :]
            break
    else:
        return None
    if not rest or not rest[-1]:
        return None
    decoded = [_percent_decoded(segment) for segment in rest if segment]
    if any(
        segment in (".", "..") or "/" in segment or "\\" in segment or "\x00" in segment
        for segment in decoded
    ):
        return None
    return "/".join(decoded)


def _percent_decoded(segment: str) -> str:
    try:
        return unquote(segment, errors="strict")
    except UnicodeDecodeError:
        # Not UTF-8: a file named on an old Windows server.
        return unquote(segment, encoding="cp1252", errors="replace")


def original_candidates(relative: str) -> Iterator[str]:
    """Yield the path itself, then the original a WordPress size variant was made from.

    `photo-300x200.jpg` was cut from `photo.jpg` (or, for a big upload, `photo-scaled.jpg`);
    `photo-scaled.jpg` and `photo-rotated.jpg` stand for `photo.jpg`.
    """
    folder, slash, filename = relative.rpartition("/")
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    seen = {relative}
    yield relative
    sized = _SIZE_SUFFIX.fullmatch(stem)
    base = sized["base"] if sized else stem
    edited = _EDIT_SUFFIX.fullmatch(base)
    names = [base, edited["base"]] if edited else [base, f"{base}-scaled"] if sized else [base]
    for name in names:
        candidate = f"{folder}{slash}{name}{dot}{extension}"
        if candidate not in seen:
            seen.add(candidate)
            yield candidate


def rewrite_uploads(html: str, resolve: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """Point images (and links around them) into WordPress's uploads at Dima's copies.

    `resolve` gets a path under `wp-content/uploads/` (each of `original_candidates` in turn)
    and returns Dima's URL for it or None. An image found gets that URL (its srcset and sizes,
    which name the old files, go); one never found is removed. A link around an image is
    pointed the same way, or unwrapped. Returns the HTML and the uploads paths not found, each
    once, in order.
    """
    rewriter = _UploadsRewriter(resolve)
    for token in _tokens(html):
        rewriter.feed(token)
    rewriter.close_link("")
    return "".join(rewriter.out), rewriter.missing


class _UploadsRewriter:
    def __init__(self, resolve: Callable[[str], str | None]):
        self.resolve = resolve
        self.out: list[str] = []
        self.missing: list[str] = []
        self.link: dict | None = None  # the open <a>: where it is, its attributes, its images

    def feed(self, token: _Token) -> None:
        if token.kind == "tag" and token.name == "a":
            if not token.closing:
                self.close_link("")  # an <a> inside an <a> ends the first one, as in browsers
                self.link = {"at": len(self.out), "attrs": _attributes(token.attrs), "image": 0}
                self.out.append(token.text)
            elif self.link is not None:
                self.close_link(token.text)
            else:
                self.out.append(token.text)
        elif token.kind == "tag" and token.name == "img" and not token.closing:
            self.image(token)
        else:
            self.out.append(token.text)

    def located(self, url: str | None) -> tuple[str | None, str | None]:
        """The uploads path a URL names (None outside uploads) and Dima's URL for it."""
        relative = uploads_path(url) if url else None
        if relative is None:
            return None, None
        for candidate in original_candidates(relative):
            found = self.resolve(candidate)
            if found is not None:
                return relative, found
        if relative not in self.missing:
            self.missing.append(relative)
        return relative, None

    def image(self, token: _Token) -> None:
        if self.link is not None:
            self.link["image"] += 1
        attrs = _attributes(token.attrs)
        relative, found = self.located(_attribute(attrs, "src"))
        if relative is None:
            self.out.append(token.text)
        elif found is not None:
            attrs = _with_attribute(attrs, "src", found)
            attrs = _with_attribute(_with_attribute(attrs, "srcset", None), "sizes", None)
            self.out.append(_start_tag("img", attrs))

    def close_link(self, end_tag: str) -> None:
        link, self.link = self.link, None
        if link is None:
            return
        if not link["image"]:
            self.out.append(end_tag)
            return
        inside = "".join(self.out[link["at"] + 1 :])
        if _is_blank(inside):
            # Its image was removed: what is left would be an empty, invisible link.
            del self.out[link["at"] :]
            self.out.append(inside)
            return
        relative, found = self.located(_attribute(link["attrs"], "href"))
        if found is not None:
            self.out[link["at"]] = _start_tag("a", _with_attribute(link["attrs"], "href", found))
        elif relative is not None:
            self.out[link["at"]] = ""
            return
        self.out.append(end_tag)
