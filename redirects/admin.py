from django import forms
from django.contrib import admin

from redirects.models import Redirect
from redirects.paths import canonical_path


class RedirectForm(forms.ModelForm):
    # Wider than the stored column: a pasted percent-encoded address is three times the
    # length of the decoded one the model keeps (and checks).
    old_path = forms.CharField(
        label=Redirect._meta.get_field("old_path").verbose_name,
        help_text=Redirect._meta.get_field("old_path").help_text,
        max_length=4000,
        widget=forms.TextInput(attrs={"dir": "ltr", "size": 80}),
    )

    class Meta:
        model = Redirect
        fields = ["old_path", "new_path", "note"]
        widgets = {"new_path": forms.TextInput(attrs={"dir": "ltr", "size": 80})}

    def clean_old_path(self) -> str:
        return canonical_path(self.cleaned_data["old_path"])


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path", "note", "updated_at"]
    list_filter = ["note"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["created_at", "updated_at"]
    fields = ["old_path", "new_path", "note", "created_at", "updated_at"]

    def get_search_results(self, request, queryset, search_term):
        # Editors paste addresses as the browser shows them, often percent-encoded.
        if search_term.startswith(("/", "http://", "https://")):
            search_term = canonical_path(search_term)
        return super().get_search_results(request, queryset, search_term)
