"""The admin's door for signed-in staff: the second factor, and each session's last activity."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from staff import services
from staff.policy import second_factor_enrolled, second_factor_required

# Where a staff member who must enrol may still go: the enrolment wizard (its QR code and
# passkey scripts), signing in and out, the language switch.
ENROLMENT_VIEWS = frozenset(
    (
        "two_factor:setup",
        "two_factor:qr",
        "two_factor:setup_complete",
        "two_factor:login",
        "admin:login",
        "staff-login",
        "admin:logout",
        "set_language",
    )
)
ENROLMENT_NAMESPACES = frozenset(("two_factor:two_factor_webauthn",))
# The session remembers when it last found that its unverified staff member needs nothing:
# a writer without a second factor is not asked again on every request.
CHECKED_KEY = "staff_door_checked"


class SecondFactorMiddleware:
    """A staff member signed in without a second factor who must have one is sent to
    enrolment; one who has a device but signed in without it (before it was required) is
    signed out. Either way the admin and every other staff view stay closed to them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.STAFF_SECOND_FACTOR_ENFORCED:
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return None
        match = request.resolver_match
        if match.view_name in ENROLMENT_VIEWS or match.namespace in ENROLMENT_NAMESPACES:
            return None
        # Asked on every request (one query at most): a writer made an editor, or the rule
        # made general, meets the door on their next page, not minutes later.
        required = second_factor_required(user)
        if not required:
            checked = request.session.get(CHECKED_KEY, 0)
            if time.time() - checked < settings.STAFF_SESSION_SEEN_SECONDS:
                return None
        if second_factor_enrolled(user):
            logout(request)
            return redirect_to_login(request.get_full_path())
        if required:
            setup = reverse("two_factor:setup")
            if request.method == "GET":
                setup += "?" + urlencode({"next": request.get_full_path()})
            return redirect(setup)
        request.session[CHECKED_KEY] = time.time()
        return None


class StaffSessionMiddleware:
    """Moves a staff session's "last active" time, at most every STAFF_SESSION_SEEN_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff:
            if services.staff_session_stale(request, settings.STAFF_SESSION_SEEN_SECONDS):
                services.staff_session_seen(request, user)
        return self.get_response(request)
