from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from comments.fragments import discussion_changed
from comments.models import Comment
from pagecache.generation import pages_changed_on_commit


@receiver([post_save, post_delete], sender=Comment)
def comment_changed(instance: Comment, created: bool = False, **kwargs) -> None:
    # A new comment held for moderation changes no page; anything else may.
    if instance.is_public or not created:
        pages_changed_on_commit()
        transaction.on_commit(lambda: discussion_changed(instance.article_id))
