from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django.views.static import serve

from two_factor.urls import urlpatterns as two_factor_urls

from articles.freshness import LIST_ALL
from articles.sitemaps import (
    ArticleSitemap,
    AuthorSitemap,
    NewsSitemap,
    SectionSitemap,
    TagSitemap,
)
from pagecache.dependencies import ANY, describe_pages
from pages.sitemaps import PageSitemap

admin.site.site_header = _("Dima newsroom")
admin.site.site_title = _("Dima newsroom")
admin.site.index_title = _("Newsroom")

sitemaps = {
    "articles": ArticleSitemap(),
    "sections": SectionSitemap(),
    "tags": TagSitemap(),
    "authors": AuthorSitemap(),
    "pages": PageSitemap(),
}

# What the sitemaps show, for the page cache: every list and page (any change at all), and the
# newest articles (the news sitemap).
describe_pages("sitemap", lambda match: [ANY])
describe_pages("sitemap-section", lambda match: [ANY])
describe_pages("news-sitemap", lambda match: [LIST_ALL])

urlpatterns = [
    # The admin's door first (staff/): its sign-in with a second factor replaces the admin's,
    # then enrolment and the second factor's pages (django-two-factor-auth), then the admin.
    path("admin/", include("staff.urls")),
    path("admin/", include(two_factor_urls)),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path(
        "news-sitemap.xml",
        sitemap_views.sitemap,
        {
            "sitemaps": {"news": NewsSitemap()},
            "template_name": "articles/news_sitemap.xml",
            "content_type": "application/xml",
        },
        name="news-sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    # The article pages' view beacon: one address whatever the page's language.
    path("r/", include("readership.urls")),
]
# Arabic at /, French at /fr/, English at /en/.
urlpatterns += i18n_patterns(
    path("", include("comments.urls")),
    path("", include("submissions.urls")),
    path("", include("consent.urls")),
    path("", include("search.urls")),
    path("", include("live.urls")),  # a live article's entries as JSON, in the page's language
    path("", include("articles.urls")),
    # Last: any other address ending in "/" may be a page's.
    path("", include("pages.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
