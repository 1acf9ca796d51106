"""The comment form, and the signed times that tell a person from a script.

Two hidden fields carry time. `token` is in the page's HTML: which article the form is for
and when the page was rendered. A page may be cached and given to thousands of readers, so
that time says nothing about any one of them, and serves only to refuse forms older than
COMMENTS_MAX_FORM_AGE. `started` is the reader's own start: a signed time the page fetches
per reader, per visit (/cookies/status/, through consent.status, when the reader first
touches the form; static/js/consent.js fills it in), or one the server writes into a form it
shows back to one reader (`renew_token`). A form sent less than COMMENTS_MIN_SECONDS after
`started` is refused as too fast.

A form sent without `started` (no JavaScript, or a script that posts the cached HTML's form)
is not published: it comes back, text kept, with a fresh `started` and a request to press
"Post Comment" again. Readers without JavaScript post from a cached page through that step
anyway (the cached page carries no CSRF token: comments.views.resend_comment_form), so they
lose nothing; a bot that posts at once from a cached page, however old the page, is refused.
"""

import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from arabic.text import INVISIBLE, strip_hidden
from comments.models import Comment, CommentReport
from comments.moderation import email_key
from consent.status import add_to_status

TOKEN_SALT = "comments.form"  # noqa: S105 (a signing namespace, not a secret)
STARTED_SALT = "comments.started"


def form_token(article_pk: int, issued_at: float | None = None) -> str:
    """A signed note of which article the form is for and when its page was rendered."""
    issued = int(time.time() if issued_at is None else issued_at)
    return signing.dumps({"a": article_pk, "t": issued}, salt=TOKEN_SALT, compress=True)


def reader_started(started_at: float | None = None) -> str:
    """A signed note of when one reader started on a form (never put in a shared page)."""
    started = int(time.time() if started_at is None else started_at)
    return signing.dumps({"s": started}, salt=STARTED_SALT)


def check_started(
    value: str | None, *, min_seconds: int, not_sent: str, too_fast: str, expired: str
) -> None:
    """Refuse a form whose signed start time (`reader_started`) is missing, forged, too near
    (a script) or older than COMMENTS_MAX_FORM_AGE, with the caller's words for each."""
    try:
        started_at = int(signing.loads(value or "", salt=STARTED_SALT)["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise forms.ValidationError(not_sent) from None
    age = time.time() - started_at
    if age < min_seconds:
        raise forms.ValidationError(too_fast)
    if age > settings.COMMENTS_MAX_FORM_AGE:
        raise forms.ValidationError(expired)


@dataclass(frozen=True)
class VisibleTextMessages:
    """What to say of a text that shows nothing, hides characters, or has no letter."""

    empty: str
    hidden: str
    no_letters: str


NAME_MESSAGES = VisibleTextMessages(
    empty=_("This name shows nothing: please write it with visible letters."),
    hidden=_("The name contains invisible control characters; please type it again."),
    no_letters=_("Please write a name with letters."),
)


def visible_text(text: str, messages: VisibleTextMessages = NAME_MESSAGES) -> str:
    """A name (a city...) that shows letters and hides nothing, or a ValidationError."""
    if not INVISIBLE.sub("", text).strip():
        raise forms.ValidationError(messages.empty)
    if INVISIBLE.search(text) or any(ord(c) < 32 for c in text):
        raise forms.ValidationError(messages.hidden)
    if not any(c.isalnum() for c in text):
        raise forms.ValidationError(messages.no_letters)
    return text


def share_form_start() -> None:
    """Give every reader, in /cookies/status/, a start time of their own for the form."""
    add_to_status("comment_form", group=None, read=lambda request: {"started": reader_started()})


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    name = forms.CharField(
        label=_("Name"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        widget=forms.URLInput(attrs={"autocomplete": "url", "dir": "ltr"}),
    )
    remember = forms.BooleanField(
        label=_("Save my name, email, and website in this browser for the next time I comment."),
        required=False,
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # Before `token`, whose check reads it.
    started = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
    # A field people never see; bots that fill every input fill it too.
    honeypot = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, article, *args, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = 5000
        if not self.is_bound:
            self.initial.setdefault("token", form_token(article.pk))

    def clean_name(self) -> str:
        return visible_text(self.cleaned_data["name"])

    def clean_email(self) -> str:
        return email_key(self.cleaned_data["email"])

    def clean_body(self) -> str:
        body = strip_hidden(self.cleaned_data["body"]).strip()
        if not body:
            raise forms.ValidationError(_("Please write a comment."))
        return body

    def clean_honeypot(self) -> str:
        if self.cleaned_data["honeypot"]:
            raise forms.ValidationError(_("This field must be left empty."))
        return ""

    def clean_token(self) -> str:
        try:
            data = signing.loads(self.cleaned_data["token"], salt=TOKEN_SALT)
            article_pk, issued_at = int(data["a"]), int(data["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(
                _("The form could not be verified. Please send your comment again.")
            ) from None
        if article_pk != self.article.pk:
            raise forms.ValidationError(_("This form belongs to another article."))
        if time.time() - issued_at > settings.COMMENTS_MAX_FORM_AGE:
            raise forms.ValidationError(
                _("This form has expired. Your comment is kept below: please send it again.")
            )
        self.check_started()
        return self.cleaned_data["token"]

    def check_started(self) -> None:
        """The reader's own start time (see the module's docstring): there, and not too near."""
        check_started(
            self.cleaned_data.get("started"),
            min_seconds=settings.COMMENTS_MIN_SECONDS,
            not_sent=_("Your comment has not been sent yet. Please press “Post Comment” again."),
            too_fast=_(
                "That was quicker than anyone can write. Please wait a moment and send again."
            ),
            expired=_("This form has expired. Your comment is kept below: please send it again."),
        )

    def clean_parent(self):
        parent_pk = self.cleaned_data.get("parent")
        if parent_pk is None:
            return None
        parent = Comment.objects.approved().filter(article=self.article, pk=parent_pk).first()
        if parent is None:
            raise forms.ValidationError(_("The comment you are replying to is not available."))
        if parent.depth + 1 >= settings.COMMENTS_MAX_DEPTH:
            # Too deep to nest further: answer in the same thread, beside the parent.
            parent = parent.parent or parent
        return parent

    def renew_token(self) -> None:
        """Give a form shown back to its reader a fresh token and start time, so that sending
        it again can succeed (the response is that reader's own, never a shared page)."""
        data = self.data.copy()
        data["token"] = form_token(self.article.pk)
        data["started"] = reader_started()
        self.data = data


class ReportForm(forms.Form):
    """A reader's report of a comment: the reason is optional."""

    reason = forms.ChoiceField(
        label=_("Reason (optional)"),
        choices=[("", _("No reason given")), *CommentReport.Reason.choices],
        required=False,
    )
