from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article
from search import indexing


@receiver(post_save, sender=Article)
def article_saved(instance: Article, **kwargs) -> None:
    indexing.article_saved(instance)
