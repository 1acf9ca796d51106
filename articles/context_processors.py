from django.conf import settings
from django.http import HttpRequest

from articles.navigation import navigation_sections


def navigation(request: HttpRequest) -> dict:
    return {"site_name": settings.DIMA_SITE_NAME, "nav_sections": navigation_sections}
