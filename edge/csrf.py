"""When a form arrives without a valid CSRF token: keep what the reader sent, ask once more.

Cached pages carry no CSRF token (it would be one reader's token shared with all); with
JavaScript, static/js/consent.js fetches one before a form is sent. A reader without
JavaScript sends the form without it: instead of Django's bare 403, they get the same form
back, filled in, with a fresh token, and press the button again. Nothing is lost.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from comments.views import resend_comment_form
from consent.views import confirm_choice


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    match = getattr(request, "resolver_match", None)
    if match and match.view_name == "comments:post":
        return resend_comment_form(request, match.kwargs["article_pk"])
    if match and match.namespace == "consent" and "action" in match.kwargs:
        return confirm_choice(request, match.kwargs["action"])
    return render(request, "403_csrf.html", status=403)
