from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from articles.navigation import request_sections


def navigation(request: HttpRequest) -> dict:
    # Evaluated once per page however often the templates use it (header and footer).
    return {
        "site_name": settings.DIMA_SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: request_sections(request)),
    }
