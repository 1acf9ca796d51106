from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.freshness import article_page
from comments.fragments import discussion_changed
from comments.models import Comment
from pagecache.dependencies import changed


@receiver([post_save, post_delete], sender=Comment)
def comment_changed(instance: Comment, created: bool = False, **kwargs) -> None:
    # A new comment held for moderation changes no page; anything else may change its
    # article's page, and no other (lists show no comment counts).
    if instance.is_public or not created:
        changed(article_page(instance.article_id))
        transaction.on_commit(lambda: discussion_changed(instance.article_id))
