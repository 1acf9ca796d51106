"""Where remembering a commenter meets the reader's cookie choices: one function, one place."""

from django.http import HttpRequest

REMEMBER_COOKIE = "dima_commenter"


def may_remember_commenter(request: HttpRequest, *, asked: bool) -> bool:
    """Whether the "remember me" cookie (a functional cookie) may be set for this reader.

    Ticking the box is the reader's explicit request for this one cookie. When cookie
    consent by group arrives, the reader's choice for functional cookies is checked here too.
    """
    return asked
