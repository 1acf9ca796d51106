import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Section
from search.query import MAX_QUERY_LENGTH, SearchFilters

# Dates outside these years are refused: no archive goes further back, and the end of a
# far-future day would overflow the conversion to UTC.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight of `day` in the site's time zone, the day the reader sees on the article."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def within_the_archive(day: datetime.date) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class SearchForm(forms.Form):
    """The search page's GET parameters: q, section (a slug), from and to (YYYY-MM-DD).

    "from" is a Python keyword, so the date fields are declared under their names below.
    The sections are the menu's, already cached (articles.navigation): no query.
    """

    q = forms.CharField(required=False)
    section = forms.ChoiceField(
        label=_("Section"),
        required=False,
        error_messages={"invalid_choice": _("Choose a section from the list.")},
    )

    def __init__(self, data, *, sections: list[Section]):
        super().__init__(data)
        self.sections = {section.slug: section for section in sections}
        self.fields["section"].choices = [("", _("All sections"))] + [
            (section.slug, section.local_name) for section in sections
        ]

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("from"), cleaned.get("to")
        if since and until and since > until:
            self.add_error("to", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> SearchFilters:
        """The filters of a valid form."""
        section = self.sections.get(self.cleaned_data["section"])
        since, until = self.cleaned_data["from"], self.cleaned_data["to"]
        return SearchFilters(
            section_id=section.pk if section else None,
            since=start_of_day(since) if since else None,
            until=start_of_day(until + datetime.timedelta(days=1)) if until else None,
        )

    def kept_parameters(self) -> dict[str, str]:
        """The valid parameters as the reader sent them, for the pages' links."""
        values = {"q": self.cleaned_data.get("q", "")}
        for name in ("section", "from", "to"):
            if self.cleaned_data.get(name):
                values[name] = self.data.get(name, "")
        return values


SearchForm.base_fields["from"] = forms.DateField(
    label=_("From date"), required=False, widget=DateInput(), validators=[within_the_archive]
)
SearchForm.base_fields["to"] = forms.DateField(
    label=_("To date"), required=False, widget=DateInput(), validators=[within_the_archive]
)
