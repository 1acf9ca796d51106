from django.contrib import admin

from consent.models import BannerText, ConsentReceipt

# django-cookie-consent's click log is switched off (COOKIE_CONSENT_LOG_ENABLED): Dima keeps
# consent receipts instead.


@admin.register(BannerText)
class BannerTextAdmin(admin.ModelAdmin):
    list_display = ["language", "title", "updated_at"]
    fields = ["language", "title", "text"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a language without its text would fall back silently


@admin.register(ConsentReceipt)
class ConsentReceiptAdmin(admin.ModelAdmin):
    """Proof is not edited: receipts are only read (and pruned by a command)."""

    list_display = ["id", "created_at", "source", "language", "choices"]
    list_filter = ["source", "language"]
    date_hierarchy = "created_at"
    search_fields = ["id"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
