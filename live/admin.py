"""Live coverage in the newsroom: a coverage's page is its entries, newest first, under a
short form that adds one (it posts to the entry's own add view, so permissions, validation,
history and messages are the admin's). Saving or deleting an entry comes back to it."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from live.models import LiveCoverage, LiveEntry


class LiveEntryQuickForm(forms.ModelForm):
    """The coverage page's "add an entry" form (posted to LiveEntryAdmin's add view)."""

    class Meta:
        model = LiveEntry
        fields = ["coverage", "text", "image", "image_alt", "pinned"]
        widgets = {
            "coverage": forms.HiddenInput,
            "text": forms.Textarea(attrs={"rows": 4, "cols": 80, "dir": "auto"}),
        }


@admin.register(LiveCoverage)
class LiveCoverageAdmin(admin.ModelAdmin):
    change_form_template = "admin/live/livecoverage/change_form.html"
    list_display = ["article", "state", "started_at", "ended_at", "entry_count"]
    list_select_related = ["article"]
    list_filter = [("ended_at", admin.EmptyFieldListFilter)]
    search_fields = ["article__title"]
    autocomplete_fields = ["article"]
    fields = ["article", "started_at", "ended_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_total=Count("entries"))

    def get_readonly_fields(self, request, obj=None):
        return ["article"] if obj is not None else []

    @admin.display(description=_("entries"), ordering="entry_total")
    def entry_count(self, coverage: LiveCoverage) -> int:
        return coverage.entry_total

    @admin.display(description=_("state"), ordering="ended_at")
    def state(self, coverage: LiveCoverage) -> str:
        if coverage.is_live:
            return format_html('<span class="badge badge--published">{}</span>', _("Live"))
        return format_html('<span class="badge badge--draft">{}</span>', _("Coverage ended"))

    def get_urls(self):
        for_article = path(
            "for-article/<int:article_id>/",
            self.admin_site.admin_view(self.for_article_view),
            name="live_livecoverage_for_article",
        )
        return [for_article, *super().get_urls()]

    def for_article_view(self, request, article_id: int):
        """The article form's "Live coverage" link: its coverage, or a new one for it."""
        article = get_object_or_404(Article.objects.only("pk"), pk=article_id)
        coverage = LiveCoverage.objects.filter(article=article).values_list("pk", flat=True)
        if coverage:
            return HttpResponseRedirect(
                reverse("admin:live_livecoverage_change", args=[coverage[0]])
            )
        return HttpResponseRedirect(
            f"{reverse('admin:live_livecoverage_add')}?article={article.pk}"
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = dict(extra_context or {})
        coverage = self.get_object(request, object_id)
        if coverage is not None:
            entries = coverage.entries.for_readers().select_related("author")
            context["live_entries"] = [
                {
                    "entry": entry,
                    "text": Truncator(entry.text).chars(240),
                    "change_url": reverse("admin:live_liveentry_change", args=[entry.pk]),
                    "delete_url": reverse("admin:live_liveentry_delete", args=[entry.pk]),
                }
                for entry in entries
            ]
            if request.user.has_perm("live.add_liveentry"):
                context["entry_form"] = LiveEntryQuickForm(initial={"coverage": coverage.pk})
                context["entry_add_url"] = reverse("admin:live_liveentry_add")
            context["article_url"] = coverage.article.get_absolute_url()
        return super().change_view(request, object_id, form_url, context)


class LiveEntryForm(forms.ModelForm):
    class Meta:
        model = LiveEntry
        fields = ["coverage", "text", "image", "image_alt", "pinned", "created_at"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "cols": 80, "dir": "auto"})}


@admin.register(LiveEntry)
class LiveEntryAdmin(admin.ModelAdmin):
    form = LiveEntryForm
    list_display = ["created_at", "short_text", "coverage", "pinned", "author"]
    list_select_related = ["coverage__article", "author"]
    list_filter = ["pinned"]
    search_fields = ["text", "coverage__article__title"]

    def get_fields(self, request, obj=None):
        fields = ["coverage", "text", "image", "image_alt", "pinned"]
        # A new entry is stamped with the moment it is saved; its time may be set afterwards.
        return [*fields, "created_at"] if obj is not None else fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "coverage":
            kwargs["queryset"] = LiveCoverage.objects.select_related("article")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("text"))
    def short_text(self, entry: LiveEntry) -> str:
        return Truncator(entry.text).chars(80)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj) -> None:
        request.live_coverage_id = obj.coverage_id
        super().delete_model(request, obj)

    def back_to_coverage(self, coverage_id: int) -> HttpResponseRedirect:
        url = reverse("admin:live_livecoverage_change", args=[coverage_id])
        return HttpResponseRedirect(url)

    def response_post_save_add(self, request, obj):
        return self.back_to_coverage(obj.coverage_id)

    def response_post_save_change(self, request, obj):
        return self.back_to_coverage(obj.coverage_id)

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)
        coverage_id = getattr(request, "live_coverage_id", None)
        if coverage_id and self.has_view_or_change_permission(request):
            return self.back_to_coverage(coverage_id)
        return response
