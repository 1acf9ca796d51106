from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language_from_path, override

from cookie_consent.cache import all_cookie_groups

from consent import catalogue
from consent.banner import banner_text

CACHE_KEY = "consent:banner-html:{language}"
NEXT_PLACEHOLDER = "__dima_next__"

# This process's copy of each language's banner, with the page generation it was read in.
# Any change to the banner's text or groups starts a new generation (consent/signals.py), so
# a copy is only used while the pages it goes into are current. Saves a cache round trip on
# most page views.
_banners_of_generation: dict[str, tuple[int, str]] = {}


def render_banner(request: HttpRequest) -> str:
    """The banner in the page's language; no CSRF token, as the page may come from a cache.

    Rendered once per language and kept in the cache (it is added to many pages a second);
    only the address to come back to differs between pages.
    """
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    generation = getattr(request, "page_generation", None)
    kept = _banners_of_generation.get(language)
    if generation is not None and kept is not None and kept[0] == generation:
        html = kept[1]
    else:
        html = shared_banner(language)
        if generation is not None:
            _banners_of_generation[language] = (generation, html)
    return html.replace(NEXT_PLACEHOLDER, escape(request.get_full_path()))


def shared_banner(language: str) -> str:
    key = CACHE_KEY.format(language=language)
    html = cache.get(key)
    if html is None:
        with override(language):
            html = render_to_string(
                "consent/banner.html",
                {
                    "banner": banner_text(language),
                    "groups": [
                        {"varname": varname, "name": catalogue.group_name(group)}
                        for varname, group in all_cookie_groups().items()
                    ],
                    "next": NEXT_PLACEHOLDER,
                },
            )
        cache.set(key, html, timeout=None)
    return html


def forget_rendered_banners() -> None:
    _banners_of_generation.clear()
    cache.delete_many([CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])
