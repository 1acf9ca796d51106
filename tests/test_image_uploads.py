"""Only real raster images within limits are accepted, with a clear message otherwise."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from articles.images import validate_image_upload
from articles.models import Author
from tests.submissions.photo_files import jpeg_with_broken_exif, mpo_bytes, png_claiming


def png_bytes(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#b3122e").save(out, "PNG")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_real_png_is_accepted():
    validate_image_upload(upload("photo.png", png_bytes()))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "ليس صورة"),
        ("x.jpg", b"<html><script>alert(1)</script></html>", "ليس صورة"),
        ("x.png", png_claiming(20000, 20000), "ليس صورة"),
        ("x.png", png_claiming(8000, 6000), "ميغابكسل"),
    ],
)
def test_unusable_files_are_refused_with_a_message(name, content, message):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(name, content))
    assert message in str(error.value)


def test_a_heavy_file_is_refused(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="ثقيلة"):
        validate_image_upload(upload("big.png", png_bytes(400, 400) + b"\0" * 2000))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "accepted"),
    [
        (png_bytes(), True),
        (b'<svg onload="alert(1)"/>', False),
        (png_claiming(20000, 20000), False),
    ],
)
def test_staff_upload_in_admin_keeps_only_real_images(admin_client, content, accepted):
    response = admin_client.post(
        reverse("admin:articles_author_add"),
        {"name": "كاتبة", "slug": "", "bio": "", "photo": upload("photo.png", content)},
    )
    assert (response.status_code == 302) is accepted
    assert Author.objects.exists() is accepted
    if not accepted:
        assert response.status_code == 200
        assert "errorlist" in response.text


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, "JPEG")
    return out.getvalue()


def gif_bytes() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("P").save(out, "GIF")
    return out.getvalue()


@pytest.mark.parametrize("make", [png_bytes, jpeg_bytes, gif_bytes])
def test_a_truncated_image_is_refused_with_a_message(make):
    """A sound header over cut-off pixels: refused when decoded, never a 500."""
    from articles.images import clean_upload

    whole = make(400, 300) if make is png_bytes else make()
    with pytest.raises(ValidationError) as error:
        clean_upload(upload("cut.png", whole[: len(whole) // 2]))
    assert "ليس صورة" in str(error.value)


def test_an_editors_photo_with_damaged_exif_is_kept_upright_as_it_is_not_refused():
    """A byte wrong in a camera's EXIF once made clean_upload fail with struct.error (a 500)."""
    from articles.images import clean_upload

    for content in (jpeg_with_broken_exif(), mpo_bytes()):
        cleaned = clean_upload(SimpleUploadedFile("camera.jpg", content, "image/jpeg"))
        with Image.open(cleaned) as image:
            assert image.format == "JPEG"
            assert not image.getexif()
