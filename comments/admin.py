from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments.models import Comment, CommentReport, ModerationWord
from comments.services import comment_reports_dismiss, comments_delete, comments_set_status


class ReportedFilter(admin.SimpleListFilter):
    title = _("readers' reports")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_count__gt=0)
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "newsroom_name_note",
        "short_body",
        "status",
        "report_count",
        "article",
        "email",
        "ip_address",
        "created_at",
    ]
    list_filter = [
        "status",
        ReportedFilter,
        "name_resembles_newsroom",
        "created_at",
        "article__section",
    ]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "ip_address", "article__title"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "article",
        "parent",
        "ip_address",
        "created_at",
        "newsroom_name_note",
        "report_count",
        "report_reasons",
    ]
    fields = [
        "article",
        "parent",
        "status",
        "name",
        "newsroom_name_note",
        "email",
        "url",
        "body",
        "ip_address",
        "created_at",
        "report_count",
        "report_reasons",
    ]
    actions = ["approve", "unapprove", "mark_spam", "dismiss_reports", "delete_with_replies"]
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request) -> bool:
        return False  # comments come from readers

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would skip the count bookkeeping
        return actions

    def delete_model(self, request, obj) -> None:
        comments_delete([obj.pk])

    @admin.display(description=_("name check"))
    def newsroom_name_note(self, comment: Comment) -> str:
        return _("name resembles the newsroom's") if comment.name_resembles_newsroom else ""

    @admin.display(description=_("comment"))
    def short_body(self, comment: Comment) -> str:
        return comment.body[:80]

    @admin.display(description=_("reasons given"))
    def report_reasons(self, comment: Comment) -> str:
        """The reasons of the reports still counted, with how many readers gave each."""
        reasons = dict(CommentReport.Reason.choices)
        given = (
            comment.reports.filter(dismissed_at=None)
            .order_by("reason")
            .values_list("reason")
            .annotate(n=models.Count("pk"))
        )
        return ", ".join(f"{reasons.get(reason, _('none'))}: {n}" for reason, n in given)

    def save_model(self, request, obj, form, change) -> None:
        if change and "status" in form.changed_data:
            new_status, obj.status = obj.status, form.initial["status"]
            super().save_model(request, obj, form, change)
            comments_set_status([obj.pk], new_status)  # keeps the article's count exact
        else:
            super().save_model(request, obj, form, change)

    def _ids(self, queryset) -> list[int]:
        return list(queryset.values_list("pk", flat=True))

    @admin.action(description=_("Approve the selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        count = comments_set_status(self._ids(queryset), Comment.Status.APPROVED)
        message = ngettext("%(count)d comment approved.", "%(count)d comments approved.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Unapprove the selected comments"), permissions=["change"])
    def unapprove(self, request, queryset):
        count = comments_set_status(self._ids(queryset), Comment.Status.PENDING)
        message = ngettext(
            "%(count)d comment returned to moderation.",
            "%(count)d comments returned to moderation.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Mark the selected comments as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        count = comments_set_status(self._ids(queryset), Comment.Status.SPAM)
        message = ngettext(
            "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Dismiss the readers' reports of the selected comments"),
        permissions=["change"],
    )
    def dismiss_reports(self, request, queryset):
        count = comment_reports_dismiss(self._ids(queryset))
        message = ngettext(
            "The reports of %(count)d comment were dismissed.",
            "The reports of %(count)d comments were dismissed.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Delete the selected comments and their replies"), permissions=["delete"]
    )
    def delete_with_replies(self, request, queryset):
        count = comments_delete(self._ids(queryset))
        message = ngettext("%(count)d comment deleted.", "%(count)d comments deleted.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(ModerationWord)
class ModerationWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action"]
    list_filter = ["action"]
    search_fields = ["word"]
