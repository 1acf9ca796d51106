from django import forms
from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from articles.admin_locks import EditLockAdminMixin
from articles.images import rendition_name, rendition_widths
from articles.models import Article, Author, Byline, Correction, Section, Tag
from articles.services import article_save, articles_set_status


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["position", "label", "author"]
    autocomplete_fields = ["author"]
    extra = 1
    min_num = 1


# --- Corrections and updates: editors only (articles.add_correction and its kin) ------------


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["kind", "text", "created_at"]

    def clean(self):
        cleaned = super().clean()
        article = self.instance.article
        if self.instance.pk is None and article.status != Article.Status.PUBLISHED:
            raise forms.ValidationError(
                _("Corrections and updates are for published articles: publish it first.")
            )
        return cleaned


class CorrectionFormSet(forms.BaseInlineFormSet):
    editor = None  # set per request by CorrectionInline.get_formset

    def save_new(self, form, commit=True):
        form.instance.created_by = self.editor
        return super().save_new(form, commit=commit)


class CorrectionInline(admin.StackedInline):
    """Shown to users with the correction permissions (the محرر group), hidden from writers:
    the admin's default has_*_permission checks them. A removal is named in the article's
    change message (LogEntry)."""

    model = Correction
    form = CorrectionForm
    formset = CorrectionFormSet
    extra = 0
    verbose_name = _("correction or update (shown to readers)")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.editor = request.user
        return formset


@admin.register(Article)
class ArticleAdmin(EditLockAdminMixin, admin.ModelAdmin):  # edit locks, stale saves refused
    list_display = [
        "thumbnail",
        "title",
        "section",
        "state",
        "published_at",
        "byline",
        "last_edited_by",
        "updated_at",
    ]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["status", "section", "authors", "language", "published_at", "comments_open"]
    list_select_related = ["section", "last_edited_by"]
    search_fields = ["title", "excerpt", "authors__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section", "tags"]
    inlines = [BylineInline, CorrectionInline]
    actions = ["publish", "unpublish"]
    readonly_fields = ["preview", "created_by", "created_at", "last_edited_by", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "section", "excerpt", "body", "tags"]}),
        (
            _("Featured image"),
            {"fields": ["image", "image_alt", "image_caption", "image_credit"]},
        ),
        (_("Publishing"), {"fields": ["status", "published_at", "comments_open", "preview"]}),
        (
            _("History"),
            {"fields": ["created_by", "created_at", "last_edited_by", "updated_at"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        bylines = Byline.objects.select_related("author")
        return super().get_queryset(request).prefetch_related(Prefetch("bylines", bylines))

    # Roles: writers (كاتب) create and edit their own drafts; editors (محرر) publish.
    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("articles.publish_article")

    def has_change_permission(self, request, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.has_publish_permission(request):
            return True
        return obj.created_by_id == request.user.pk and obj.status == Article.Status.DRAFT

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += ["status", "published_at"]  # a crafted POST cannot set them either
        return fields

    def save_model(self, request, obj, form, change) -> None:
        if not self.has_publish_permission(request):
            obj.status = Article.Status.DRAFT
        article_save(article=obj, editor=request.user, image_changed="image" in form.changed_data)

    @admin.display(description=_("image"))
    def thumbnail(self, article: Article) -> str:
        if not article.image or not article.image_width:
            return ""
        name = rendition_name(article.image.name, rendition_widths(article.image_width)[0], "webp")
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy" class="thumbnail">',
            article.image.storage.url(name),
            round(80 * article.image_height / article.image_width),
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, article: Article) -> str:
        if article.status == Article.Status.DRAFT:
            label, tone = _("Draft"), "draft"
        elif article.is_scheduled:
            label, tone = _("Scheduled"), "scheduled"
        else:
            label, tone = _("Published"), "published"
        return format_html('<span class="badge badge--{}">{}</span>', tone, label)

    @admin.display(description=_("preview"))
    def preview(self, article: Article) -> str:
        if not article.pk or not article.slug:  # a refused form may have emptied the slug
            return "—"
        label = _("View on the site") if article.is_public else _("Preview (only staff can see it)")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', article.get_absolute_url(), label
        )

    @admin.display(description=_("byline"))
    def byline(self, article: Article) -> str:
        return pgettext("list separator", ", ").join(str(b) for b in article.bylines.all())

    @admin.action(description=_("Publish the selected articles"), permissions=["publish"])
    def publish(self, request, queryset):
        count = articles_set_status(queryset, Article.Status.PUBLISHED, editor=request.user)
        message = ngettext("%(count)d article published.", "%(count)d articles published.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Return the selected articles to draft"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = articles_set_status(queryset, Article.Status.DRAFT, editor=request.user)
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
