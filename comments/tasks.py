"""Comment work done by the task worker, away from the reader's request."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.notifications import staff_emails_with_permission
from comments import services
from comments.models import Comment
from outbox.retry import retried_task
from outbox.services import email_now


@retried_task()
def prune_comment_ips() -> int:
    """The retention rule of the privacy notice, run daily by the scheduler (TASKS_SCHEDULE)."""
    return services.prune_ip_addresses(older_than_days=settings.COMMENTS_IP_RETENTION_DAYS)


@retried_task()
def notify_editors(comment_id: int) -> None:
    """Email the editors who can moderate that a comment is waiting for them.

    Nothing is sent for a comment moderated or deleted before the worker got to it.
    """
    comment = (
        Comment.objects.filter(pk=comment_id, status=Comment.Status.PENDING)
        .select_related("article")
        .first()
    )
    if comment is None:
        return
    # The subject is one line whatever the reader typed (a CR/LF cannot add a header).
    title = " ".join(comment.article.title.split())
    subject = _("[%(site)s] Comment awaiting moderation: %(title)s") % {
        "site": settings.DIMA_SITE_NAME,
        "title": title,
    }
    body = render_to_string(
        "comments/email/pending.txt",
        {
            "comment": comment,
            "admin_path": reverse("admin:comments_comment_change", args=[comment.pk]),
        },
    )
    # Sent from here: the body (names, emails, an IP address) never enters the task table.
    email_now(subject, body, staff_emails_with_permission("comments.change_comment"))
