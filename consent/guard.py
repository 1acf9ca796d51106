"""Which cookies a response may not set, given what the reader has (or has just) agreed to."""

from http.cookies import Morsel

from django.http import HttpRequest, HttpResponse

from cookie_consent.cache import all_cookie_groups
from cookie_consent.conf import settings
from cookie_consent.util import parse_cookie_str

from consent.state import reader_choices


def is_deletion(morsel: Morsel) -> bool:
    return str(morsel["max-age"]) == "0" or "1970" in str(morsel["expires"])


def choices_after(request: HttpRequest, response: HttpResponse) -> dict[str, bool | None]:
    """The reader's choices once this response is received: it may carry a new choice."""
    if settings.COOKIE_CONSENT_NAME not in response.cookies:
        return reader_choices(request)
    chosen = parse_cookie_str(response.cookies[settings.COOKIE_CONSENT_NAME].value)
    return {
        varname: None
        if varname not in chosen
        else chosen[varname] != settings.COOKIE_CONSENT_DECLINE
        for varname in all_cookie_groups()
    }


def unconsented_cookies(request: HttpRequest, response: HttpResponse) -> list[str]:
    if not response.cookies:
        return []
    groups = {
        cookie.name: varname
        for varname, group in all_cookie_groups().items()
        for cookie in group.cookie_set.all()
    }
    setting = [
        name
        for name, morsel in response.cookies.items()
        if name in groups and not is_deletion(morsel)
    ]
    if not setting:
        return []
    choices = choices_after(request, response)
    return [name for name in setting if choices.get(groups[name]) is not True]
