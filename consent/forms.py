from django import forms
from django.utils.translation import gettext_lazy as _

from cookie_consent.cache import all_cookie_groups

from consent.models import ConsentReceipt


def optional_groups() -> list[tuple[str, str]]:
    return [(varname, varname) for varname in all_cookie_groups()]


class ConsentChoiceForm(forms.Form):
    """One reader's choice, from the banner, its close button or the settings page."""

    groups = forms.MultipleChoiceField(
        choices=optional_groups,
        required=False,
        error_messages={"invalid_choice": _("That cookie group does not exist.")},
    )
    source = forms.ChoiceField(
        choices=ConsentReceipt.Source.choices,
        required=False,
        error_messages={"invalid_choice": _("That choice was not understood.")},
    )
    next = forms.CharField(max_length=2000, required=False)
