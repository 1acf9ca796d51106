from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language_from_path, override

from cookie_consent.cache import all_cookie_groups

from consent import catalogue
from consent.banner import banner_text


def render_banner(request: HttpRequest) -> str:
    """The banner in the page's language; no CSRF token, as the page may come from a cache."""
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with override(language):
        return render_to_string(
            "consent/banner.html",
            {
                "banner": banner_text(language),
                "groups": [
                    {"varname": varname, "name": catalogue.group_name(group)}
                    for varname, group in all_cookie_groups().items()
                ],
                "next": request.get_full_path(),
            },
        )
