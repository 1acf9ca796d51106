from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone

from articles.models import Article, Author, Section, Tag


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Article.objects.published().only("pk", "slug", "updated_at").order_by("-pk")

    def lastmod(self, article: Article):
        return article.updated_at


class NewsSitemap(ArticleSitemap):
    """Google News: what was published in the last two days, with title and date."""

    def items(self):
        since = timezone.now() - timedelta(days=2)
        return Article.objects.published().filter(published_at__gte=since).order_by("-published_at")


class OwnerSitemap(Sitemap):
    """Sections, tags or authors that have published articles, dated by their newest one."""

    changefreq = "hourly"
    model: type[Section | Tag | Author]

    def items(self):
        # Filtering before annotating: the date is that of the newest *published* article.
        return (
            self.model.objects.filter(articles__in=Article.objects.published())
            .annotate(newest=Max("articles__updated_at"))
            .order_by("pk")
        )

    def lastmod(self, owner):
        return owner.newest


class SectionSitemap(OwnerSitemap):
    model = Section


class TagSitemap(OwnerSitemap):
    model = Tag


class AuthorSitemap(OwnerSitemap):
    model = Author
