from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments.models import Comment, ModerationWord
from comments.services import comments_delete, comments_set_status


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "newsroom_name_note",
        "short_body",
        "status",
        "article",
        "email",
        "ip_address",
        "created_at",
    ]
    list_filter = ["status", "name_resembles_newsroom", "created_at", "article__section"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "ip_address", "article__title"]
    date_hierarchy = "created_at"
    readonly_fields = ["article", "parent", "ip_address", "created_at", "newsroom_name_note"]
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
    ]
    actions = ["approve", "unapprove", "mark_spam", "delete_with_replies"]
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
