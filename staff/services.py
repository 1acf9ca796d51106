"""Staff sessions: recorded at sign-in, listed, ended."""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from edge.client_ip import client_ip
from staff.models import StaffSession

SEEN_KEY = "staff_seen"


def staff_session_seen(request, user) -> None:
    """Record (or refresh) the session of the staff member signed in on `request`."""
    session = request.session
    if session.session_key is None:
        session.save()
    StaffSession.objects.update_or_create(
        session_id=session.session_key,
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
            "ip": client_ip(request),
            "last_seen": timezone.now(),
        },
    )
    # The key too: a password change gives the session a new key (cycle_key) to describe.
    session[SEEN_KEY] = [time.time(), session.session_key]


def staff_session_stale(request, seconds: int) -> bool:
    """Whether the description of this session is older than `seconds` or of another key."""
    seen_at, seen_key = request.session.get(SEEN_KEY) or (0, None)
    return seen_key != request.session.session_key or time.time() - seen_at >= seconds


def staff_sessions(user, current_key: str | None) -> list[StaffSession]:
    """The user's live sessions, newest activity first, `is_current` marked.

    A session is live while Django would still sign the user in with it: its row exists,
    has not expired, and carries the hash of the current password. The others
    (expired, or ended by a password change) are deleted here, with their descriptions.
    """
    described = list(StaffSession.objects.filter(user=user))
    rows = Session.objects.filter(
        session_key__in=[s.session_id for s in described], expire_date__gt=timezone.now()
    )
    password_hash = user.get_session_auth_hash()
    live_keys = {
        row.session_key
        for row in rows
        if constant_time_compare(row.get_decoded().get(HASH_SESSION_KEY, ""), password_hash)
    }
    dead = [s.session_id for s in described if s.session_id not in live_keys]
    if dead:
        Session.objects.filter(session_key__in=dead).delete()  # and their descriptions
    live = [s for s in described if s.session_id in live_keys]
    for staff_session in live:
        staff_session.is_current = staff_session.session_id == current_key
    return live


@transaction.atomic
def staff_sessions_end_others(user, current_key: str | None) -> int:
    """Sign `user` out everywhere but in the session `current_key`; how many were ended."""
    others = StaffSession.objects.filter(user=user).exclude(session_id=current_key)
    keys = list(others.values_list("session_id", flat=True))
    Session.objects.filter(session_key__in=keys).delete()  # their descriptions go with them
    return len(keys)


def password_reset_allowed(ip: str | None, email: str) -> bool:
    """At most STAFF_RESET_PER_HOUR reset requests an hour from one address, and as many
    for one email address; the counts live in the cache (a cache outage lets requests by)."""
    limit = settings.STAFF_RESET_PER_HOUR
    email_key = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    allowed = True
    for key in (f"staff:reset:ip:{ip}", f"staff:reset:email:{email_key}"):
        cache.add(key, 0, timeout=3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            count = 1
        allowed = allowed and (count or 0) <= limit
    return allowed
