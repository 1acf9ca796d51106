import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article
from submissions.storage import private_storage


def new_link_nonce() -> str:
    return secrets.token_urlsafe(16)


class SubmissionQuerySet(models.QuerySet):
    def received(self) -> "SubmissionQuerySet":
        return self.filter(state=Submission.State.RECEIVED)

    def waiting_for_publication(self) -> "SubmissionQuerySet":
        """Turned into an article that is now public, not yet marked published."""
        return self.filter(state=Submission.State.REVIEW, article__isnull=False)


class Submission(models.Model):
    """A story a reader sent through «صوتكم», from the form to the article and back."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        REVIEW = "review", _("Under review")
        PUBLISHED = "published", pgettext_lazy("reader's story", "Published")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("title"), max_length=200)
    story = models.TextField(_("story"), max_length=20000)
    name = models.CharField(_("name"), max_length=80, blank=True)
    anonymous = models.BooleanField(_("publish as “a reader from <city>”"), default=False)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    language = models.CharField(_("language"), max_length=5, default="ar")
    # The site's address as the reader used it (scheme and host, checked by ALLOWED_HOSTS):
    # the emails' links send them back there, from the worker, which has no request.
    origin = models.CharField(max_length=200, editable=False, default="")
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.RECEIVED
    )
    editor_note = models.TextField(
        _("note to the contributor"),
        max_length=2000,
        blank=True,
        help_text=_("Shown to the contributor on their private page when the story is declined."),
    )
    article = models.OneToOneField(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
        verbose_name=_("article"),
    )
    # What turning the story into a draft wrote to the public media (storage names): a draft
    # discarded by declining the story takes these files with it.
    public_files = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    contact_erased_at = models.DateTimeField(
        _("contact details erased"), null=True, blank=True, editable=False
    )
    # What the comment defences look at: kept in clear only for COMMENTS_IP_RETENTION_DAYS.
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Fingerprint of (email, title, story): a double submit stores one submission.
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Part of the private link (submissions.links): changing it revokes the link.
    link_nonce = models.CharField(max_length=32, default=new_link_nonce, editable=False)
    likely_spam = models.BooleanField(_("Akismet says spam"), default=False, editable=False)
    flagged_word = models.CharField(_("word to check"), max_length=100, blank=True, editable=False)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reader's story")
        verbose_name_plural = _("readers' stories")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        indexes = [
            models.Index(fields=["state", "-created_at"], name="submission_queue_idx"),
            models.Index(fields=["email", "-created_at"], name="submission_email_idx"),
            models.Index(fields=["ip_hash", "-created_at"], name="submission_flood_idx"),
        ]

    def __str__(self) -> str:
        return self.title


def private_photo_name(instance: "SubmissionPhoto", filename: str) -> str:
    """A name nobody can guess, whatever the reader called the file."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"submissions/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class SubmissionPhoto(models.Model):
    """A photo sent with a story, re-encoded without metadata, kept privately until accepted."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="photos", verbose_name=_("story")
    )
    image = models.ImageField(
        _("photo"),
        storage=private_storage,
        upload_to=private_photo_name,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.image.name
