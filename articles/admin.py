from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article, Author, Byline, Section, Tag


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["position", "label", "author"]
    autocomplete_fields = ["author"]
    extra = 1
    min_num = 1


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "status", "published_at", "byline", "comments_open"]
    list_filter = ["status", "section", "authors", "published_at", "comments_open"]
    list_select_related = ["section"]
    search_fields = ["title", "excerpt", "authors__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "tags"]
    inlines = [BylineInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "excerpt", "body", "tags"]}),
        (_("Featured image"), {"fields": ["image", "image_caption", "image_credit"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "comments_open"]}),
    ]

    def get_queryset(self, request):
        bylines = Byline.objects.select_related("author")
        return super().get_queryset(request).prefetch_related(Prefetch("bylines", bylines))

    @admin.display(description=_("byline"))
    def byline(self, article: Article) -> str:
        return "، ".join(str(byline) for byline in article.bylines.all())

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(status=Article.Status.PUBLISHED)
        message = ngettext("%(count)d article published.", "%(count)d articles published.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Return the selected articles to draft"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(status=Article.Status.DRAFT)
        message = ngettext(
            "%(count)d article returned to draft.", "%(count)d articles returned to draft.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
