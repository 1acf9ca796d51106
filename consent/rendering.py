"""The banner as HTML, rendered once per language and version of what every page shows
(`site`, pagecache.dependencies), kept at two levels.

What is kept, and what forgets it:

- In Django's cache, for the current `site` version (pagecache.dependencies.kept_until_changed):
  shared by every process. Saving or deleting a banner text, a cookie group or a cookie
  moves it on (consent/signals.py), and so does a change to the menu.
- In this process (`_banners_of_version`), with the version it was read in: it is used only
  while the request's `site` version is the same, so it saves a cache round trip on most
  page views and ends with the version too.
"""

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import get_language_from_path, override

from cookie_consent.cache import all_cookie_groups

from consent import catalogue
from consent.banner import banner_text
from pagecache.dependencies import SITE, kept_until_changed, version_key
from pagecache.versions import current_version

NEXT_PLACEHOLDER = "__dima_next__"

_banners_of_version: dict[str, tuple[int, str]] = {}


def render_banner(request: HttpRequest) -> str:
    """The banner in the page's language; no CSRF token, as the page may come from a cache.

    Added to many pages a second, so only the address to come back to is filled in here.
    """
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    # Left on the request by the page cache when it looked (`site` first); read here otherwise.
    versions = getattr(request, "page_versions", None)
    version = versions[0] if versions else current_version(version_key(SITE))
    kept = _banners_of_version.get(language)
    if kept is None or kept[0] != version:
        kept = _banners_of_version[language] = (version, shared_banner(language))
    return kept[1].replace(NEXT_PLACEHOLDER, escape(request.get_full_path()))


def shared_banner(language: str) -> str:
    # Only a change moves the banner on: the clock striking does not.
    return kept_until_changed(
        f"consent-banner:{language}",
        lambda: rendered_banner(language),
        depends_on=SITE,
        changes_by_itself=False,
    )


def rendered_banner(language: str) -> str:
    with override(language):
        return render_to_string(
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
