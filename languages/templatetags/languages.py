"""Tags every page may use about the site's languages (Arabic, French, English).

`language_links` gives the current address in each language, for the switcher and the
hreflang links of base.html; `text_direction` gives "rtl" or "ltr" for a language code, for a
text whose language is not the page's (an article written in French on the Arabic site).
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_urlconf, translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.filter
def text_direction(language_code: str) -> str:
    """ "rtl" or "ltr" for a language code, e.g. an article's own language."""
    return "rtl" if get_language_info(language_code)["bidi"] else "ltr"


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """This page in each of the site's languages, for the switcher and hreflang links."""
    current = get_language()
    request = context["request"]
    # Only the parameters pages read (PAGE_CACHE_QUERY_KEYS) are carried to the other
    # languages, as the page cache keeps them: a tracking parameter or a junk one neither
    # reaches the links nor fills the memo below.
    query = urlencode(
        sorted(
            (key, value)
            for key, values in request.GET.lists()
            if key in settings.PAGE_CACHE_QUERY_KEYS
            for value in values
        )
    )
    address = f"{request.path}?{query}" if query else request.path
    links = (
        _language_links(address, get_urlconf())
        if len(address) <= MEMO_ADDRESS_LENGTH
        else _translated(address)
    )
    return [{**link, "current": link["code"] == current} for link in links]


# Addresses longer than this (never a page's own) are translated each time, not remembered.
MEMO_ADDRESS_LENGTH = 400


@lru_cache(maxsize=2048)
def _language_links(path: str, _urlconf) -> tuple[dict, ...]:
    # Resolving and reversing an address three times is a tenth of a page's rendering; an
    # address always translates the same way (the URLconf is fixed), so once per process.
    return _translated(path)


def _translated(path: str) -> tuple[dict, ...]:
    return tuple(
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
    )
