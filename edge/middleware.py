"""Project-wide middleware: health check, 503 without a database, CSP, a NUL guard, cookies."""

import json
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


def health_report() -> tuple[bool, dict[str, str]]:
    """Whether the site can serve pages: the database must answer; the cache may not."""
    report = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = "ok"
    except DatabaseError:
        report["database"] = "unavailable"
    # The cache is optional: pages are still served without it (slower).
    cache.set("healthz", "ok", timeout=10)
    report["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
    return report["database"] == "ok", report


class HealthCheckMiddleware:
    """Answer /healthz before host validation: load balancers probe by internal address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        healthy, report = health_report()
        response = HttpResponse(
            json.dumps(report), content_type="application/json", status=200 if healthy else 503
        )
        response["Cache-Control"] = "no-store"
        return response


class RejectNullCharactersMiddleware:
    """Refuse a NUL character in the address or its parameters with a 400.

    PostgreSQL cannot store or compare text holding NUL and raises DataError (a 500) where
    SQLite quietly accepts it; no honest link carries one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the request address")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with what the admin's CKEditor 4 needs on admin pages only."""

    ADMIN_PREFIX = "/admin/"
    # CKEditor 4 wires its toolbar with inline event handlers; only staff reach these pages,
    # and what they type is sanitised before any reader sees it. The reader pages' script
    # hash is left out: next to a hash, browsers ignore 'unsafe-inline'.
    ADMIN_SCRIPTS = {"script-src": ["'self'", "'unsafe-inline'"]}
    ADMIN_ADDITIONS = {"img-src": ["blob:"]}

    # Per process: the policy built from settings, with the settings object it was built from.
    _settings_policy: tuple[int, str] | None = None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """A reader page's policy is the settings' own, the same string for every page: it is
        built once per process rather than twice per request (a fifth of a page-cache hit)."""
        if not self.uses_settings_policy(request, response):
            return super().process_response(request, response)
        response.headers.setdefault(HEADER, self.settings_policy())
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def uses_settings_policy(self, request: HttpRequest, response: HttpResponse) -> bool:
        tailored = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")
        return (
            not request.path.startswith(self.ADMIN_PREFIX)
            and getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in tailored)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
        )

    @classmethod
    def settings_policy(cls) -> str:
        source = settings.CONTENT_SECURITY_POLICY
        kept = cls._settings_policy
        if kept is None or kept[0] != id(source):
            kept = cls._settings_policy = (id(source), build_policy())
        return kept[1]

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponse, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(self.ADMIN_PREFIX) and parts.update is None:
            parts.update = self.ADMIN_ADDITIONS
            parts.replace = self.ADMIN_SCRIPTS
        return parts


class DatabaseUnavailableMiddleware:
    """Answer 503 (retry shortly) rather than 500 while the database cannot be reached.

    Load balancers and caches treat a 503 as temporary: a CDN may serve a stale copy.
    """

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception)
        response = HttpResponse(
            render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8"
        )
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
