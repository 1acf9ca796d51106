"""Search work done by the task worker: indexing after bulk changes (search.indexing)."""

from articles.models import Article
from outbox.retry import retried_task
from search.indexing import index_article


@retried_task()
def index_articles(article_ids: list[int]) -> int:
    """Index these articles (those still there); return how many."""
    done = 0
    for article in Article.objects.filter(pk__in=article_ids).iterator(chunk_size=100):
        index_article(article)
        done += 1
    return done
