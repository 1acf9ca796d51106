from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from staff import services


@receiver(user_logged_in, dispatch_uid="staff_session_signed_in")
def staff_session_signed_in(sender, request, user, **kwargs):
    if user.is_staff and getattr(request, "session", None) is not None:
        services.staff_session_seen(request, user)


@receiver(user_logged_out, dispatch_uid="staff_session_signed_out")
def staff_session_signed_out(sender, request, user, **kwargs):
    if getattr(request, "session", None) is not None:
        services.staff_session_forget(request.session.session_key)
