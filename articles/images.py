"""The image pipeline: an upload is validated, cleaned and stored, then rendered at a few widths.

Every image enters through `clean_upload`: a form field (`CleanedImageField` on the models, so
every ModelForm, the admin's included) calls it while validating the form, and code that makes
images itself (demo content, benchmarks) calls it directly. What reaches a model is therefore
already clean bytes, and a model's `save()` does no image work. An image that is already stored
is never opened again to be validated: only new uploads are checked. Renditions are written
after the row is saved (`articles.services.article_save`, the editor's upload view).
"""

import hashlib
import io
import re
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_upload(file) -> None:
    """Refuse what is not a JPEG, PNG, WebP or GIF, or is too heavy or too large to decode."""
    if file.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is too heavy (%(size)s); the limit is %(limit)s.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES),
            }
        )
    file.seek(0)
    try:
        # Opening reads the header only: the pixel count is known before any decoding, and
        # is checked below with a clear message rather than Pillow's warning.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format, (width, height) = image.format, image.size
    except (OSError, Image.DecompressionBombError, ValueError):
        raise ValidationError(_("This file is not an image we can use.")) from None
    finally:
        file.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(_("Use a JPEG, PNG, WebP or GIF image."))
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is %(width)d×%(height)d pixels; the limit is %(limit)d megapixels.")
            % {"width": width, "height": height, "limit": settings.MAX_IMAGE_PIXELS // 10**6}
        )


# Widths of the renditions served through srcset; a phone takes the 480 one.
RENDITION_WIDTHS = (480, 800, 1200)
_SAVE_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 78, "method": 4},
    "GIF": {},
}
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _open_upright(file) -> tuple[Image.Image, str]:
    file.seek(0)
    image = Image.open(file)
    image_format = image.format
    # Apply the camera's orientation to the pixels, so the tag can be dropped.
    return ImageOps.exif_transpose(image), image_format


def _encode(image: Image.Image, image_format: str) -> bytes:
    """Encode without EXIF, GPS, XMP or ICC extras: only the pixels leave."""
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, image_format, **_SAVE_OPTIONS[image_format])
    return out.getvalue()


def clean_image(file) -> tuple[bytes, str]:
    """The upload re-encoded upright and without metadata; returns (bytes, extension)."""
    image, image_format = _open_upright(file)
    with image:
        return _encode(image, image_format), _EXTENSIONS[image_format]


_CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}


def clean_upload(file) -> SimpleUploadedFile:
    """Validate an upload and return it re-encoded upright, without metadata, under its name
    with the extension of its real format (a PNG sent as photo.jpg is stored as photo.png)."""
    validate_image_upload(file)
    data, extension = clean_image(file)
    stem = PurePosixPath(file.name or "image").stem or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", data, _CONTENT_TYPES[extension])


class UploadedImageFormField(forms.ImageField):
    """An image field whose new uploads come out of validation already cleaned.

    A form left unchanged hands back the stored file without calling this: an image already
    kept is not validated again (reading it back could fail for reasons that are not the
    editor's, and its bytes were cleaned when it came in).
    """

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        return clean_upload(file)


class CleanedImageField(models.ImageField):
    """A model's image field whose form field cleans uploads (see the module's docstring)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadedImageFormField, **kwargs})


def rendition_widths(width: int) -> list[int]:
    """Widths to offer for an image `width` pixels wide: never wider than the original."""
    return sorted({w for w in RENDITION_WIDTHS if w < width} | {min(width, RENDITION_WIDTHS[-1])})


def rendition_name(name: str, width: int, extension: str) -> str:
    """renditions/<folder>/<stem>-<width>.<extension>, in plain ASCII.

    A stem in Arabic would be percent-encoded in every address of every srcset: six bytes a
    letter, seven addresses a picture. It is replaced by a short hash of itself.
    """
    path = PurePosixPath(name)
    stem = path.stem
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", stem):
        stem = hashlib.sha256(stem.encode()).hexdigest()[:16]
    return f"renditions/{path.parent / stem}-{width}.{extension}"


def original_extension(name: str) -> str:
    extension = PurePosixPath(name).suffix.lstrip(".").lower()
    return "jpg" if extension == "jpeg" else extension


def make_renditions(fieldfile, *, replace: bool = True) -> list[str]:
    """Write the renditions of a stored image (WebP and its own format); return new names."""
    storage = fieldfile.storage
    with fieldfile.open("rb") as source:
        image, image_format = _open_upright(source)
    written = []
    with image:
        for width in rendition_widths(image.width):
            height = round(image.height * width / image.width)
            resized = None
            for extension in ("webp", original_extension(fieldfile.name)):
                name = rendition_name(fieldfile.name, width, extension)
                if storage.exists(name):
                    if not replace:
                        continue
                    storage.delete(name)
                resized = resized or image.resize((width, height), Image.Resampling.LANCZOS)
                out_format = "WEBP" if extension == "webp" else image_format
                written.append(storage.save(name, ContentFile(_encode(resized, out_format))))
    return written
