from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffSession(models.Model):
    """What a staff member sees of one of their signed-in sessions.

    Django's session row holds the sign-in itself; this row only describes it (browser,
    address, last activity) and is deleted with it: at sign-out, by "sign out of all other
    sessions", or by `manage.py clearsessions` once it expired. The address is the one
    `edge.client_ip` reads, kept no longer than the session (SESSION_COOKIE_AGE, 2 weeks).
    """

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, primary_key=True, related_name="staff_session"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions"
    )
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    signed_in_at = models.DateTimeField(_("signed in"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last active"))

    class Meta:
        verbose_name = _("staff session")
        verbose_name_plural = _("staff sessions")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.user} {self.ip or ''}"
