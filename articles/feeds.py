from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleQuerySet, Author, Correction, Section, Tag

FEED_LENGTH = 20


class TextFeed(Feed):
    """A feed that gives what editors wrote to readers as text, never as live HTML.

    RSS 2.0 does not say whether an element holds text or HTML, and many readers render any of
    them as HTML; so every editor-written field is HTML-escaped before the feed XML-escapes it,
    and the reader shows the characters typed. Atom says it: `summary type="html"` is HTML and
    is escaped the same, other elements are plain text and go out as they are (AtomMixin).
    """

    def as_text(self, value: str) -> str:
        return escape(value)

    def as_html(self, value: str) -> str:
        return escape(value)


class LatestArticlesFeed(TextFeed):
    """RSS 2.0 of the newest published articles of the whole site."""

    description = _("Moroccan news, as it is heard.")

    def title(self, owner) -> str:
        if not owner:
            return settings.DIMA_SITE_NAME
        return self.as_text(f"{owner} | {settings.DIMA_SITE_NAME}")

    def link(self, owner) -> str:
        return owner.get_absolute_url() if owner else "/"

    def items(self, owner):
        # Each language's feed carries the articles written in it (/feed/, /fr/feed/, …).
        articles = Article.objects.published().filter(language=get_language())
        articles = articles.for_listing().prefetch_related("tags")
        return self.articles_of(owner, articles)[:FEED_LENGTH]

    def articles_of(self, owner, articles: ArticleQuerySet) -> ArticleQuerySet:
        return articles

    def item_title(self, article: Article) -> str:
        return self.as_text(article.title)

    def item_description(self, article: Article) -> str:
        return self.as_html(article.excerpt)

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_author_name(self, article: Article) -> str:
        separator = pgettext("list separator", ", ")
        names = separator.join(byline.author.name for byline in article.bylines.all())
        return self.as_text(names)

    def item_categories(self, article: Article) -> list[str]:
        names = [article.section.name, *(tag.name for tag in article.tags.all())]
        return [self.as_text(name) for name in names]


class CorrectionsFeed(TextFeed):
    """RSS 2.0 of the newest corrections and updates on public articles, in any language."""

    description = _("The corrections and updates of our articles, newest first.")

    def title(self) -> str:
        return f"{_('Corrections and updates')} | {settings.DIMA_SITE_NAME}"

    def link(self) -> str:
        return reverse("articles:corrections")

    def items(self):
        notes = Correction.objects.public().newest().select_related("article")
        return notes.defer("article__body")[:FEED_LENGTH]

    def item_title(self, note: Correction) -> str:
        return self.as_text(f"{note.get_kind_display()}: {note.article.title}")

    def item_description(self, note: Correction) -> str:
        return self.as_html(note.text)

    def item_link(self, note: Correction) -> str:
        return note.get_absolute_url()

    def item_pubdate(self, note: Correction):
        return note.created_at


class OwnerFeed(LatestArticlesFeed):
    """The feed of one section, tag or author, named by the slug in its address."""

    owner_model: type[Section | Tag | Author]

    def get_object(self, request, slug: str):
        return get_object_or_404(self.owner_model, slug=slug)


class SectionFeed(OwnerFeed):
    owner_model = Section

    def articles_of(self, section: Section, articles: ArticleQuerySet) -> ArticleQuerySet:
        return articles.in_section(section)


class TagFeed(OwnerFeed):
    owner_model = Tag

    def articles_of(self, tag: Tag, articles: ArticleQuerySet) -> ArticleQuerySet:
        return articles.tagged(tag)


class AuthorFeed(OwnerFeed):
    owner_model = Author

    def articles_of(self, author: Author, articles: ArticleQuerySet) -> ArticleQuerySet:
        return articles.by_author(author)


class AtomMixin:
    """The same feed as Atom 1.0, where the description is called a subtitle.

    Titles, names and categories are Atom text constructs, which readers show as text: escaping
    them would show "&amp;" for "&". The summary is `type="html"` and stays escaped.
    """

    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description

    def as_text(self, value: str) -> str:
        return value


class LatestArticlesAtomFeed(AtomMixin, LatestArticlesFeed):
    pass


class SectionAtomFeed(AtomMixin, SectionFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass
