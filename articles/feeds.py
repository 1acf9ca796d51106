from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, Section, Tag

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """RSS 2.0 of the newest published articles: the whole site, or one section, tag or author."""

    owner_model: type[Section | Tag | Author] | None = None
    description = _("Moroccan news, as it is heard.")

    def get_object(self, request, slug=None):
        return get_object_or_404(self.owner_model, slug=slug) if self.owner_model else None

    def title(self, owner) -> str:
        return f"{owner} | {settings.DIMA_SITE_NAME}" if owner else settings.DIMA_SITE_NAME

    def link(self, owner) -> str:
        return owner.get_absolute_url() if owner else "/"

    def items(self, owner):
        # Each language's feed carries the articles written in it (/feed/, /fr/feed/, …).
        articles = Article.objects.published().filter(language=get_language())
        articles = articles.for_listing().prefetch_related("tags")
        if isinstance(owner, Section):
            articles = articles.filter(section=owner)
        elif isinstance(owner, Tag):
            articles = articles.filter(tags=owner)
        elif isinstance(owner, Author):
            articles = articles.filter(authors=owner)
        return articles[:FEED_LENGTH]

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        return article.excerpt

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_author_name(self, article: Article) -> str:
        separator = pgettext("list separator", ", ")
        return separator.join(byline.author.name for byline in article.bylines.all())

    def item_categories(self, article: Article) -> list[str]:
        return [article.section.name, *(tag.name for tag in article.tags.all())]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


def feeds_for(owner_model):
    """The RSS and Atom feed views of one kind of owner (None: the whole site)."""
    rss = type("OwnerFeed", (LatestArticlesFeed,), {"owner_model": owner_model})
    atom = type("OwnerAtomFeed", (LatestArticlesAtomFeed,), {"owner_model": owner_model})
    return rss(), atom()
