"""Remembering a commenter's name, email and website: a functional cookie.

Only for a reader who allowed functional cookies; for anyone else "remember me" silently
does nothing (and consent.middleware.CookieConsentMiddleware would drop the cookie anyway).
"""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from consent.catalogue import FUNCTIONAL
from consent.state import consents_to
from consent.status import add_to_status

REMEMBER_COOKIE = "dima_commenter"
REMEMBER_SALT = "comments.remember"


def may_remember_commenter(request: HttpRequest, *, asked: bool) -> bool:
    """Whether the "remember me" cookie (a functional cookie) may be set for this reader.

    Ticking the box is not enough on its own: the reader must also have allowed the group.
    """
    return asked and consents_to(request, FUNCTIONAL)


def remember_commenter(request: HttpRequest, response: HttpResponse, data: dict) -> None:
    """Save (or forget, when the box is not ticked) the commenter in a signed cookie."""
    if data["remember"] and may_remember_commenter(request, asked=True):
        value = signing.dumps(
            {"name": data["name"], "email": data["email"], "url": data["url"]},
            salt=REMEMBER_SALT,
            compress=True,
        )
        response.set_cookie(
            REMEMBER_COOKIE,
            value,
            max_age=settings.COMMENTS_REMEMBER_DAYS * 24 * 3600,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    elif REMEMBER_COOKIE in request.COOKIES:
        response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")


def remembered_commenter(request: HttpRequest) -> dict:
    """Name, email and website saved by "remember me", or nothing."""
    try:
        return signing.loads(
            request.COOKIES.get(REMEMBER_COOKIE, ""),
            salt=REMEMBER_SALT,
            max_age=settings.COMMENTS_REMEMBER_DAYS * 24 * 3600,
        )
    except signing.BadSignature:
        return {}


def share_remembered_commenter() -> None:
    """Fill the comment form from /cookies/status/: a cached page carries no reader's details."""
    add_to_status("commenter", group=FUNCTIONAL, read=remembered_commenter)
