"""Search work done by the task worker: indexing after bulk changes (search.indexing)."""

from articles.models import Article
from outbox.retry import retried_task
from search.indexing import rebuild_index
from search.models import SearchEntry


@retried_task()
def index_articles(article_ids: list[int]) -> int:
    """Index these articles (those still there) in batches; return how many entries changed."""
    return rebuild_index(
        articles=Article.objects.filter(pk__in=article_ids), entries=SearchEntry.objects.all()
    )
