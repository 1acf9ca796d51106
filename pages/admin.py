from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from pages.addresses import page_address
from pages.models import Page


class PageForm(forms.ModelForm):
    # Wider than the stored column: a pasted percent-encoded address is three times the
    # length of the decoded one the model keeps (and checks).
    url = forms.CharField(
        label=Page._meta.get_field("url").verbose_name,
        help_text=Page._meta.get_field("url").help_text,
        max_length=2000,
        widget=forms.TextInput(attrs={"dir": "ltr", "size": 60}),
    )

    class Meta:
        model = Page
        fields = ["title", "url", "language", "body", "published"]

    def clean_url(self) -> str:
        return page_address(self.cleaned_data["url"])


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageForm
    list_display = ["title", "url", "published", "updated_at"]
    list_filter = ["published", "language"]
    search_fields = ["title", "url"]
    readonly_fields = ["preview", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "url", "language", "body"]}),
        (_("Publishing"), {"fields": ["published", "preview"]}),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description=_("preview"))
    def preview(self, page: Page) -> str:
        if not page.pk:
            return "—"
        label = _("View on the site") if page.published else _("Preview (only staff can see it)")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', page.get_absolute_url(), label
        )
