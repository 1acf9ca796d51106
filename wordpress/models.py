import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """What one WordPress thing became in Dima: the importer's memory between runs.

    A second run finds here what it made the first time, so nothing is made twice; the
    fingerprint of the WordPress data tells whether the thing changed since.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", _("author")
        TERM = "term", _("category or tag")
        POST = "post", _("post")
        PAGE = "page", _("page")
        COMMENT = "comment", _("comment")
        FILE = "file", _("uploaded file")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # WordPress's id (posts, comments), login (authors), taxonomy:slug (terms) or the file's
    # path in the uploads folder.
    key = models.CharField(_("WordPress key"), max_length=255)  # see record_key
    guid = models.CharField(max_length=255, blank=True)
    object_id = models.BigIntegerField(_("Dima id"), null=True, blank=True)
    stored_name = models.CharField(_("stored file"), max_length=255, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="import_record_unique_key"),
        ]
        indexes = [models.Index(fields=["kind", "guid"], name="import_record_guid_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.object_id or self.stored_name}"


KEY_MAX_LENGTH = 255


def record_key(text: str) -> str:
    """A key that fits the column: a longer one (a login, slug or path of thousands of
    characters) keeps its start and ends with a hash of the whole."""
    if len(text) <= KEY_MAX_LENGTH:
        return text
    return f"{text[:190]}#{hashlib.sha256(text.encode()).hexdigest()}"
