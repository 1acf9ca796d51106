from functools import partial

from django.db import transaction
from django.utils import timezone

from articles.images import make_renditions
from articles.models import Article
from articles.notifications import notify_review_requested
from pagecache.generation import pages_changed_on_commit


def articles_set_status(articles, status: str, *, editor) -> int:
    """Publish or unpublish several articles at once (the admin's bulk actions).

    `QuerySet.update()` sends no signal: the change is announced here, once committed, so
    that cached pages drop the articles (or show them) as a save through the form does.
    """
    count = articles.update(status=status, last_edited_by=editor, updated_at=timezone.now())
    if count:
        pages_changed_on_commit()
    return count


def article_save(*, article: Article, editor=None, image_changed: bool = False) -> Article:
    """Save an article as the newsroom does: who wrote and edited it, and, when its featured
    image is new, the image's renditions once the row (and so the file) is stored.

    The image itself arrives already cleaned (articles.images.clean_upload, which the
    admin form's image field calls).
    """
    if editor is not None:
        if article.pk is None:
            article.created_by = editor
        article.last_edited_by = editor
    article.save()
    if image_changed and article.image:
        make_renditions(article.image)
    return article


# Review before publishing: what a writer's save may leave an article in.
WRITER_STATUSES = frozenset(
    {Article.Status.DRAFT, Article.Status.SUBMITTED, Article.Status.RETURNED}
)


def article_submit(*, article: Article, editor, image_changed: bool = False) -> Article:
    """Save `article` as submitted for review; once committed, the editors are emailed."""
    article.status = Article.Status.SUBMITTED
    article_save(article=article, editor=editor, image_changed=image_changed)
    transaction.on_commit(partial(notify_review_requested, article.pk))
    return article
