from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from reversion.admin import VersionAdmin
from reversion.models import Version

from articles.admin_locks import EditLockAdminMixin
from articles.history import body_diff, field_changes
from articles.images import rendition_name, rendition_widths, renditions_ready
from articles.models import Article, Author, Byline, Correction, EditorialNote, Section, Tag
from articles.services import WRITER_STATUSES, article_save, article_submit, articles_set_status

SUBMIT_FOR_REVIEW = "_submit_for_review"


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
class ArticleAdmin(EditLockAdminMixin, VersionAdmin):  # edit locks, stale saves refused
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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
    inlines = [BylineInline, CorrectionInline, EditorialNoteInline]
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
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "language",
                    "section",
                    "excerpt",
                    "body",
                    "video_url",
                    "tags",
                ]
            },
        ),
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

    # -- Revisions (django-reversion: articles/history.py) ---------------------------------
    object_history_template = "admin/articles/article/object_history.html"
    history_latest_first = True

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        return [compare, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        # Not VersionAdmin's: one revision for the whole list would fold every article a bulk
        # action changes into one; articles_set_status makes one revision per article.
        context = {"has_change_permission": self.has_change_permission(request)}
        return admin.ModelAdmin.changelist_view(self, request, {**context, **(extra_context or {})})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # A restore by someone who may not publish keeps the article's status and publication
        # time: restoring a published revision publishes nothing (see get_object).
        if not self.has_publish_permission(request):
            request.article_kept_on_restore = (
                Article.objects.filter(pk=unquote(object_id))
                .values("status", "published_at")
                .first()
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        kept = getattr(request, "article_kept_on_restore", None)
        if article is not None and kept:
            article.status, article.published_at = kept["status"], kept["published_at"]
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        versions = list(
            Version.objects.get_for_object(article).select_related("revision__user").order_by("-pk")
        )
        compare = reverse("admin:articles_article_compare", args=[article.pk])
        revisions = [
            {
                "revision": version.revision,
                "version": version,
                "url": reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
                "compare_url": f"{compare}?from={older.pk}&to={version.pk}" if older else "",
            }
            for version, older in zip(versions, [*versions[1:], None], strict=True)
        ]
        context = {"action_list": revisions, **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        """Two revisions side by side: ?from=<version>&to=<version>, by default the newest
        and the one before it."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = list(
            Version.objects.get_for_object(article).select_related("revision__user").order_by("-pk")
        )
        by_id = {str(version.pk): version for version in versions}
        newest = versions[0].pk if versions else ""
        older = versions[1].pk if len(versions) > 1 else newest
        old = by_id.get(request.GET.get("from", str(older)))
        new = by_id.get(request.GET.get("to", str(newest)))
        if old is None or new is None:
            return HttpResponseBadRequest(_("Choose two revisions of this article to compare."))
        if old.pk > new.pk:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Compare revisions: %(article)s") % {"article": article},
            "old": old,
            "new": new,
            "body": body_diff(old.field_dict["body"], new.field_dict["body"]),
            "changes": field_changes(old, new),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

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
        ready = renditions_ready(article.image)
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy" class="thumbnail">',
            article.image.storage.url(name) if ready else article.image.url,
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
    list_display = ["name", "name_fr", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_fr", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
