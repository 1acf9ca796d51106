"""WordPress's export format (WXR 1.0–1.2) as plain data, read as a stream.

`read_export` walks the file once with an iterparse and yields what it meets in the order
WordPress writes it: the `Site` (the channel's own fields), then `Author`s, `Term`s and
`Item`s (posts, pages, attachments, with their meta and comments). Each item is dropped from
memory once it has been handed on, so a file of any size costs the memory of one item.

The parser is defusedxml's: a DTD, an entity (the "billion laughs" bomb) or an external
reference stops the read with a `WxrError`, as does malformed XML (with its line and column)
or a file that is not a WordPress export.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

WP_NAMESPACE = "http://wordpress.org/export/"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")


class WxrError(Exception):
    """The file cannot be read as a WordPress export; the message is one line for a person."""


@dataclass
class Site:
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""


@dataclass
class Author:
    id: int | None
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category, a tag or another taxonomy's term. Slugs are as WordPress stores them
    (Arabic ones percent-encoded, in lower case); the parent is named by its slug."""

    taxonomy: str
    slug: str
    name: str
    id: int | None = None
    parent_slug: str = ""
    description: str = ""


@dataclass
class Comment:
    id: int
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    date: datetime | None = None  # the site's local time, naive
    date_gmt: datetime | None = None  # aware, UTC
    content: str = ""
    approved: str = "1"  # "1", "0", "spam", "trash"
    type: str = ""  # "" or "comment"; "pingback", "trackback"
    parent: int = 0
    user_id: int = 0


@dataclass
class ItemTerm:
    """One of an item's categories or tags: the taxonomy, the slug and the name."""

    domain: str
    nicename: str
    name: str


@dataclass
class Item:
    id: int
    type: str = "post"
    status: str = "publish"
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""  # the author's login
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None  # local, naive
    date_gmt: datetime | None = None  # aware; None for drafts WordPress never dated
    modified_gmt: datetime | None = None
    comment_status: str = "open"
    name: str = ""  # the slug, as stored (percent-encoded)
    parent: int = 0
    menu_order: int = 0
    password: str = ""
    is_sticky: bool = False
    attachment_url: str = ""
    terms: list[ItemTerm] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)

    def meta_value(self, key: str) -> str | None:
        values = self.meta.get(key)
        return values[0] if values else None

    def terms_of(self, domain: str) -> list[ItemTerm]:
        return [term for term in self.terms if term.domain == domain]


def _local(tag: str) -> tuple[str, str]:
    """("wp", "post_id") for "{http://wordpress.org/export/1.2/}post_id", and so on."""
    if not tag.startswith("{"):
        return "", tag
    namespace, _, name = tag[1:].partition("}")
    if namespace.startswith(WP_NAMESPACE):
        return ("excerpt" if namespace.rstrip("/").endswith("excerpt") else "wp"), name
    if namespace == CONTENT_NAMESPACE:
        return "content", name
    if namespace == DC_NAMESPACE:
        return "dc", name
    return namespace, name


def _children(element: Element) -> Iterator[tuple[str, str, Element]]:
    for child in element:
        prefix, name = _local(child.tag)
        yield prefix, name, child


