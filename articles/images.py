"""The image pipeline: an upload is validated, cleaned and stored, then rendered at a few widths.

Every image enters through `clean_upload`: a form field (`CleanedImageField` on the models, so
every ModelForm, the admin's included) calls it while validating the form, and code that makes
images itself (demo content, benchmarks) calls it directly. What reaches a model is therefore
already clean bytes, and a model's `save()` does no image work. An image that is already stored
is never opened again to be validated: only new uploads are checked. Renditions are written
after the row is saved, by a background task (`articles.tasks.make_renditions_for`, queued by
`renditions_later` once the row is committed); until they exist, pages show the stored image
itself (`renditions_ready` on the row, read by the templates).

Memory is bounded, not left to the image. Decoded pixels cost far more than the file: a
115 KB PNG of 6300×6300 pixels is 159 MB once decoded, a WebP costs Pillow about 16 bytes a
pixel. So, before any decoding, `decoding_cost` works out from the header what decoding will
hold, and an image above DECODE_BUDGET is refused with its own pixel limit (a JPEG, which
Pillow can decode at 1/2, 1/4 or 1/8 of its size with `draft()`, costs only its reduced size).
The stored original is at most STORED_SIDE pixels a side, reduced by a whole factor (`reduce`,
no second full-size copy); renditions are made from it. `tests/test_image_memory.py` measures
the peak memory of the whole path in a fresh process.
"""

import hashlib
import io
import math
import re
import struct
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

from outbox.services import enqueue_on_commit

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}

# Widths of the renditions served through srcset; a phone takes the 480 one.
RENDITION_WIDTHS = (480, 800, 1200)
# The stored original's area at most: a square twice the widest rendition a side.
STORED_SIDE = 2 * RENDITION_WIDTHS[-1]
STORED_PIXELS = STORED_SIDE * STORED_SIDE
# What decoding one upload may hold in memory. With the reduced copy, the stored original's
# encoding and the upload's own bytes, a request stays under 150 MB over the worker's size.
DECODE_BUDGET = 80 * 2**20
# Bytes Pillow holds a pixel in: one for 1, L and P, two for 16-bit grey, four otherwise.
_MODE_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2}
# Modes resized and stored as they are; any other is converted first (a full-size copy).
_WORKING_MODES = {"L", "LA", "RGB", "RGBA"}
# libwebp decodes into a canvas of its own, handed to Pillow as bytes, then copied: measured
# at about 15.3 bytes a pixel (Pillow 13), counted as 16.
_WEBP_BYTES_PER_PIXEL = 16


def _jpeg_coefficient_bytes(image: Image.Image) -> int:
    """A progressive JPEG keeps every DCT coefficient (2 bytes) of the full-size image while
    it decodes, whatever the draft: one per pixel and component, fewer if subsampled."""
    if not (image.info.get("progressive") or image.info.get("progression")):
        return 0
    layers = getattr(image, "layer", None) or [(None, 1, 1, None)] * len(image.getbands())
    h_max = max(layer[1] for layer in layers)
    v_max = max(layer[2] for layer in layers)
    samples = sum(layer[1] * layer[2] for layer in layers) / (h_max * v_max)
    return math.ceil(image.width * image.height * samples * 2 * 1.1)  # + block padding


def _storing_factor(width: int, height: int) -> int:
    """The smallest whole factor that brings an image within STORED_PIXELS."""
    return max(1, math.ceil(math.sqrt(width * height / STORED_PIXELS)))


def _format(image: Image.Image) -> str:
    """The image's format as stored: a phone's MPO (a JPEG carrying a second picture, a depth
    or gain map) is a JPEG, and only its first picture is kept."""
    return "JPEG" if image.format == "MPO" else image.format


def _draft(image: Image.Image, width: int, height: int) -> None:
    """Let a JPEG decode at the smallest scale (1/2, 1/4, 1/8) still `width`×`height` or more.

    Other formats decode at full size (Pillow can do no better for them).
    """
    if _format(image) == "JPEG":
        image.draft(None, (width, height))


def _draft_for_storing(image: Image.Image) -> None:
    factor = _storing_factor(*image.size)
    _draft(image, math.ceil(image.width / factor), math.ceil(image.height / factor))


def decoding_cost(image: Image.Image) -> int:
    """Bytes that decoding and preparing `image` (opened, not yet loaded) will hold at once."""
    pixels = image.width * image.height
    if _format(image) == "WEBP":
        return pixels * _WEBP_BYTES_PER_PIXEL
    coefficients = _jpeg_coefficient_bytes(image) if _format(image) == "JPEG" else 0
    _draft_for_storing(image)
    pixels = image.width * image.height  # after the draft, the size that is decoded
    cost = pixels * _MODE_BYTES.get(image.mode, 4)
    working = image.mode
    if working not in _WORKING_MODES:
        cost += pixels * 4
        working = "RGBA" if image.has_transparency_data else "RGB"
    if working in ("LA", "RGBA"):
        cost += pixels * 4  # reduce() and resize() work on a premultiplied copy
    return cost + coefficients


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
                image_format, (width, height) = _format(image), image.size
                cost = decoding_cost(image) if image_format in ALLOWED_FORMATS else 0
    except (OSError, Image.DecompressionBombError, ValueError, SyntaxError):
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
    if cost > DECODE_BUDGET:
        # The pixel count this image's kind could have, at the cost per pixel it has.
        limit = max(1, int(DECODE_BUDGET * width * height / cost / 10**6))
        raise ValidationError(
            _(
                "The image is %(width)d×%(height)d pixels: too large to process as %(format)s. "
                "Please send it at most %(limit)d megapixels."
            )
            % {
                "width": width,
                "height": height,
                "format": FORMAT_NAMES[image_format],
                "limit": limit,
            }
        )


