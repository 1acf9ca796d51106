"""Validation of uploaded images: real raster images, within size and pixel limits."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from PIL import Image

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
