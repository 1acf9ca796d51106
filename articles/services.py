from contextlib import contextmanager

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

import reversion

from articles.freshness import articles_changed
from articles.images import renditions_later
from articles.models import Article
from articles.tasks import notify_review_requested
from outbox.services import enqueue_on_commit

# Sent once committed when articles change status in bulk (no post_save then), with
# `article_ids` and `status`: apps above articles follow publication through it.
statuses_changed = Signal()


@contextmanager
def article_revision(article: Article | None = None, *, editor=None, comment: str = ""):
    """One revision (articles.history) for what is saved inside the block: the article with
    its bylines and tags as they are at the end of it, who saved them and why.

    Inside a revision already open (the admin's, an importer's) it adds nothing: the outer
    one records the whole save, and its user and comment stand.
    """
    if reversion.is_active():
        yield
        return
    with reversion.create_revision():
        yield
        if article is not None and article.pk is not None:
            reversion.add_to_revision(article)  # with relations saved after the article itself
        if editor is not None:
            reversion.set_user(editor)
        reversion.set_comment(comment)


def articles_set_status(articles, status: str, *, editor) -> int:
    """Publish or unpublish several articles at once (the admin's bulk actions).

    `QuerySet.update()` sends no signal: the change is announced here, once committed, so
    that cached pages drop the articles (or show them) as a save through the form does, and
    each article changed gets a revision of its own.
    """
    pks = list(articles.values_list("pk", flat=True))
    count = Article.objects.filter(pk__in=pks).update(
        status=status, last_edited_by=editor, updated_at=timezone.now()
    )
    if count:
        # Published or taken down: their pages, the lists they join or leave, related lists.
        articles_changed(pks, listed=True, related=status != Article.Status.PUBLISHED)
        transaction.on_commit(
            lambda: statuses_changed.send(sender=Article, article_ids=pks, status=status)
        )
    comment = _("Status changed to “%(status)s” (bulk action).") % {
        "status": Article.Status(status).label
    }
    for article in Article.objects.filter(pk__in=pks):
        with article_revision(editor=editor, comment=comment):
            reversion.add_to_revision(article)
    return count


def article_save(
    *, article: Article, editor=None, image_changed: bool = False, comment: str = ""
) -> Article:
    """Save an article as the newsroom does: who wrote and edited it, a revision, and, when its
    featured image is new, its renditions queued for the task worker once the row (and so the
    file) is committed; pages show the image itself until they exist.

    The image itself arrives already cleaned (articles.images.clean_upload, which the
    admin form's image field calls).
    """
    if editor is not None:
        if article.pk is None:
            article.created_by = editor
        article.last_edited_by = editor
    comment = comment or (_("Created.") if article._state.adding else _("Changed."))
    with article_revision(article, editor=editor, comment=comment):
        article.save()
    if image_changed and article.image:
        renditions_later(article)
    return article


# Review before publishing: what a writer's save may leave an article in.
WRITER_STATUSES = frozenset(
    {Article.Status.DRAFT, Article.Status.SUBMITTED, Article.Status.RETURNED}
)


def article_submit(*, article: Article, editor, image_changed: bool = False) -> Article:
    """Save `article` as submitted for review; once committed, the editors are emailed."""
    article.status = Article.Status.SUBMITTED
    article_save(article=article, editor=editor, image_changed=image_changed)
    enqueue_on_commit(notify_review_requested, article.pk)
    return article
