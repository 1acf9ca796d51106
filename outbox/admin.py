"""The task queue in admin, in the newsroom's languages: what waits, what ran, what failed
and why (django-tasks-db's own admin, read-only, with translated labels and the error shown)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult, get_date_max

from outbox.retry import ATTEMPT

# The package ships no translations: its model's names and statuses are translated in ours.
PACKAGE_LABELS = (
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "task_name",
        "status",
        "attempt",
        "enqueued_at",
        "display_run_after",
        "finished_at",
        "error",
    )
    list_filter = ("status", "queue_name")
    search_fields = ("task_path", "exception_class_path")

    @admin.display(description=_("attempt"))
    def attempt(self, obj: DBTaskResult) -> int:
        return int((obj.args_kwargs.get("kwargs") or {}).get(ATTEMPT, 1))

    @admin.display(description=_("error"))
    def error(self, obj: DBTaskResult) -> str:
        if not obj.exception_class_path:
            return "-"
        last_line = obj.traceback.strip().splitlines()[-1] if obj.traceback else ""
        return last_line or obj.exception_class_path

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        if not obj.traceback:
            return "-"
        return format_html('<pre dir="ltr">{}</pre>', obj.traceback)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj: DBTaskResult):
        if obj.run_after == get_date_max():
            return self.get_empty_value_display()
        return obj.run_after
