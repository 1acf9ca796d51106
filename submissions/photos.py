"""The gate a reader's photo passes before anything of it is kept.

A photo is refused unless it is a JPEG, PNG or WebP by its bytes, named for what it is, free
of web-page markup, and decodable within the image pipeline's limits (articles.images, which
also re-encodes it upright without EXIF, GPS, XMP or ICC). What comes out is new bytes under
a neutral name: nothing the reader's file or its name carried reaches the private storage.

The markup scan is what refuses a polyglot, a file that is both a picture and a page or a
script. Re-encoding already drops such bytes, so the scan is there to turn their sender away,
and it must not turn away real photos: their compressed data is close to random bytes, in
which a short pattern turns up by chance. So a tag counts only with the character that must
follow its name in HTML (space, "/" or ">"), a short one only with text after it, and no tag
shorter than `<svg` is looked for: in random bytes, the list matches by chance about once in
60 000 photos of 10 MB.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from articles.images import clean_upload

# Format found in the first bytes -> extensions its name may have (the first one is kept).
EXTENSIONS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}

# Bytes read at a time by the markup scan; consecutive reads overlap by _LONGEST_MATCH - 1.
SCAN_CHUNK_BYTES = 64 * 1024
# What ends a tag's name for a browser: a tag counts only followed by one of these.
_END = rb"[\t\n\f\r />]"
# Short names turn up by chance in compressed data: they count only when printable text
# follows, as it does in any markup that does something (a bare "<svg>" does nothing).
_TEXT_FOLLOWS = rb"(?=[\t\n\r\x20-\x7e]{4})"
# An XML document may put a tag in a namespace (<h:script xmlns:h="http://www.w3.org/1999/
# xhtml">): the tags that run or embed something count with a prefix too. A photo's XMP has
# prefixed tags of its own (<dc:title>, <rdf:li>), none of these names.
_PREFIX = rb"(?:[a-z][a-z0-9._-]{0,15}:)?"
_PATTERNS = [
    rb"<" + _PREFIX + rb"(?:script|iframe|object|embed|frameset|applet)" + _END,
    rb"<" + _PREFIX + rb"(?:svg|html|body)" + _END + _TEXT_FOLLOWS,
    # What a browser sniffing a file takes for a page, a stylesheet or a redirect.
    rb"<(?:head|meta|link|base|form|math)" + _END + _TEXT_FOLLOWS,
    rb"<(?:style|title)" + _END,
    rb"<!doctype" + _END,
    rb"<!--" + _END + _TEXT_FOLLOWS,
    # A PHP script (the server side of a polyglot), an XML document (an SVG usually starts
    # so; a photo's XMP starts with <?xpacket instead), a script in a link.
    rb"<\?(?:php|xml)" + _END,
    rb"javascript:",
]
MARKUP = re.compile(b"|".join(_PATTERNS), re.IGNORECASE)
# The most bytes a MARKUP match (its lookahead included) spans: "<" + a 16-letter prefix and
# ":" + "frameset" + one, or "<" + prefix + "html" + one + four.
_LONGEST_MATCH = 27


def sniff_format(file) -> str | None:
    """JPEG, PNG or WEBP from the file's first bytes, or None for anything else."""
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def contains_markup(file) -> bool:
    """Whether the file's bytes hold a tag or script (MARKUP), read a chunk at a time."""
    tail = b""
    file.seek(0)
    try:
        # read() a chunk at a time: an in-memory upload's chunks() is the whole file at once.
        while chunk := file.read(SCAN_CHUNK_BYTES):
            window = tail + chunk
            if MARKUP.search(window):
                return True
            tail = window[-(_LONGEST_MATCH - 1) :]
    finally:
        file.seek(0)
    return False


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def clean_reader_photo(file) -> SimpleUploadedFile:
    """Check a reader's photo and return it re-encoded, without metadata, as photo.<ext>.

    Raises ValidationError with a message naming the file and the problem.
    """
    name = file.name or "photo"
    if not file.size:
        raise ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
    if file.size > settings.SUBMISSIONS_PHOTO_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s); a photo can be at most %(limit)s."),
            code="too_large",
            params={
                "name": name,
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.SUBMISSIONS_PHOTO_BYTES),
            },
        )
    image_format = sniff_format(file)
    if image_format is None:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG or WebP photo."),
            code="format",
            params={"name": name},
        )
    extension = _extension(name)
    if extension not in EXTENSIONS[image_format]:
        raise ValidationError(
            _(
                "“%(name)s” is a %(format)s photo but its name does not end in .%(expected)s: "
                "rename it and send it again."
            ),
            code="extension_mismatch",
            params={
                "name": name,
                "format": FORMAT_NAMES[image_format],
                "expected": EXTENSIONS[image_format][0],
            },
        )
    if contains_markup(file):
        raise ValidationError(
            _("“%(name)s” contains web page code or a script, which a photo never has."),
            code="markup",
            params={"name": name},
        )
    try:
        cleaned = clean_upload(file)
    except ValidationError as error:
        raise ValidationError(
            _("“%(name)s”: %(problem)s"),
            code="unusable",
            params={"name": name, "problem": " ".join(error.messages)},
        ) from None
    kept_extension = _extension(cleaned.name)
    if kept_extension != EXTENSIONS[image_format][0]:
        # Pillow read the file as another format than its first bytes say: not a plain photo.
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG or WebP photo."),
            code="format",
            params={"name": name},
        )
    cleaned.name = f"photo.{kept_extension}"
    return cleaned
