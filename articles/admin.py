from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from articles.images import rendition_name, rendition_widths
from articles.models import Article, Author, Byline, EditorialNote, Section, Tag
from articles.services import WRITER_STATUSES, article_save, article_submit, articles_set_status

SUBMIT_FOR_REVIEW = "_submit_for_review"


class BylineInline(admin.TabularInline):
    model = Byline
    fields = ["position", "label", "author"]
    autocomplete_fields = ["author"]
    extra = 1
    min_num = 1


# Review before publishing: notes between writers and editors, never shown to readers.
class EditorialNoteFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        article = self.instance
        if article.status != Article.Status.RETURNED:
            return
        before = Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()
        if before == Article.Status.RETURNED:
            return
        written = [
            form
            for form in self.extra_forms
            if form.has_changed() and form.cleaned_data.get("text", "").strip()
        ]
        if not written:
            raise ValidationError(
                _("Write a note telling the writer what to change before returning the article.")
            )

    def save_new(self, form, commit=True):
        form.instance.author = self.author
        return super().save_new(form, commit=commit)


class EditorialNoteInline(admin.StackedInline):
    """Staff add notes; a note, once written, stays as it was."""

    model = EditorialNote
    formset = EditorialNoteFormSet
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.author = request.user
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
    inlines = [BylineInline, EditorialNoteInline]
    actions = ["publish", "unpublish"]
    readonly_fields = [
        "preview",
        "review",
        "created_by",
        "created_at",
        "last_edited_by",
        "updated_at",
    ]
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
        return obj.created_by_id == request.user.pk and obj.status in WRITER_STATUSES

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += ["status", "published_at"]  # a crafted POST cannot set them either
        return fields

    def save_model(self, request, obj, form, change) -> None:
        if not self.has_publish_permission(request) and obj.status not in WRITER_STATUSES:
            obj.status = Article.Status.DRAFT
        image_changed = "image" in form.changed_data
        if self.submits_for_review(request, obj, form):
            article_submit(article=obj, editor=request.user, image_changed=image_changed)
            self.message_user(request, _("Submitted for review: the editors have been told."))
        else:
            article_save(article=obj, editor=request.user, image_changed=image_changed)

    # Review: a writer submits with a button of their own; an editor may pick the status.
    def submits_for_review(self, request, obj, form) -> bool:
        if SUBMIT_FOR_REVIEW in request.POST:
            return obj.status in (Article.Status.DRAFT, Article.Status.RETURNED)
        return obj.status == Article.Status.SUBMITTED and "status" in form.changed_data

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.may_submit(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [*options["fields"], "review"]})
            if "status" in options["fields"]
            else (name, options)
            for name, options in fieldsets
        ]

    def may_submit(self, request, obj) -> bool:
        """Writers see the button on their drafts; editors publish or return instead."""
        if self.has_publish_permission(request):
            return False
        awaiting = obj is None or obj.status in (Article.Status.DRAFT, Article.Status.RETURNED)
        return awaiting and (
            self.has_add_permission(request)
            if obj is None
            else self.has_change_permission(request, obj)
        )

    @admin.display(description=_("review"))
    def review(self, article: Article) -> str:
        return format_html(
            '<button type="submit" name="{}" class="button">{}</button>',
            SUBMIT_FOR_REVIEW,
            _("Save and submit for review"),
        )

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
        elif article.status in (Article.Status.SUBMITTED, Article.Status.RETURNED):
            label, tone = article.get_status_display(), article.status
        elif article.is_scheduled:
            label, tone = _("Scheduled"), "scheduled"
        else:
            label, tone = _("Published"), "published"
        return format_html('<span class="badge badge--{}">{}</span>', tone, label)

    @admin.display(description=_("preview"))
    def preview(self, article: Article) -> str:
        if not article.pk or not article.slug:  # a form sent back with an error and no slug
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
