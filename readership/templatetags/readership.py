from django import template
from django.conf import settings

from articles.models import Article
from readership.services import most_read

register = template.Library()


@register.simple_tag
def most_read_articles(exclude: Article | None = None, limit: int | None = None) -> list[Article]:
    """The most read articles (`readership.services.most_read`), without `exclude` (the
    article being read), `limit` of them at most (READERSHIP_TOP by default)."""
    limit = settings.READERSHIP_TOP if limit is None else int(limit)
    articles = most_read(limit + 1)
    if isinstance(exclude, Article):
        articles = [article for article in articles if article.pk != exclude.pk]
    return articles[:limit]
