from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from staff import services


@receiver(user_logged_in, dispatch_uid="staff_session_signed_in")
def staff_session_signed_in(sender, request, user, **kwargs):
    # Signing out flushes the session: its row, and so its description, is deleted.
    if user.is_staff and getattr(request, "session", None) is not None:
        services.staff_session_seen(request, user)
