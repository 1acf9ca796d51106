"""The addresses a WordPress site gave its things, which must keep working after the move.

Each item's `<link>` is the permalink WordPress made with the site's own structure
(`/%postname%/`, `/%year%/%monthnum%/%day%/%postname%/`, `/archives/%post_id%`…), so it is
taken as it is rather than rebuilt. Only the path and query are kept: the domain moves with
the site. Category, tag and author addresses follow WordPress's default bases (`/category/`,
`/tag/`, `/author/`), which the export does not record.
"""

import re
from urllib.parse import quote, unquote, urlsplit

from wordpress.wxr import Item, Term


def decoded(value: str) -> str:
    """A slug or path as WordPress stores it (percent-encoded), decoded for people, without
    the control characters an encoding can smuggle in (`%00`)."""
    return "".join(ch for ch in unquote(value) if ch.isprintable())


def local_address(url: str) -> str | None:
    """The path and query of a URL, or None for the bare home address."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    address = path + (f"?{parts.query}" if parts.query else "")
    return None if address == "/" else address


def _renamed(link_path: str, current: str, old: str) -> str | None:
    """The permalink as it was under an old slug: the segment holding the slug replaced."""
    segments = link_path.split("/")
    decoded = unquote(current).lower()
    for n in range(len(segments) - 1, -1, -1):
        if segments[n] and unquote(segments[n]).lower() == decoded:
            segments[n] = quote(unquote(old), safe="").lower() if old else segments[n]
            return "/".join(segments)
    return None


def item_addresses(item: Item, *, query_key: str) -> list[str]:
    """Every address the item was known by: its permalink, `?p=ID` (or `?page_id=ID`), its
    GUID when that is a query address, and the permalinks of its former slugs."""
    addresses = [f"/?{query_key}={item.id}"]
    link = local_address(item.link) if item.link else None
    if link:
        addresses.append(link)
    guid = local_address(item.guid) if item.guid else None
    if guid and "?" in guid:
        addresses.append(guid)
    if link and "?" not in link and item.name:
        for old in item.meta.get("_wp_old_slug", []):
            renamed = _renamed(link, item.name, old.strip())
            if renamed:
                addresses.append(renamed)
    return list(dict.fromkeys(addresses))


def category_path(term: Term, by_slug: dict[str, Term]) -> str:
    """WordPress's /category/parent/child/ path of a category, its ancestors included."""
    slugs, seen = [term.slug], {term.slug}
    parent = by_slug.get(term.parent_slug)
    while parent is not None and parent.slug not in seen:
        slugs.insert(0, parent.slug)
        seen.add(parent.slug)
        parent = by_slug.get(parent.parent_slug)
    return "/".join(slugs)


def nicename(login: str) -> str:
    """The slug WordPress makes of a login for its author pages (user_nicename)."""
    return re.sub(r"[^a-z0-9_-]+", "-", login.lower()).strip("-")
