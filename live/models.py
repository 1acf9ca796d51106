from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arabic.text import strip_hidden
from articles.images import CleanedImageField
from articles.models import Article, public_lookups

ENTRY_MAX_LENGTH = 2000


class LiveEntryQuerySet(models.QuerySet):
    def for_readers(self) -> "LiveEntryQuerySet":
        """Pinned entries first, then the newest: the order of the page and of its JSON."""
        return self.order_by("-pinned", "-created_at", "-pk")


class LiveCoverageQuerySet(models.QuerySet):
    def public(self) -> "LiveCoverageQuerySet":
        """Coverage of articles readers may see."""
        lookups = {f"article__{lookup}": value for lookup, value in public_lookups().items()}
        return self.filter(**lookups)

    def with_entries(self) -> "LiveCoverageQuerySet":
        """The coverage and its entries in readers' order: one query, two when there is one."""
        entries = LiveEntry.objects.for_readers()
        return self.prefetch_related(Prefetch("entries", queryset=entries))


class LiveCoverage(models.Model):
    """An article followed live (a match, an election night): schema.org's coverage times."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="live_coverage",
        verbose_name=_("article"),
    )
    started_at = models.DateTimeField(_("coverage start"), default=timezone.now)
    ended_at = models.DateTimeField(
        _("coverage end"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the coverage is live; set it to end the coverage."),
    )

    objects = LiveCoverageQuerySet.as_manager()

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverage")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="live_coverage_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return str(self.article)

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url()

    def clean(self) -> None:
        if self.ended_at is None:
            return
        if self.ended_at > timezone.now():
            # The end is a fact, not a plan: a future end would change pages by the clock.
            raise ValidationError({"ended_at": _("The coverage cannot end in the future.")})
        if self.started_at and self.ended_at < self.started_at:
            raise ValidationError({"ended_at": _("The coverage cannot end before it starts.")})

    @property
    def is_live(self) -> bool:
        return self.ended_at is None

    @property
    def entries_for_readers(self) -> list["LiveEntry"]:
        """Pinned first, then newest first (prefetched by `with_entries`)."""
        return list(self.entries.all())

    @property
    def updated_at(self):
        """The newest entry's time, or the start of the coverage."""
        times = [entry.created_at for entry in self.entries_for_readers]
        return max(times, default=self.started_at)


class LiveEntry(models.Model):
    """A short, timestamped update in a live coverage: plain text, maybe one image."""

    coverage = models.ForeignKey(
        LiveCoverage,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("live coverage"),
    )
    created_at = models.DateTimeField(
        _("time"), default=timezone.now, help_text=_("When it happened, as readers see it.")
    )
    text = models.TextField(
        _("text"),
        max_length=ENTRY_MAX_LENGTH,
        validators=[ProhibitNullCharactersValidator()],
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    image = CleanedImageField(
        _("image"),
        upload_to="live/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with an image."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned entries stay at the top.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("written by"),
    )

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        indexes = [
            models.Index(
                fields=["coverage", "-pinned", "-created_at", "-id"], name="live_entry_readers_idx"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.coverage.get_absolute_url()}#live-{self.pk}"

    def clean(self) -> None:
        # Bidi overrides and zero-width characters could make an entry read in another order
        # than it was written; the direction marks Arabic needs are kept.
        self.text = strip_hidden(self.text).strip()
        if not self.text:
            raise ValidationError({"text": _("Write the entry's text.")})
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for readers who cannot see it.")}
            )
