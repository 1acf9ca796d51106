import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from arabic.text import INVISIBLE, strip_hidden
from comments.models import Comment
from comments.moderation import email_key

TOKEN_SALT = "comments.form"  # noqa: S105 (a signing namespace, not a secret)


def form_token(article_pk: int, issued_at: float | None = None) -> str:
    """A signed note of which article the form is for and when it was shown."""
    issued = int(time.time() if issued_at is None else issued_at)
    return signing.dumps({"a": article_pk, "t": issued}, salt=TOKEN_SALT, compress=True)


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
        name = self.cleaned_data["name"]
        if not INVISIBLE.sub("", name).strip():
            raise forms.ValidationError(
                _("This name shows nothing: please write it with visible letters.")
            )
        if INVISIBLE.search(name) or any(ord(c) < 32 for c in name):
            raise forms.ValidationError(
                _("The name contains invisible control characters; please type it again.")
            )
        if not any(c.isalnum() for c in name):
            raise forms.ValidationError(_("Please write a name with letters."))
        return name

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
        age = time.time() - issued_at
        if article_pk != self.article.pk:
            raise forms.ValidationError(_("This form belongs to another article."))
        if age < settings.COMMENTS_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was quicker than anyone can write. Please wait a moment and send again.")
            )
        if age > settings.COMMENTS_MAX_FORM_AGE:
            raise forms.ValidationError(
                _("This form has expired. Your comment is kept below: please send it again.")
            )
        return self.cleaned_data["token"]

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
        """Give a re-displayed form a fresh token, so that sending it again can succeed."""
        data = self.data.copy()
        data["token"] = form_token(self.article.pk)
        self.data = data
