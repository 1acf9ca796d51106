from html import unescape

from django.utils.html import strip_tags

from arabic.text import search_terms
from articles.models import Article


def article_text(article: Article) -> str:
    return " ".join([article.excerpt, unescape(strip_tags(article.body))])


def index_article(article: Article) -> None:
    """Store the article's stemmed words; the database keeps its full-text index in step."""
    from search.models import SearchEntry

    SearchEntry.objects.update_or_create(
        article=article,
        defaults={
            "title": " ".join(search_terms(article.title)),
            "body": " ".join(search_terms(article_text(article))),
        },
    )
