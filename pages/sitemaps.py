from django.contrib.sitemaps import Sitemap

from pages.models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().only("url", "updated_at").order_by("url")

    def lastmod(self, page: Page):
        return page.updated_at
