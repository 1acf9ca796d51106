"""Real files, made with Pillow or by hand, that a reader could send: photos and attacks."""

import io
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import ExifTags, Image

# Where the GPS tags of `jpeg_with_gps_and_orientation` put the photographer.
LATITUDE = (33.0, 30.0, 0.0)
LONGITUDE = (36.0, 17.0, 0.0)
# An XMP packet as phones and editors write it (Pillow writes it as an APP1 segment).
XMP = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li '
    b'xml:lang="x-default">Souk</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF>'
    b'</x:xmpmeta>\n<?xpacket end="w"?>'
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9"/></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def picture(width: int = 60, height: int = 40) -> Image.Image:
    """Blue, with a red square in the top left corner: which way is up can be seen."""
    image = Image.new("RGB", (width, height), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 10, 10))
    return image


def encoded(image: Image.Image, image_format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, image_format, **options)
    return out.getvalue()


def jpeg_bytes(width: int = 60, height: int = 40, **options) -> bytes:
    return encoded(picture(width, height), "JPEG", **options)


def png_bytes(width: int = 60, height: int = 40) -> bytes:
    return encoded(picture(width, height), "PNG")


def webp_bytes(width: int = 60, height: int = 40) -> bytes:
    return encoded(picture(width, height), "WEBP")


def gif_bytes() -> bytes:
    return encoded(picture(), "GIF")


def noise_jpeg_bytes(width: int = 300, height: int = 300) -> bytes:
    """A JPEG of random pixels: compressed data that fills most of the file."""
    pixels = random.Random(7).randbytes(width * height * 3)
    return encoded(Image.frombytes("RGB", (width, height), pixels), "JPEG")


def jpeg_with_gps_and_orientation() -> bytes:
    """A camera's photo: turned on its side (orientation 6), with where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera"
    exif[ExifTags.Base.Orientation] = 6  # shown turned 90° clockwise
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = LONGITUDE
    return jpeg_bytes(exif=exif, xmp=XMP)


def jpeg_with_broken_exif() -> bytes:
    """The camera's photo with one byte of its EXIF changed: the Make tag (0x010F, text) is
    now ImageWidth (0x0100), whose value should be a number."""
    content = jpeg_with_gps_and_orientation()
    make = content.index(b"\x01\x0f\x00\x02")  # tag and type (ASCII), big-endian
    return content[: make + 1] + b"\x00" + content[make + 2 :]


def jpeg_with_comment(comment: bytes) -> bytes:
    """A JPEG whose COM segment holds `comment`."""
    return jpeg_bytes(comment=comment)


def mpo_bytes() -> bytes:
    """A JPEG with a second picture after it (MPF), as phones write a depth or gain map."""
    return encoded(picture(), "MPO", save_all=True, append_images=[picture()])


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: a decompression bomb's calling card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def truncated_jpeg() -> bytes:
    """The first half of a JPEG: a sound header over missing pixels."""
    data = noise_jpeg_bytes()
    return data[: len(data) // 2]
