"""The «صوتكم» form: a reader's story, their details and up to five photos.

The comment form's defences apply (comments.forms): a honeypot, and the reader's own signed
start time fetched per reader from /cookies/status/ (the page may be cached and shared), too
near or missing and the form comes back. Photos are checked one by one (submissions.photos);
a form that comes back for any reason keeps every word the reader typed, but a browser never
sends a file twice, so the photos must be chosen again, and the form says so.
"""

import re
import time

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from arabic.text import strip_hidden
from comments.forms import VisibleTextMessages, check_started, reader_started, visible_text
from comments.moderation import count_links, email_key
from submissions.photos import clean_reader_photo
from submissions.uploads import TOO_LARGE

CITY_MESSAGES = VisibleTextMessages(
    empty=_("This city shows nothing: please write it with visible letters."),
    hidden=_("The city contains invisible control characters; please type it again."),
    no_letters=_("Please write the city's name with letters."),
)
PHONE = re.compile(r"\+?[0-9 ()./-]{6,30}")
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp"


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files in one input; each cleaned (re-encoded, metadata gone) or refused."""

    widget = MultiplePhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        limit = settings.SUBMISSIONS_MAX_PHOTOS
        if len(files) > limit:
            raise ValidationError(
                ngettext("Send at most %(limit)d photo.", "Send at most %(limit)d photos.", limit)
                % {"limit": limit}
            )
        cleaned, errors = [], []
        for file in files:
            try:
                cleaned.append(clean_reader_photo(super().clean(file, initial)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class SubmissionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[MinLengthValidator(5)],
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    story = forms.CharField(
        label=_("Your story"),
        max_length=20000,
        validators=[MinLengthValidator(50)],
        help_text=_("Plain text: leave an empty line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 12, "dir": "auto"}),
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=80,
        required=False,
        help_text=_("As it should appear under the story."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    anonymous = forms.BooleanField(
        label=_("Do not publish my name: sign the story “a reader from” my city."),
        required=False,
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never published. We send you a private link to follow your story."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        help_text=_("Never published; only if an editor needs to reach you quickly."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "dir": "ltr", "inputmode": "tel"}),
    )
    city = forms.CharField(
        label=_("City (optional)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    photos = PhotosField(
        label=_("Photos (optional)"),
        help_text=_("Up to 5 photos, JPEG, PNG or WebP, 10 MB each at most."),
        widget=MultiplePhotoInput(attrs={"accept": ACCEPTED_TYPES}),
    )
    agree = forms.BooleanField(
        label=_(
            "I wrote this story and took these photos (or may share them), and I agree to "
            "their publication by the newsroom, edited if needed."
        ),
        error_messages={"required": _("Please confirm, so that we may publish your story.")},
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    # A field people never see; bots that fill every input fill it too.
    honeypot = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, refused_uploads=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Photos the upload handler did not even keep (submissions.uploads).
        self.refused_uploads = list(refused_uploads)

    def clean_photos(self) -> list:
        errors = []
        for name, reason in self.refused_uploads:
            if reason == TOO_LARGE:
                errors.append(
                    _("“%(name)s” is larger than %(limit)s and was not sent.")
                    % {"name": name, "limit": filesizeformat(settings.SUBMISSIONS_PHOTO_BYTES)}
                )
            else:
                errors.append(
                    _("“%(name)s” was one photo too many: %(limit)d at most.")
                    % {"name": name, "limit": settings.SUBMISSIONS_MAX_PHOTOS}
                )
        if errors:
            raise ValidationError(errors)
        return self.cleaned_data["photos"]

    def clean_title(self) -> str:
        title = " ".join(strip_hidden(self.cleaned_data["title"]).split())
        if not title:
            raise ValidationError(_("Please give your story a title."))
        return title

    def clean_story(self) -> str:
        lines = strip_hidden(self.cleaned_data["story"]).replace("\r\n", "\n").split("\n")
        story = "\n".join(line.rstrip() for line in lines).strip()
        if not story:
            raise ValidationError(_("Please write your story."))
        if count_links(story) >= settings.SUBMISSIONS_LINKS_TO_REFUSE:
            raise ValidationError(
                _("Your story holds too many links. Tell it in your own words, with fewer links.")
            )
        return story

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        return visible_text(name) if name else ""

    def clean_city(self) -> str:
        city = self.cleaned_data["city"].strip()
        return visible_text(city, CITY_MESSAGES) if city else ""

    def clean_email(self) -> str:
        return email_key(self.cleaned_data["email"])

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE.fullmatch(phone) or sum(c.isdigit() for c in phone) < 6):
            raise ValidationError(_("Write the phone number with digits only, e.g. 0612345678."))
        return phone

    def clean_honeypot(self) -> str:
        if self.cleaned_data["honeypot"]:
            raise ValidationError(_("This field must be left empty."))
        return ""

    def clean(self):
        data = super().clean()
        if not data.get("anonymous") and not data.get("name") and "name" not in self.errors:
            self.add_error(
                "name", _("Write your name, or choose to sign as a reader from your city.")
            )
        if not self.errors:
            check_started(
                data.get("started"),
                min_seconds=settings.SUBMISSIONS_MIN_SECONDS,
                not_sent=_("Your story has not been sent yet. Please press “Send” again."),
                too_fast=_(
                    "Your story was sent quicker than anyone can write. Please wait a moment "
                    "and send it again."
                ),
                expired=_("This form has expired. Your story is kept below: please send it again."),
            )
        return data

    def renew_started(self, *, already_written: bool = False) -> None:
        """A form shown back to its reader gets a fresh start time, so sending it again can
        succeed (that response is the reader's own, never a shared page).

        `already_written`: the form came whole but without a CSRF token, as it does from a
        cached page without JavaScript. The reader has written it already and is asked only
        to press "Send" again: its start is put far enough back for that press to count.
        """
        data = self.data.copy()
        back = settings.SUBMISSIONS_MIN_SECONDS if already_written else 0
        data["started"] = reader_started(time.time() - back)
        self.data = data
