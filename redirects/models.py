from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from redirects.paths import canonical_path

OLD_PATH_MAX_LENGTH = 500
NEW_PATH_MAX_LENGTH = 500


def new_path_errors(new_path: str) -> list[str]:
    """Why `new_path` is no safe place to send a reader (an empty list when it is one)."""
    if new_path.lower().lstrip().startswith("javascript:"):
        return [_("A redirect cannot run a script: “javascript:” addresses are refused.")]
    # Browsers drop tabs and line breaks from addresses and read "\" as "/": either could
    # turn "/…" into "//another-site".
    if any(character.isspace() or ord(character) < 32 for character in new_path):
        return [_("The new address cannot contain spaces or control characters.")]
    if "\\" in new_path:
        return [_("The new address cannot contain a backslash.")]
    if new_path.startswith("/") and not new_path.startswith("//"):
        return []
    if urlsplit(new_path).scheme.lower() in ("http", "https"):
        try:
            URLValidator(schemes=["http", "https"])(new_path)
        except ValidationError:
            return [_("Enter a complete http:// or https:// address.")]
        return []
    return [
        _("Enter an address on this site beginning with “/”, or a full http:// or https:// one.")
    ]


class Redirect(models.Model):
    old_path = models.CharField(
        _("old address"),
        max_length=OLD_PATH_MAX_LENGTH,
        unique=True,
        help_text=_(
            "The address readers used to reach, e.g. /2016/05/01/عنوان-الخبر/ or /?p=123. "
            "It is stored in one spelling: decoded, without the trailing slash or tracking "
            "parameters."
        ),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=NEW_PATH_MAX_LENGTH,
        help_text=_(
            "Where readers are sent: an address on this site beginning with “/”, or a full "
            "https:// address."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=100,
        blank=True,
        validators=[ProhibitNullCharactersValidator()],
        help_text=_("Where the redirect comes from, e.g. “WordPress”."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        ordering = ["old_path"]

    def __str__(self) -> str:
        return f"{self.old_path} → {self.new_path}"

    def save(self, *args, **kwargs):
        self.old_path = canonical_path(self.old_path)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.old_path = canonical_path(self.old_path)
        if len(self.old_path) > OLD_PATH_MAX_LENGTH:
            raise ValidationError(
                {"old_path": _("This address is too long to be one the site has used.")}
            )
        errors = new_path_errors(self.new_path)
        if not errors and self.new_path.startswith("/"):
            if canonical_path(self.new_path) == self.old_path:
                errors = [_("A redirect cannot send readers to the address they came from.")]
        if errors:
            raise ValidationError({"new_path": errors})
