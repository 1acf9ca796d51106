"""Who on the staff hears about what needs doing, and the emails that tell them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article
from outbox.services import email_now


def staff_emails_with_permission(permission: str) -> list[str]:
    """The email addresses of active staff holding `permission` ("app_label.codename"),
    directly, through a group or as superusers."""
    app_label, codename = permission.split(".", 1)
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    holds = (
        Q(is_superuser=True)
        | Q(
            user_permissions__content_type__app_label=app_label,
            user_permissions__codename=codename,
        )
        | Q(
            groups__permissions__content_type__app_label=app_label,
            groups__permissions__codename=codename,
        )
    )
    return sorted(set(users.filter(holds).values_list("email", flat=True)))


def notify_review_requested(article_id: int) -> None:
    """Email the editors who can publish that an article waits for their review.

    Run by the worker (articles.tasks); nothing is sent if the article has left review since.
    """
    recipients = staff_emails_with_permission("articles.publish_article")
    article = Article.objects.filter(pk=article_id).select_related("last_edited_by").first()
    if not recipients or article is None or article.status != Article.Status.SUBMITTED:
        return
    subject = _("[%(site)s] Article submitted for review: %(title)s") % {
        "site": settings.DIMA_SITE_NAME,
        "title": " ".join(article.title.split()),  # one line: a newline cannot add a header
    }
    body = render_to_string(
        "articles/email/submitted.txt",
        {
            "article": article,
            "admin_path": reverse("admin:articles_article_change", args=[article.pk]),
        },
    )
    # Sent from here: the body (names, emails, an IP address) never enters the task table.
    email_now(subject, body, recipients)
