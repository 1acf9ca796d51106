"""The password reset, done by the task worker so that the request answers the same way,
in the same time, whether or not the address belongs to a staff member."""

from importlib import import_module

from django.conf import settings
from django.utils import translation

from outbox.retry import retried_task
from staff.forms import StaffPasswordResetForm


@retried_task()
def password_reset_send(email: str, domain: str, use_https: bool, language: str) -> None:
    with translation.override(language):
        form = StaffPasswordResetForm({"email": email})
        if form.is_valid():
            form.save(
                domain_override=domain,
                use_https=use_https,
                extra_email_context={"site_name": settings.DIMA_SITE_NAME},
            )


@retried_task()
def clear_expired_sessions() -> None:
    """Django's `clearsessions`, run daily by the scheduler (TASKS_SCHEDULE): expired sessions
    go, and with them the staff sessions' browser and IP address (StaffSession)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
