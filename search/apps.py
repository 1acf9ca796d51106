from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from articles.freshness import LIST_ALL
        from pagecache.dependencies import describe_pages
        from search import signals  # noqa: F401

        # Results come from every published article, as the home page's list does.
        describe_pages("search:results", lambda match: [LIST_ALL])
