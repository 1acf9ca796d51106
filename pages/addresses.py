"""A page's address: how an editor's spelling is stored, and which addresses a page may take.

A page's address is stored decoded with a slash at each end (`/من-نحن/`, `/about/team/`).
Like an article, the page is served there on the Arabic site and under /fr/ and /en/ with the
interface in that language, so an address cannot itself begin with a language code. Nor may
it take an address another part of the site answers (/articles/…, /admin/…):
`django.urls.resolve` must lead to the page view, and the first part of the address must not
be one the site's other routes begin with (`/section/` alone leads to the page view, but
belongs to the sections).
"""

import re
from urllib.parse import unquote

from django.conf import settings
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation
from django.utils.translation import gettext as _

PAGE_VIEW_NAME = "pages:detail"
ALLOWED = re.compile(r"[-\w/.~]+")
LITERAL_SEGMENT = re.compile(r"[-\w.~]+")


def page_address(value: str) -> str:
    """`value` as a page's address is stored: decoded, with a slash at each end."""
    address = unquote(value.strip())
    return "/" + address.strip("/") + "/" if address.strip("/") else "/"


def site_segments() -> set[str]:
    """The first parts of the addresses the site's other views answer: admin, articles...

    Read from the URL patterns, so a new app's addresses are reserved as soon as it is routed;
    the page view's own pattern begins with no literal part.
    """
    segments: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern).removeprefix("^")
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
                continue
            first = route.split("/", 1)[0]
            if LITERAL_SEGMENT.fullmatch(first):
                segments.add(first)

    with translation.override(settings.LANGUAGE_CODE):  # no language prefix
        walk(get_resolver().url_patterns, "")
    # Files are served there before any route is tried (WhiteNoise, the media server).
    for files_url in (settings.STATIC_URL, settings.MEDIA_URL):
        segments.add(files_url.strip("/").split("/", 1)[0])
    return segments


def address_errors(address: str) -> list[str]:
    """Why `address` (as stored) cannot be a page's, or an empty list."""
    if address == "/":
        return [_("The home page’s address cannot be given to a page.")]
    if not ALLOWED.fullmatch(address):
        return [
            _(
                "Use letters, digits, hyphens, underscores, dots and slashes only, "
                "e.g. /من-نحن/ or /about/team/."
            )
        ]
    if ".." in address or "//" in address:
        return [_("The address cannot contain “..” or an empty part (“//”).")]
    first = address.strip("/").split("/", 1)[0]
    if first in {code for code, _name in settings.LANGUAGES}:
        return [
            _(
                "An address cannot begin with a language code (/fr/, /en/): the page is "
                "served under each language's prefix by itself."
            )
        ]
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(address)
        except Resolver404:
            match = None
    leads_to_page = (
        match is not None
        and match.view_name == PAGE_VIEW_NAME
        and "/" + match.kwargs["url"] == address
    )
    if not leads_to_page or first in site_segments():
        return [_("This address belongs to another part of the site: choose another one.")]
    return []
