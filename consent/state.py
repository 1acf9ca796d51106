"""A reader's cookie choices, read from django-cookie-consent's cookie once per request."""

from django.http import HttpRequest

from cookie_consent.cache import all_cookie_groups
from cookie_consent.conf import settings
from cookie_consent.util import get_cookie_value_from_request


def reader_choices(request: HttpRequest) -> dict[str, bool | None]:
    """Each optional cookie group: True (accepted), False (declined) or None (not asked yet).

    A choice made before a cookie was added to its group counts as not asked: the reader is
    asked again about what is new.
    """
    if not hasattr(request, "_consent_choices"):
        request._consent_choices = {
            varname: get_cookie_value_from_request(request, varname)
            for varname in all_cookie_groups()
        }
    return request._consent_choices


def consents_to(request: HttpRequest, varname: str) -> bool:
    return reader_choices(request).get(varname) is True


def has_decided(request: HttpRequest) -> bool:
    if settings.COOKIE_CONSENT_NAME not in request.COOKIES:
        return False
    return None not in reader_choices(request).values()
