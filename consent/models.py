import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BannerText(models.Model):
    """What the cookie banner says, one row per language; editors change it in the admin."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, unique=True
    )
    title = models.CharField(_("title"), max_length=80)
    text = models.TextField(_("text"), max_length=600)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cookie banner text")
        verbose_name_plural = _("cookie banner texts")
        ordering = ["language"]

    def __str__(self) -> str:
        return f"{self.get_language_display()}: {self.title}"

    @property
    def fingerprint(self) -> str:
        """Which wording a reader saw: kept on each consent receipt."""
        return hashlib.sha256(f"{self.title}\n{self.text}".encode()).hexdigest()


class ConsentReceiptQuerySet(models.QuerySet):
    def older_than(self, moment) -> "ConsentReceiptQuerySet":
        return self.filter(created_at__lt=moment)


class ConsentReceipt(models.Model):
    """Proof of one reader's choice: what they chose, when, and the wording they were shown.

    No IP address and nothing else that identifies the reader: the random id is also kept in
    the reader's consent cookie, so a reader can point at their own receipt.
    """

    class Source(models.TextChoices):
        BANNER = "banner", _("banner")
        CLOSED = "closed", _("banner closed")
        SETTINGS = "settings", _("cookie settings page")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    choices = models.JSONField(_("choices"), help_text=_("Cookie group: accepted or not."))
    banner_sha256 = models.CharField(_("banner text fingerprint"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    source = models.CharField(_("where"), max_length=16, choices=Source.choices)

    objects = ConsentReceiptQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent receipt")
        verbose_name_plural = _("consent receipts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.id)
