"""A reader's photo is kept only as a real JPEG, PNG or WebP, re-encoded without metadata."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

from submissions.photos import SCAN_CHUNK_BYTES, clean_reader_photo, contains_markup
from tests.submissions.photo_files import (
    HTML,
    SVG,
    gif_bytes,
    jpeg_bytes,
    jpeg_with_broken_exif,
    jpeg_with_comment,
    jpeg_with_gps_and_orientation,
    mpo_bytes,
    noise_jpeg_bytes,
    png_bytes,
    png_claiming,
    truncated_jpeg,
    upload,
    webp_bytes,
)


def refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        clean_reader_photo(upload(name, content))
    return error.value


def test_gps_and_all_metadata_are_gone_and_the_photo_is_upright():
    sent = jpeg_with_gps_and_orientation()
    with Image.open(io.BytesIO(sent)) as original:  # what the camera wrote is really there
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert original.getexif()[ExifTags.Base.Orientation] == 6
        assert "xmp" in original.info
        assert original.size == (60, 40)

    kept = clean_reader_photo(upload("بيتي في دمشق.JPG", sent))

    with Image.open(kept) as photo:
        assert photo.format == "JPEG"
        assert not photo.getexif()
        assert not photo.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "xmp", "icc_profile", "comment"} & photo.info.keys()
        # Turned as the camera said: 40 wide, the red corner now at the top right.
        assert photo.size == (40, 60)
        red, green, blue = photo.convert("RGB").getpixel((37, 2))
        assert red > 200 and blue < 60
        red, green, blue = photo.convert("RGB").getpixel((2, 2))
        assert blue > 200 and red < 60


@pytest.mark.parametrize(
    ("name", "content", "kept_name", "image_format"),
    [
        ("holiday.jpg", jpeg_bytes(), "photo.jpg", "JPEG"),
        ("holiday.JPEG", jpeg_bytes(), "photo.jpg", "JPEG"),
        ("holiday.png", png_bytes(), "photo.png", "PNG"),
        ("holiday.webp", webp_bytes(), "photo.webp", "WEBP"),
    ],
)
def test_a_jpeg_png_or_webp_is_kept_under_a_neutral_name(name, content, kept_name, image_format):
    kept = clean_reader_photo(upload(name, content))
    assert isinstance(kept, SimpleUploadedFile)
    assert kept.name == kept_name
    with Image.open(kept) as photo:
        assert photo.format == image_format
        assert photo.size == (60, 40)


def test_a_photo_whose_data_looks_random_is_not_taken_for_markup():
    clean_reader_photo(upload("noise.jpg", noise_jpeg_bytes(1200, 900)))


def test_a_comment_with_ordinary_text_is_not_taken_for_markup():
    comment = "Souk <3 > café, 5<6 & javascript is fun; <b>bold</b>".encode()
    clean_reader_photo(upload("souk.jpg", jpeg_with_comment(comment)))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("animation.gif", gif_bytes()),
        ("animation.jpg", gif_bytes()),
        ("drawing.svg", SVG),
        ("drawing.png", SVG),
        ("page.jpg", HTML),
        ("page.html", HTML),
        ("notes.jpg", "صورة من السوق".encode()),
    ],
)
def test_what_is_not_a_jpeg_png_or_webp_is_refused_whatever_its_name(name, content):
    error = refusal(name, content)
    assert error.code == "format"
    assert name in error.messages[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("screenshot.jpg", png_bytes()),
        ("camera.png", jpeg_bytes()),
        ("sticker.jpg", webp_bytes()),
        ("camera.jfif", jpeg_bytes()),
        ("camera", jpeg_bytes()),
        ("camera.jpg.exe", jpeg_bytes()),
    ],
)
def test_a_name_that_does_not_match_the_content_is_refused_not_renamed(name, content):
    error = refusal(name, content)
    assert error.code == "extension_mismatch"
    assert name in error.messages[0]


@pytest.mark.parametrize(
    "markup",
    [
        b"<script>alert(1)</script>",
        b"<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        b"<svg/onload=alert(1)>",
        b"<html><body>hi</body></html>",
        b"<!DOCTYPE html>",
        b"<?php system($_GET['c']); ?>",
        b'<?xml version="1.0"?><x/>',
        b"<iframe src=//evil.example>",
        b"<object data=x.swf>",
        b"<embed src=x.swf>",
        b'<body onload="alert(1)">',
        b'<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
        b'<meta http-equiv="refresh" content="0;url=//evil.example">',
        b'<a href="JavaScript:alert(1)">x</a>',
    ],
)
def test_a_photo_with_markup_appended_is_refused(markup):
    error = refusal("polyglot.jpg", jpeg_bytes() + markup)
    assert error.code == "markup"
    assert "polyglot.jpg" in error.messages[0]


def test_markup_after_a_png_or_a_webp_is_refused_too():
    assert refusal("a.png", png_bytes() + b"<script>alert(1)</script>").code == "markup"
    assert refusal("a.webp", webp_bytes() + b"<svg onload=alert(1)>").code == "markup"


def test_a_jpeg_with_an_html_comment_in_its_comment_segment_is_refused():
    content = jpeg_with_comment(b"<!-- a page hides here -->")
    with Image.open(io.BytesIO(content)) as image:  # a sound JPEG, the comment inside it
        assert image.info["comment"] == b"<!-- a page hides here -->"
    assert refusal("comment.jpg", content).code == "markup"


@pytest.mark.parametrize(
    "markup", [b"<script>", b"<svg onload=alert(1)>", b"<abcdefghijklmnop:frameset>"]
)
def test_markup_split_between_two_reads_is_found(markup):
    for split in range(1, len(markup)):
        padding = b"\0" * (SCAN_CHUNK_BYTES - split)
        assert contains_markup(io.BytesIO(padding + markup + b"\0" * 8)), split


def test_markup_split_between_two_reads_of_a_real_photo_is_refused():
    photo = jpeg_bytes()
    content = photo + b"\0" * (SCAN_CHUNK_BYTES - len(photo) - 3) + b"<script>alert(1)"
    assert refusal("split.jpg", content).code == "markup"


def test_a_decompression_bomb_is_refused_before_decoding():
    error = refusal("bomb.png", png_claiming(30000, 30000))
    assert error.code == "unusable"
    assert "bomb.png" in error.messages[0]


def test_a_truncated_jpeg_is_refused():
    with Image.open(io.BytesIO(truncated_jpeg())) as image:  # its header alone looks fine
        assert image.format == "JPEG"
    assert refusal("cut.jpg", truncated_jpeg()).code == "unusable"


def test_a_photo_with_damaged_exif_keeps_its_pixels_and_loses_the_exif():
    cleaned = clean_reader_photo(upload("camera.jpg", jpeg_with_broken_exif()))
    with Image.open(cleaned) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


def test_a_photo_over_the_size_limit_is_refused(settings):
    content = jpeg_bytes()
    settings.SUBMISSIONS_PHOTO_BYTES = len(content) - 1
    error = refusal("large.jpg", content)
    assert error.code == "too_large"
    assert "large.jpg" in error.messages[0]
    settings.SUBMISSIONS_PHOTO_BYTES = len(content)
    clean_reader_photo(upload("large.jpg", content))


def test_an_empty_file_is_refused():
    assert refusal("empty.jpg", b"").code == "empty"


def test_a_jpeg_with_a_second_picture_as_phones_write_is_kept_as_a_plain_jpeg():
    cleaned = clean_reader_photo(upload("phone.jpg", mpo_bytes()))
    with Image.open(cleaned) as image:
        assert image.format == "JPEG"
        assert getattr(image, "n_frames", 1) == 1


NAMES = st.sampled_from(["photo.jpg", "photo.jpeg", "photo.png", "photo.webp", "photo.JPG"])
# The first bytes of each allowed format, so that arbitrary bytes reach Pillow too.
HEADS = st.sampled_from(
    [b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBP", b"RIFF\xff\xff"]
)
REAL = st.sampled_from([jpeg_bytes(), png_bytes(), webp_bytes(), jpeg_with_gps_and_orientation()])


@st.composite
def damaged(draw) -> bytes:
    """A real photo with a run of its bytes replaced, and maybe cut short."""
    content = draw(REAL)
    start = draw(st.integers(0, len(content)))
    end = draw(st.integers(start, len(content)))
    content = content[:start] + draw(st.binary(max_size=64)) + content[end:]
    return content[: draw(st.integers(0, len(content)))] if draw(st.booleans()) else content


@st.composite
def damaged_exif(draw) -> bytes:
    """The camera's photo with a few bytes of its EXIF (the first 300 bytes) changed."""
    content = bytearray(jpeg_with_gps_and_orientation())
    for position, value in draw(st.lists(st.tuples(st.integers(20, 300), st.integers(0, 255)))):
        content[position] = value
    return bytes(content)


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow's notes on damaged EXIF
@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=NAMES,
    content=st.one_of(
        st.binary(max_size=4096),
        st.tuples(HEADS, st.binary(max_size=4096)).map(b"".join),
        damaged(),
        damaged_exif(),
    ),
)
def test_any_bytes_under_a_photo_name_give_a_photo_or_a_validation_error(name, content):
    try:
        kept = clean_reader_photo(upload(name, content))
    except ValidationError as error:
        assert error.messages
    else:
        assert kept.name.startswith("photo.")
        with Image.open(kept) as photo:
            assert photo.format in {"JPEG", "PNG", "WEBP"}
