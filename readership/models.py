from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class ArticleViews(models.Model):
    """How many times an article was read in one hour (UTC), and nothing about who read it.

    The database backend writes these rows as views come in (batched per process); with Redis
    they are copied from Redis's hourly counts by `readership.tasks.persist_views`. An
    article's total is the sum of its rows.
    """

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="readership_views",
        verbose_name=_("article"),
    )
    hour = models.DateTimeField(_("hour"), help_text=_("The start of the hour, in UTC."))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views in an hour")
        verbose_name_plural = _("views by the hour")
        ordering = ["-hour", "article"]
        get_latest_by = "hour"
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="readership_one_row_an_hour"),
        ]
        indexes = [models.Index(fields=["hour", "article"], name="readership_views_hour_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00: {self.count}"


class MostReadArticle(Article):
    """Articles as the admin's "Most read" list shows them: with their views (read-only)."""

    class Meta:
        proxy = True
        default_permissions = ("view",)
        verbose_name = _("most read article")
        verbose_name_plural = _("Most read")
