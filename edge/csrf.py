"""When a form arrives without a valid CSRF token: keep what the reader sent, ask once more.

Cached pages carry no CSRF token (it would be one reader's token shared with all); with
JavaScript, static/js/consent.js fetches one before a form is sent. A reader without
JavaScript sends the form without it: instead of Django's bare 403, they get the same form
back, filled in, with a fresh token, and press the button again. Nothing is lost.

Each app says which of its views answers for which form (`answers_csrf_failure_of`); edge
knows none of them.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

HANDLER_ATTRIBUTE = "csrf_failure_handler"

View = Callable[..., HttpResponse]


def answers_csrf_failure_of(view: View) -> Callable[[View], View]:
    """Make the decorated view answer a POST to `view` that failed the CSRF check.

    It is called as `view` would have been, with the URL's arguments, and answers 403.
    """

    def register(handler: View) -> View:
        setattr(view, HANDLER_ATTRIBUTE, handler)
        return handler

    return register


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    match = getattr(request, "resolver_match", None)
    handler = getattr(match.func, HANDLER_ATTRIBUTE, None) if match else None
    if handler is not None:
        return handler(request, *match.args, **match.kwargs)
    return render(request, "403_csrf.html", status=403)
