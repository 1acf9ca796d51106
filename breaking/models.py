from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arabic.text import INVISIBLE, strip_hidden
from articles.models import Article, public_lookups


def public_article_lookups() -> dict[str, object]:
    """`public_lookups` through the item's article: only a public article is linked to."""
    return {f"article__{lookup}": value for lookup, value in public_lookups().items()}


class BreakingQuerySet(models.QuerySet):
    def not_ended(self) -> "BreakingQuerySet":
        """Running now or still to come."""
        return self.filter(ends_at__gt=timezone.now())

    def running(self) -> "BreakingQuerySet":
        now = timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def of_public_articles(self) -> "BreakingQuerySet":
        return self.filter(**public_article_lookups())


class Breaking(models.Model):
    """A public article shown in the «عاجل» strip from `starts_at` until `ends_at`."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="breaking_items",
        verbose_name=_("article"),
    )
    headline = models.CharField(
        _("strip headline"),
        max_length=120,
        blank=True,
        help_text=_("A shorter headline for the strip; the article's headline when left empty."),
    )
    starts_at = models.DateTimeField(_("shown from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("shown until"), help_text=_("The strip stops showing it at this time.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("marked by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BreakingQuerySet.as_manager()

    class Meta:
        verbose_name = _("breaking news item")
        verbose_name_plural = _("breaking news")
        ordering = ["-starts_at", "-pk"]
        get_latest_by = "starts_at"
        indexes = [models.Index(fields=["ends_at"], name="breaking_ends_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="breaking_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return self.shown_headline

    @property
    def shown_headline(self) -> str:
        return self.headline or (self.article.title if self.article_id else "")

    def clean(self) -> None:
        errors = {}
        if self.headline:
            try:
                self.headline = visible_headline(self.headline)
            except ValidationError as error:
                errors["headline"] = error.messages
        if self.article_id and not self.article.is_public:
            errors["article"] = _("Only a published article can be marked as breaking news.")
        if self.ends_at is not None:
            now = timezone.now()
            hours = settings.BREAKING_MAX_HOURS
            if self.ends_at <= now:
                errors["ends_at"] = _("The end time must be in the future.")
            elif self.ends_at > now + timedelta(hours=hours):
                errors["ends_at"] = ngettext(
                    "Breaking news is shown at most %(hours)d hour from now.",
                    "Breaking news is shown at most %(hours)d hours from now.",
                    hours,
                ) % {"hours": hours}
            elif self.starts_at is not None and self.ends_at <= self.starts_at:
                errors["ends_at"] = _("The end time must come after the start time.")
        if errors:
            raise ValidationError(errors)


def visible_headline(text: str) -> str:
    """The headline trimmed, or a ValidationError if it hides characters or shows nothing."""
    text = text.strip()
    if strip_hidden(text) != text or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValidationError(
            _("The headline contains invisible control characters; please type it again.")
        )
    if not INVISIBLE.sub("", text).strip():
        raise ValidationError(_("This headline shows nothing: please write it with letters."))
    return text