_SAVE_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 78, "method": 4},
    "GIF": {},
}
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _decode(image: Image.Image) -> Image.Image:
    """Load an opened (maybe drafted) image in a mode that resizes and encodes as it is."""
    image.load()
    if image.mode in _WORKING_MODES:
        return image
    converted = image.convert("RGBA" if image.has_transparency_data else "RGB")
    image.close()
    return converted


def _reduce(image: Image.Image, factor: int) -> Image.Image:
    """The image shrunk by a whole factor (a box filter), the full-size one let go at once."""
    if factor <= 1:
        return image
    reduced = image.reduce(factor)
    image.close()
    return reduced


def _encode(image: Image.Image, image_format: str) -> bytes:
    """Encode without EXIF, GPS, XMP or ICC extras: only the pixels leave."""
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, image_format, **_SAVE_OPTIONS[image_format])
    return out.getvalue()


def clean_image(file) -> tuple[bytes, str]:
    """The upload re-encoded upright and without metadata, within STORED_PIXELS (shrunk by the
    smallest whole factor that gets there); returns (bytes, extension).

    At most one full-size decoded copy is held, and for a JPEG not even that (`draft`).
    """
    file.seek(0)
    image = Image.open(file)
    image_format = _format(image)
    _draft_for_storing(image)
    image = _decode(image)
    image = _reduce(image, _storing_factor(*image.size))
    # Apply the camera's orientation to the pixels, so the tag can be dropped. Damaged EXIF
    # (a value of the wrong type, cut short) fails there: the pixels are kept as they are.
    try:
        upright = ImageOps.exif_transpose(image)
    except (struct.error, TypeError, AttributeError, KeyError, IndexError, ValueError):
        upright = image
    if upright is not image:
        image.close()
    with upright:
        return _encode(upright, image_format), _EXTENSIONS[image_format]


# What Pillow raises on damaged bytes it accepted the header of: besides OSError and friends,
# the struct and lookup errors of a damaged segment (seen by fuzzing real photos).
DECODING_FAILURES = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    struct.error,
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
)

_CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}


def clean_upload(file) -> SimpleUploadedFile:
    """Validate an upload and return it re-encoded upright, without metadata, under its name
    with the extension of its real format (a PNG sent as photo.jpg is stored as photo.png)."""
    validate_image_upload(file)
    try:
        data, extension = clean_image(file)
    except DECODING_FAILURES:
        # A sound header over broken or truncated pixels fails only when decoded.
        raise ValidationError(_("This file is not an image we can use.")) from None
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
    """Write the renditions of a stored image (WebP and its own format); return new names.

    The stored image is upright already (`clean_image`). It is decoded only as large as the
    widest rendition needs, and the narrower ones are made from the widest.
    """
    storage = fieldfile.storage
    written = []
    with fieldfile.open("rb") as source:
        image = Image.open(source)
        image_format, (original_width, original_height) = _format(image), image.size
        widths = rendition_widths(original_width)
        widest = widths[-1]
        _draft(image, widest, math.ceil(original_height * widest / original_width))
        image = _decode(image)
    larger = _reduce(image, image.width // widest)
    for width in reversed(widths):
        size = (width, round(original_height * width / original_width))
        resized = None
        for extension in ("webp", original_extension(fieldfile.name)):
            name = rendition_name(fieldfile.name, width, extension)
            if storage.exists(name):
                if not replace:
                    continue
                storage.delete(name)
            if resized is None:
                resized = (
                    larger if larger.size == size else larger.resize(size, Image.Resampling.LANCZOS)
                )
            out_format = "WEBP" if extension == "webp" else image_format
            written.append(storage.save(name, ContentFile(_encode(resized, out_format))))
        if resized is not None and resized is not larger:
            larger.close()
            larger = resized
    larger.close()
    return written


def renditions_ready(fieldfile) -> bool:
    """Whether the renditions of a stored image exist (rows from before the flag: yes)."""
    return getattr(fieldfile.instance, "renditions_ready", True)


def renditions_later(instance) -> None:
    """Mark the image of `instance` (an Article or an EditorImage, saved) as waiting for its
    renditions, and have the task worker make them once the transaction commits."""
    from articles.tasks import make_renditions_for

    type(instance).objects.filter(pk=instance.pk).update(renditions_ready=False)
    instance.renditions_ready = False
    # A queue that is down leaves the stored image shown, never a failed save.
    enqueue_on_commit(make_renditions_for, instance._meta.label, instance.pk, instance.image.name)
