"""What the admin's front page lists: each part is one or two short queries, whatever the
size of the archive, and a part the user may not see is not queried at all."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from comments.models import Comment

LISTED = 5  # items shown in each part of the dashboard
SCHEDULED_WITHIN = timedelta(hours=24)


@dataclass
class Dashboard:
    comments_waiting: int | None = None  # None: the user may not moderate
    latest_comments: list[Comment] = field(default_factory=list)
    submitted_count: int | None = None  # None: the user may not publish
    submitted: list[Article] = field(default_factory=list)
    scheduled_soon: list[Article] | None = None
    recently_published: list[Article] | None = None
    own_drafts: list[Article] | None = None


def newsroom_dashboard(user) -> Dashboard:
    board = Dashboard()
    articles = Article.objects.defer("body")
    if user.has_perm("comments.change_comment"):
        waiting = Comment.objects.pending()
        board.comments_waiting = waiting.count()
        if board.comments_waiting:
            board.latest_comments = list(
                waiting.select_related("article")
                .defer("article__body")
                .order_by("-created_at", "-pk")[:LISTED]
            )
    if user.has_perm("articles.publish_article"):
        in_review = articles.filter(status=Article.Status.SUBMITTED)
        board.submitted_count = in_review.count()
        if board.submitted_count:
            board.submitted = list(
                in_review.select_related("last_edited_by").order_by("updated_at", "pk")[:LISTED]
            )
    if user.has_perm("articles.view_article"):
        now = timezone.now()
        board.scheduled_soon = list(
            articles.scheduled()
            .filter(published_at__lte=now + SCHEDULED_WITHIN)
            .order_by("published_at", "pk")[:LISTED]
        )
        board.recently_published = list(articles.published().newest()[:LISTED])
    if user.has_perm("articles.add_article"):
        board.own_drafts = list(
            articles.filter(
                created_by=user, status__in=[Article.Status.DRAFT, Article.Status.RETURNED]
            ).order_by("-updated_at", "-pk")[:LISTED]
        )
    return board
