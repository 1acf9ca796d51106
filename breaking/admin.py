from datetime import timedelta

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from breaking.models import Breaking
from breaking.services import breaking_end_now


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("running", _("Running")), ("coming", _("To come")), ("ended", _("Ended"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "running":
            return queryset.running()
        if self.value() == "coming":
            return queryset.filter(starts_at__gt=now)
        if self.value() == "ended":
            return queryset.filter(ends_at__lte=now)
        return queryset


@admin.register(Breaking)
class BreakingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "starts_at", "ends_at", "is_running", "created_by"]
    list_select_related = ["article", "created_by"]
    list_filter = [StateFilter]
    search_fields = ["headline", "article__title"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["article"]
    fields = ["article", "headline", "starts_at", "ends_at"]
    actions = ["end_now"]

    @admin.display(boolean=True, description=_("shown now"))
    def is_running(self, item: Breaking) -> bool:
        return item.starts_at <= timezone.now() < item.ends_at

    def get_changeform_initial_data(self, request):
        # An hour from now unless the address says otherwise (?article=<id> preselects one).
        return {
            "ends_at": timezone.now() + timedelta(hours=1)
        } | super().get_changeform_initial_data(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("End the selected items now"), permissions=["change"])
    def end_now(self, request, queryset):
        count = breaking_end_now(queryset)
        message = ngettext(
            "%(count)d breaking news item ended.", "%(count)d breaking news items ended.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
