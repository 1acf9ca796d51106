"""Images from a copy of WordPress's uploads folder, brought in through Dima's image pipeline.

Nothing is downloaded: a file is looked for in the copy, under its own path or, for one of
WordPress's size variants (`photo-300x200.jpg`), under the original's. Each file enters once,
cleaned as an editor's upload is (`articles.images.clean_upload`: re-encoded, EXIF and GPS
gone) with its renditions, and the importer's records remember where it went, so a second
run, or a second post showing the same photo, reuses it.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File

from articles.images import clean_upload, make_renditions, validate_image_upload
from articles.models import EditorImage
from wordpress.content import original_candidates
from wordpress.models import ImportRecord, record_key
from wordpress.report import ImportReport


class Uploads:
    """The uploads folder copy (or none), with the files already brought in."""

    def __init__(self, root: Path | None, report: ImportReport, *, dry_run: bool = False):
        self.root = root.resolve() if root else None
        self.report = report
        self.dry_run = dry_run

    def find(self, relative: str) -> tuple[Path, str] | None:
        """The file for an uploads path, and its path in the folder: the original when the
        path names one of its size variants. Never a file outside the folder."""
        if self.root is None:
            return None
        for candidate in reversed(list(original_candidates(relative))):
            path = (self.root / candidate.lstrip("/")).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return path, path.relative_to(self.root).as_posix()
        return None

    def missing(self, relative: str) -> None:
        self.report.images["missing"] += 1
        where = "the uploads folder" if self.root else "(no --uploads folder given)"
        self.report.warn(f"image not found in {where}: {relative}")

    def cleaned(self, path: Path, relative: str):
        """The file cleaned as an upload is, or None with a warning when it is refused."""
        try:
            with path.open("rb") as handle:
                upload = File(handle, name=path.name)
                if self.dry_run:
                    validate_image_upload(upload)
                    return path
                return clean_upload(upload)
        except (ValidationError, OSError) as error:
            self.report.images["refused"] += 1
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            self.report.warn(f"image refused: {relative}: {message}")
            return None

    def _record(self, key: str) -> ImportRecord | None:
        return ImportRecord.objects.filter(kind=ImportRecord.Kind.FILE, key=record_key(key)).first()

    def featured(self, relative: str):
        """What to put in an article's image field: a stored name (reused) or a cleaned upload.

        Returns (value, key): `key` names the file for `featured_stored` when it is new;
        (None, None) when the file cannot be used.
        """
        found = self.find(relative)
        if found is None:
            self.missing(relative)
            return None, None
        path, key = found
        record = self._record(f"featured:{key}")
        if record is not None:
            self.report.images["reused"] += 1
            return record.stored_name, None
        upload = self.cleaned(path, key)
        if upload is None:
            return None, None
        self.report.images["copied"] += 1
        return (None if self.dry_run else upload), key

    def featured_stored(self, key: str, stored_name: str) -> None:
        """Remember where a featured image went, once its article is saved."""
        ImportRecord.objects.update_or_create(
            kind=ImportRecord.Kind.FILE,
            key=record_key(f"featured:{key}"),
            defaults={"stored_name": stored_name},
        )

    def body_url(self, relative: str) -> str | None:
        """The address, in Dima's media, of an image in a post's body (an editor image).

        None when there is no such file: the caller reports those (`rewrite_uploads`
        asks once for each spelling of the path, the variant's and the original's).
        """
        found = self.find(relative)
        if found is None:
            return None
        path, key = found
        record = self._record(f"body:{key}")
        if record is not None:
            image = EditorImage.objects.filter(pk=record.object_id).first()
            if image is not None:
                self.report.images["reused"] += 1
                return image.image.url
        upload = self.cleaned(path, key)
        if upload is None:
            return None
        self.report.images["copied"] += 1
        if self.dry_run:
            return f"/media/editor/imported/{path.name}"
        image = EditorImage(image=upload)
        image.save()
        make_renditions(image.image)
        ImportRecord.objects.update_or_create(
            kind=ImportRecord.Kind.FILE,
            key=record_key(f"body:{key}"),
            defaults={"object_id": image.pk, "stored_name": image.image.name},
        )
        return image.image.url
