"""What follows by itself: a photo's file leaves the private storage with its row, and an
article that goes public marks the reader's story it came from as published."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article
from articles.services import statuses_changed
from submissions.models import Submission, SubmissionPhoto
from submissions.publishing import mark_published


@receiver(post_delete, sender=SubmissionPhoto)
def delete_photo_file(sender, instance: SubmissionPhoto, **kwargs) -> None:
    """Delete the file once the deletion commits: a rollback keeps row and file together."""
    if instance.image.name:
        transaction.on_commit(partial(instance.image.storage.delete, instance.image.name))


@receiver(post_save, sender=Article)
def story_published_with_article(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    # A save of an article that is not public costs nothing; a public one, one small query.
    if raw or not instance.is_public:
        return
    if Submission.objects.filter(article=instance, state=Submission.State.REVIEW).exists():
        # robust: the article is saved whatever happens; the scheduler's run catches up.
        transaction.on_commit(mark_published, robust=True)


@receiver(statuses_changed, sender=Article)
def stories_published_in_bulk(sender, article_ids, status: str, **kwargs) -> None:
    """The admin's bulk "publish" saves with update() (no post_save): it says so here."""
    if status != Article.Status.PUBLISHED:
        return
    if Submission.objects.filter(article__in=article_ids, state=Submission.State.REVIEW).exists():
        mark_published()
