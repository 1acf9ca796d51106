"""The middleware every request passes, whatever page it asks for.

A health check answered before anything else (load balancers probe by internal address), a
guard that refuses NUL characters before they reach PostgreSQL, the Content-Security-Policy
header (django-csp's, built once per process for reader pages, with the admin editor's
additions), and a 503 with Retry-After instead of a 500 while the database is unreachable.
None of it knows about articles, comments or consent: the order they run in is
MIDDLEWARE in dima/settings.py.
"""

import functools
import json
import logging
from collections.abc import Callable
from datetime import UTC
from typing import NoReturn

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest
from django.core.signals import setting_changed
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Count, Min
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from csp.constants import HEADER
from csp.exceptions import CSPNonceError
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


def health_report() -> tuple[bool, dict[str, str | int | None]]:
    """Whether the site can serve pages: the database must answer; the cache may not. The
    task queue's backlog is reported, never a reason to fail: pages are served whatever it is.
    """
    report: dict[str, str | int | None] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = "ok"
    except DatabaseError:
        report["database"] = "unavailable"
    # The cache is optional: pages are still served without it (slower).
    cache.set("healthz", "ok", timeout=10)
    report["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
    if report["database"] == "ok":
        report.update(task_backlog())
    return report["database"] == "ok", report


# Beyond this many waiting tasks the count stops (and says so with ">="): one bounded query.
BACKLOG_COUNT_LIMIT = 10_000


def task_backlog() -> dict[str, str | int | None]:
    """The tasks due and not yet taken by a worker, and how long the oldest has waited (in
    seconds, None when none waits). Empty for a queue without a backlog (the tests' immediate
    backend). One query on the database queue, two O(1) calls on RQ."""
    backend = settings.TASKS["default"]["BACKEND"]
    try:
        if backend == "django_tasks_db.DatabaseBackend":
            waiting, oldest = _database_backlog()
        elif backend == "django_tasks_rq.RQBackend":
            waiting, oldest = _rq_backlog()
        else:
            return {}
    except Exception:  # a report, never a failure of the health check
        logger.warning("The task backlog could not be read", exc_info=True)
        return {"tasks": "unavailable"}
    age = None if oldest is None else max(0, round((timezone.now() - oldest).total_seconds()))
    return {
        "tasks_waiting": (waiting if waiting < BACKLOG_COUNT_LIMIT else f">={BACKLOG_COUNT_LIMIT}"),
        "oldest_task_waiting_seconds": age,
    }


def _database_backlog():
    from django_tasks_db.models import DBTaskResult

    # In the workers' own order, so the partial index on waiting tasks is read and nothing
    # sorted; beyond the limit the oldest is the oldest of the first BACKLOG_COUNT_LIMIT.
    head = (
        DBTaskResult.objects.ready()
        .order_by(*DBTaskResult._meta.ordering)
        .values("enqueued_at")[:BACKLOG_COUNT_LIMIT]
    )
    found = head.aggregate(waiting=Count("enqueued_at"), oldest=Min("enqueued_at"))
    return found["waiting"], found["oldest"]


def _rq_backlog():
    import django_rq

    queue = django_rq.get_queue("default")
    first = queue.get_jobs(0, 1)
    oldest = first[0].enqueued_at if first else None
    if oldest is not None and timezone.is_naive(oldest):  # older rq releases: naive UTC
        oldest = timezone.make_aware(oldest, UTC)
    return queue.count, oldest


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


@functools.cache
def settings_policy() -> str | None:
    """The policy of the settings alone, built once per process; None when the settings ask
    for more than one enforced policy for every address (a report-only policy, exclusions)."""
    enforced = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
        return None
    if enforced.get("EXCLUDE_URL_PREFIXES"):
        return None
    return build_policy() or None


@receiver(setting_changed)
def forget_settings_policy(*, setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        settings_policy.cache_clear()


def nonce_after_response() -> NoReturn:
    raise CSPNonceError("The CSP header is already written: a nonce asked for now is in no policy.")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with what the admin's CKEditor 4 needs on admin pages only.

    Built on django-csp's public surface: the `get_policy_parts` hook (where its decorators
    and the request's nonce show up), `build_policy` and `PolicyParts`. A reader page whose
    parts are empty gets the settings' policy, the same string for every page, built once per
    process instead of twice per request (it was a fifth of a page-cache hit); anything
    tailored (the admin, a `csp`/`csp_update`/`csp_replace` decorator, a nonce) goes through
    django-csp's own `process_response`. `tests/test_content_security_policy.py` fails if
    the hook stops reporting what this relies on.

    django-csp offers no public way to ask whether a response was marked `csp_exempt()`, so
    reader pages do not look for that mark: a page that must go without a policy is listed
    in the settings' `EXCLUDE_URL_PREFIXES` (which sends every page through django-csp).
    """

    ADMIN_PREFIX = "/admin/"
    # CKEditor 4 wires its toolbar with inline event handlers; only staff reach these pages,
    # and what they type is sanitised before any reader sees it. The reader pages' script
    # hash is left out: next to a hash, browsers ignore 'unsafe-inline'.
    ADMIN_SCRIPTS = {"script-src": ["'self'", "'unsafe-inline'"]}
    ADMIN_ADDITIONS = {"img-src": ["blob:"]}

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponse, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(self.ADMIN_PREFIX) and parts.update is None:
            parts.update = self.ADMIN_ADDITIONS
            parts.replace = self.ADMIN_SCRIPTS
        return parts

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        policy = settings_policy()
        # DEBUG: django-csp leaves Django's error pages (inline scripts) without a policy.
        if policy is None or settings.DEBUG or not self.is_untailored(request, response):
            return super().process_response(request, response)
        response.headers.setdefault(HEADER, policy)
        # As django-csp does: a nonce asked for once the header is written is an error.
        request.csp_nonce = CheckableLazyObject(nonce_after_response)
        return response

    def is_untailored(self, request: HttpRequest, response: HttpResponse) -> bool:
        """Nothing about this response changes the settings' policy (admin pages' additions
        included), as the `get_policy_parts` hook reports it."""
        return self.get_policy_parts(request, response) == PolicyParts() and (
            self.get_policy_parts(request, response, report_only=True) == PolicyParts()
        )


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
