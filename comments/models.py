from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arabic.text import normalize
from articles.models import Article, public_lookups


class CommentQuerySet(models.QuerySet):
    def approved(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.PENDING)

    def reportable(self) -> "CommentQuerySet":
        """The comments a reader can see, and so report: approved, on a published article."""
        on_published = {f"article__{lookup}": value for lookup, value in public_lookups().items()}
        return self.approved().filter(**on_published)

    def threads_for(self, article: Article) -> "CommentQuerySet":
        """Approved top-level comments of `article`, newest thread first."""
        return self.approved().filter(article=article, parent=None).order_by("-created_at", "-pk")

    def replies_in(self, thread_ids: list[int]) -> "CommentQuerySet":
        """Approved replies, at any depth, in the given threads, in the order they were written."""
        return self.approved().filter(thread_id__in=thread_ids).order_by("created_at", "pk")


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # The top-level comment of the thread (null for a top-level comment itself): one query
    # fetches every reply of a page of threads, whatever their depth.
    thread = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+", editable=False
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"), max_length=254)
    url = models.URLField(_("website"), max_length=200, blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # A default, not auto_now_add: comments written elsewhere (imports) keep their date.
    created_at = models.DateTimeField(_("date"), default=timezone.now, editable=False)
    ip_address = models.GenericIPAddressField(
        _("IP address"),
        null=True,
        blank=True,
        help_text=_("Kept in clear only for the retention period, then erased."),
    )
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Fingerprint of (email, reply target, text): the database refuses a second copy, so a
    # double submit, even a concurrent one, stores a comment once.
    content_hash = models.CharField(max_length=64, editable=False)
    # Held for an editor to check: the name is the newsroom's or a staff author's.
    name_resembles_newsroom = models.BooleanField(
        _("name resembles the newsroom's"), default=False, editable=False
    )
    # Readers' reports not yet dismissed, one a reader (CommentReport): kept on the row so the
    # admin sorts and filters by it, written only by comments.services under the row's lock.
    report_count = models.PositiveIntegerField(_("reports"), default=0, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_hash"], name="comment_unique_content"
            ),
        ]
        indexes = [
            models.Index(
                fields=["article", "status", "parent", "-created_at"], name="comment_threads_idx"
            ),
            models.Index(fields=["thread", "status", "created_at"], name="comment_replies_idx"),
            models.Index(fields=["email", "status"], name="comment_email_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_moderation_idx"),
            models.Index(fields=["ip_hash", "-created_at"], name="comment_flood_idx"),
            models.Index(
                fields=["-report_count"],
                condition=models.Q(report_count__gt=0),
                name="comment_reported_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:60]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED


def thread_place(parent: Comment | None) -> tuple[Comment | None, int]:
    """The `thread` and `depth` of a comment replying to `parent` (None: a new thread).

    Every way a comment is written (readers' posts, imports, the test factory, the bench's
    bulk inserts) takes its place from here.
    """
    if parent is None:
        return None, 0
    return parent.thread or parent, parent.depth + 1


class ModerationWord(models.Model):
    """A word or phrase that holds a comment for moderation, or refuses it outright."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold for moderation")
        REFUSE = "refuse", _("Refuse")

    word = models.CharField(_("word or phrase"), max_length=100)
    normalized = models.CharField(max_length=100, unique=True, editable=False)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)

    class Meta:
        verbose_name = _("moderation word")
        verbose_name_plural = _("moderation words")
        ordering = ["action", "word"]

    def __str__(self) -> str:
        return self.word

    def save(self, *args, **kwargs):
        self.normalized = normalize(self.word.strip())
        super().save(*args, **kwargs)


class CommentReport(models.Model):
    """A reader's report of a published comment: one a reader (by keyed address) a comment."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Abusive or hateful")
        SPAM = "spam", _("Spam or advertising")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports", verbose_name=_("comment")
    )
    # comments.services.hash_ip of the reader's address, never the address itself; replaced
    # by a placeholder after COMMENTS_IP_RETENTION_DAYS (comments.services.prune_ip_addresses).
    reporter_hash = models.CharField(max_length=64, editable=False)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now, editable=False)
    # Set when an editor dismisses the report: it stops counting, and the reader who sent it
    # cannot report the same comment again.
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_hash"], name="comment_report_once_per_reader"
            ),
        ]
        indexes = [
            models.Index(fields=["reporter_hash", "-created_at"], name="comment_report_flood_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.get_reason_display() or '-'}"