def _text(element: Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _int(value: str) -> int:
    try:
        return int(value.strip() or 0)
    except ValueError:
        return 0


def parse_date(value: str, *, utc: bool = False) -> datetime | None:
    """WordPress's "2022-05-23 21:06:22"; its "0000-00-00 00:00:00" means no date."""
    value = value.strip()
    if not value or value.startswith("0000"):
        return None
    try:
        moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if utc else moment


def _author(element: Element) -> Author:
    fields = {name: _text(child) for prefix, name, child in _children(element) if prefix == "wp"}
    return Author(
        id=_int(fields.get("author_id", "")) or None,
        login=fields.get("author_login", ""),
        email=fields.get("author_email", ""),
        display_name=fields.get("author_display_name", ""),
        first_name=fields.get("author_first_name", ""),
        last_name=fields.get("author_last_name", ""),
    )


def _term(name: str, element: Element) -> Term:
    fields = {tag: _text(child) for prefix, tag, child in _children(element) if prefix == "wp"}
    if name == "category":
        return Term(
            taxonomy="category",
            id=_int(fields.get("term_id", "")) or None,
            slug=fields.get("category_nicename", ""),
            name=fields.get("cat_name", ""),
            parent_slug=fields.get("category_parent", ""),
            description=fields.get("category_description", ""),
        )
    if name == "tag":
        return Term(
            taxonomy="post_tag",
            id=_int(fields.get("term_id", "")) or None,
            slug=fields.get("tag_slug", ""),
            name=fields.get("tag_name", ""),
            description=fields.get("tag_description", ""),
        )
    return Term(
        taxonomy=fields.get("term_taxonomy", ""),
        id=_int(fields.get("term_id", "")) or None,
        slug=fields.get("term_slug", ""),
        name=fields.get("term_name", ""),
        parent_slug=fields.get("term_parent", ""),
        description=fields.get("term_description", ""),
    )


def _comment(element: Element) -> Comment:
    fields = {name: _text(child) for prefix, name, child in _children(element) if prefix == "wp"}
    return Comment(
        id=_int(fields.get("comment_id", "")),
        author=fields.get("comment_author", ""),
        author_email=fields.get("comment_author_email", ""),
        author_url=fields.get("comment_author_url", ""),
        author_ip=fields.get("comment_author_IP", ""),
        date=parse_date(fields.get("comment_date", "")),
        date_gmt=parse_date(fields.get("comment_date_gmt", ""), utc=True),
        content=fields.get("comment_content", ""),
        approved=fields.get("comment_approved", "1").strip(),
        type=fields.get("comment_type", "").strip(),
        parent=_int(fields.get("comment_parent", "")),
        user_id=_int(fields.get("comment_user_id", "")),
    )


_ITEM_TEXT = {
    ("", "title"): "title",
    ("", "link"): "link",
    ("", "guid"): "guid",
    ("dc", "creator"): "creator",
    ("content", "encoded"): "content",
    ("excerpt", "encoded"): "excerpt",
    ("wp", "comment_status"): "comment_status",
    ("wp", "post_name"): "name",
    ("wp", "status"): "status",
    ("wp", "post_type"): "type",
    ("wp", "post_password"): "password",
    ("wp", "attachment_url"): "attachment_url",
}


def _item(element: Element) -> Item:
    item = Item(id=0)
    for prefix, name, child in _children(element):
        if (prefix, name) in _ITEM_TEXT:
            setattr(item, _ITEM_TEXT[prefix, name], _text(child))
        elif prefix == "wp" and name == "post_id":
            item.id = _int(_text(child))
        elif prefix == "wp" and name == "post_date":
            item.date = parse_date(_text(child))
        elif prefix == "wp" and name == "post_date_gmt":
            item.date_gmt = parse_date(_text(child), utc=True)
        elif prefix == "wp" and name == "post_modified_gmt":
            item.modified_gmt = parse_date(_text(child), utc=True)
        elif prefix == "wp" and name == "post_parent":
            item.parent = _int(_text(child))
        elif prefix == "wp" and name == "menu_order":
            item.menu_order = _int(_text(child))
        elif prefix == "wp" and name == "is_sticky":
            item.is_sticky = _text(child).strip() == "1"
        elif prefix == "" and name == "category":
            item.terms.append(
                ItemTerm(
                    domain=child.get("domain", "category"),
                    nicename=child.get("nicename", ""),
                    name=_text(child),
                )
            )
        elif prefix == "wp" and name == "postmeta":
            meta = {tag: _text(part) for p, tag, part in _children(child) if p == "wp"}
            item.meta.setdefault(meta.get("meta_key", ""), []).append(meta.get("meta_value", ""))
        elif prefix == "wp" and name == "comment":
            item.comments.append(_comment(child))
    return item


_SITE_FIELDS = {
    ("", "title"): "title",
    ("", "link"): "link",
    ("", "description"): "description",
    ("", "language"): "language",
    ("wp", "base_site_url"): "base_site_url",
    ("wp", "base_blog_url"): "base_blog_url",
    ("wp", "wxr_version"): "wxr_version",
}


def _check_version(site: Site, name: str) -> None:
    if not site.wxr_version:
        raise WxrError(f"{name}: not a WordPress export (no wp:wxr_version in the channel).")
    if site.wxr_version.strip() not in SUPPORTED_VERSIONS:
        raise WxrError(
            f"{name}: WXR version {site.wxr_version.strip()} is not one this importer reads "
            f"({', '.join(SUPPORTED_VERSIONS)})."
        )


def read_export(
    source: str | Path | BinaryIO, *, name: str = ""
) -> Iterator[Site | Author | Term | Item]:
    """Yield the site, then authors, terms and items as they come; raise WxrError on bad input.

    `source` is a path or a binary file object (`name` then names it in messages).
    """
    name = name or (Path(source).name if isinstance(source, str | Path) else "export")
    site = Site()
    site_given = False
    depth = 0
    channel = None
    try:
        source = str(source) if isinstance(source, Path) else source
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                depth += 1
                if depth == 1 and _local(element.tag) != ("", "rss"):
                    raise WxrError(f"{name}: not a WordPress export (the document is not RSS).")
                if depth == 2:
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            prefix, tag = _local(element.tag)
            if (prefix, tag) in _SITE_FIELDS:
                setattr(site, _SITE_FIELDS[prefix, tag], _text(element).strip())
                channel.remove(element)
                continue
            content = (prefix, tag) in (("wp", "author"), ("wp", "category"), ("wp", "tag"))
            content = content or (prefix, tag) in (("wp", "term"), ("", "item"))
            if content and not site_given:
                # The channel's own fields all come before the first author, term or item.
                _check_version(site, name)
                site_given = True
                yield site
            if prefix == "wp" and tag == "author":
                yield _author(element)
            elif prefix == "wp" and tag in ("category", "tag", "term"):
                yield _term(tag, element)
            elif prefix == "" and tag == "item":
                yield _item(element)
            channel.remove(element)
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        reason = str(error).split(":")[0]
        raise WxrError(f"{name}: line {line}, column {column}: {reason}.") from None
    except DefusedXmlException as error:
        raise WxrError(f"{name}: refused: {_defused_reason(error)}.") from None
    except UnicodeDecodeError as error:
        reason = error.reason
        raise WxrError(f"{name}: not valid text in its declared encoding ({reason}).") from None
    except OSError as error:
        raise WxrError(f"{name}: cannot be read ({error.strerror or error}).") from None
    if not site_given:
        _check_version(site, name)
        yield site


def _defused_reason(error: DefusedXmlException) -> str:
    kind = type(error).__name__
    return {
        "DTDForbidden": "the file declares a DTD, which a WordPress export never has",
        "EntitiesForbidden": "the file declares XML entities (an entity-expansion attack)",
        "ExternalReferenceForbidden": "the file refers to an external entity",
        "NotSupportedError": "the file uses an XML feature the importer does not accept",
    }.get(kind, kind)
