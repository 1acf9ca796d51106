"""Work done by the task worker for readers' stories: emails and the retention rules.

Emails to contributors are sent from here with `email_now`: their address and private link
never enter the task table (only the submission's id does).
"""

import logging
import smtplib

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from articles.notifications import staff_emails_with_permission
from outbox.retry import retried_task
from outbox.services import email_now
from submissions import publishing
from submissions.links import status_path
from submissions.models import Submission

logger = logging.getLogger(__name__)


def _absolute(submission: Submission, path: str) -> str:
    return submission.origin + path


def _email_contributor(subject: str, body: str, address: str) -> None:
    """Send to a contributor. An address the mail server refuses is refused for good: not
    tried again, and not written into the task's record (the error would name it)."""
    try:
        email_now(subject, body, [address])
    except smtplib.SMTPRecipientsRefused:
        logger.warning("The mail server refused a contributor's address; nothing was sent.")


@retried_task()
def email_receipt(submission_id: int) -> None:
    """The contributor's receipt, with the private link to follow their story.

    It quotes nothing the sender wrote, and a story Akismet takes for spam gets none: the
    form cannot be used to send a text of one's choosing to an address of one's choosing.
    """
    submission = (
        Submission.objects.filter(pk=submission_id, likely_spam=False).exclude(email="").first()
    )
    if submission is None:
        return
    with translation.override(submission.language):
        subject = _("[%(site)s] We received your story") % {"site": settings.DIMA_SITE_NAME}
        body = render_to_string(
            "submissions/email/receipt.txt",
            {
                "submission": submission,
                "status_url": _absolute(submission, status_path(submission)),
            },
        )
    _email_contributor(subject, body, submission.email)


@retried_task()
def notify_editors(submission_id: int) -> None:
    """Tell the editors who handle readers' stories that one has arrived."""
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None:
        return
    title = " ".join(submission.title.split())
    subject = _("[%(site)s] A reader's story arrived: %(title)s") % {
        "site": settings.DIMA_SITE_NAME,
        "title": title,
    }
    admin_path = reverse("admin:submissions_submission_change", args=[submission.pk])
    body = render_to_string(
        "submissions/email/new.txt",
        {"submission": submission, "admin_path": _absolute(submission, admin_path)},
    )
    email_now(subject, body, staff_emails_with_permission("submissions.change_submission"))


@retried_task()
def email_published(submission_id: int) -> None:
    """Tell the contributor their story is out, with the article's link."""
    submission = (
        Submission.objects.filter(pk=submission_id, state=Submission.State.PUBLISHED)
        .exclude(email="")
        .select_related("article")
        .first()
    )
    if submission is None or submission.article is None:
        return
    with translation.override(submission.language):
        subject = _("[%(site)s] Your story is published") % {"site": settings.DIMA_SITE_NAME}
        body = render_to_string(
            "submissions/email/published.txt",
            {
                "submission": submission,
                "article_url": _absolute(submission, submission.article.get_absolute_url()),
                "status_url": _absolute(submission, status_path(submission)),
            },
        )
    _email_contributor(subject, body, submission.email)


@retried_task()
def mark_published() -> int:
    """Stories whose article went public (a scheduled one, say) are marked published."""
    return publishing.mark_published()


@retried_task()
def apply_retention() -> dict[str, int]:
    """The retention rules of the privacy notice, run daily by the scheduler (TASKS_SCHEDULE)."""
    return publishing.apply_retention()
