from django.contrib import admin

from wordpress.models import ImportRecord


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    """What each WordPress thing became: to look up, never to edit (the importer's memory)."""

    list_display = ["kind", "key", "object_id", "stored_name", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["key", "guid", "stored_name"]
    readonly_fields = [f.name for f in ImportRecord._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
