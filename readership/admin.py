from django.conf import settings
from django.contrib import admin
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from readership.counting import window
from readership.models import MostReadArticle


@admin.register(MostReadArticle)
class MostReadAdmin(admin.ModelAdmin):
    """Articles by their views: the last READERSHIP_HOURS hours and all time, read-only.

    With Redis the counts are the database's copy, at most one run of
    `readership.tasks.persist_views` behind; with the database backend, at most one batch
    per app process (READERSHIP_FLUSH_SECONDS) behind.
    """

    list_display = ["headline", "views_recent", "views_total", "published_at", "status"]
    list_display_links = None
    list_filter = ["status", "section"]
    search_fields = ["title"]
    list_per_page = 50

    def get_ordering(self, request):
        # Annotations, which the `ordering` attribute may not name.
        return ["-views_recent", "-views_total", "-pk"]

    def get_queryset(self, request):
        since = window(timezone.now(), settings.READERSHIP_HOURS)[-1]
        recent = Sum("readership_views__count", filter=Q(readership_views__hour__gte=since))
        # Not super(): it orders by get_ordering() before the annotations exist.
        return (
            self.model._default_manager.annotate(
                views_recent=Coalesce(recent, 0),
                views_total=Sum("readership_views__count"),
            )
            .filter(views_total__gt=0)
            .only("pk", "title", "published_at", "status")
        )

    @admin.display(description=_("headline"), ordering="title")
    def headline(self, article: MostReadArticle) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[article.pk]),
            article.title,
        )

    @admin.display(description=_("views, last 24 hours"), ordering="views_recent")
    def views_recent(self, article: MostReadArticle) -> int:
        return article.views_recent

    @admin.display(description=_("views in all"), ordering="views_total")
    def views_total(self, article: MostReadArticle) -> int:
        return article.views_total

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
