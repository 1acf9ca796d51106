"""Featured and body images: cleaned of metadata, upright, and rendered at a few widths."""

import io
import json

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import ExifTags, Image

from articles.images import rendition_name, rendition_widths
from articles.models import Article, EditorImage
from tests.factories import ArticleFactory
from tests.test_image_uploads import png_claiming

pytestmark = pytest.mark.django_db


def phone_photo(width: int = 1600, height: int = 900) -> bytes:
    """A JPEG as phones make them: sideways pixels, an orientation tag and a GPS position."""
    image = Image.new("RGB", (width, height), "#3f8f4f")
    image.paste("#b3122e", (0, 0, 200, 100))  # a red mark in the top-left corner
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to display"
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (34.0, 1.0, 12.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def assert_clean(name: str) -> Image.Image:
    with default_storage.open(name) as stored:
        image = Image.open(stored)
        image.load()
    exif = image.getexif()
    assert ExifTags.IFD.GPSInfo not in exif and not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert ExifTags.Base.Orientation not in exif and ExifTags.Base.Make not in exif
    return image


def test_phone_photo_test_image_really_carries_gps():
    exif = Image.open(io.BytesIO(phone_photo())).getexif()
    assert exif.get_ifd(ExifTags.IFD.GPSInfo)


def test_featured_image_is_stored_upright_without_metadata_with_renditions(
    admin_client, section, django_capture_on_commit_callbacks
):
    from tests.admin_forms import article_form
    from tests.factories import AuthorFactory

    form = article_form(
        section,
        AuthorFactory(),
        image=SimpleUploadedFile("souk.jpg", phone_photo(), "image/jpeg"),
        image_alt="سوق في فاس",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:articles_article_add"), form)
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.image_width, article.image_height) == (900, 1600)  # turned upright
    original = assert_clean(article.image.name)
    assert original.getpixel((890, 10))[0] > 150  # the red mark is now top-right
    assert rendition_widths(900) == [480, 800, 900]
    for width in (480, 800, 900):
        for extension, image_format in (("webp", "WEBP"), ("jpg", "JPEG")):
            rendition = assert_clean(rendition_name(article.image.name, width, extension))
            assert rendition.format == image_format
            assert rendition.size == (width, round(1600 * width / 900))


def test_pages_serve_renditions_with_srcset_and_dimensions(client, section):
    from django.core.files.base import ContentFile

    article = ArticleFactory(section=section, image_alt="وصف")
    article.image = ContentFile(phone_photo(1200, 2000), name="photo.jpg")
    article.save()
    html = client.get(article.get_absolute_url()).text
    webp = rendition_name(article.image.name, 480, "webp")
    assert f"/media/{webp} 480w" in html
    assert 'type="image/webp"' in html
    assert f'width="{article.image_width}" height="{article.image_height}"' in html
    assert 'alt="وصف"' in html
    home = client.get("/").text
    assert 'sizes="(min-width: 48rem) 50rem, 100vw"' in home  # the lead story


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def upload_to_editor(client, content: bytes, name: str = "photo.jpg", **extra):
    return client.post(
        reverse("articles:editor-upload") + "?CKEditorFuncNum=<script>alert(1)</script>",
        {"upload": SimpleUploadedFile(name, content, "image/jpeg")},
        **extra,
    )


def test_editor_upload_stores_a_clean_image_in_the_users_folder(
    editor_client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_to_editor(editor_client, phone_photo())
    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == 1
    image = EditorImage.objects.get()
    assert image.image.name.startswith(f"editor/{editor.pk}/")
    assert data["url"] == image.image.url
    assert (data["width"], data["height"]) == (image.width, image.height) == (900, 1600)
    assert_clean(image.image.name)
    assert assert_clean(rendition_name(image.image.name, 480, "webp")).width == 480


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "ليس صورة"),
        (b"<html><body><script>alert(1)</script></body></html>", "ليس صورة"),
        (png_claiming(20000, 20000), "ليس صورة"),
    ],
)
def test_editor_upload_refuses_what_is_not_a_usable_image(editor_client, content, message):
    response = upload_to_editor(editor_client, content, name="x.jpg")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["error"]["message"]
    assert "<script>" not in response.content.decode()  # nothing is reflected
    assert not EditorImage.objects.exists()


def test_editor_upload_refuses_heavy_files(editor_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 10_000
    response = upload_to_editor(editor_client, phone_photo())
    assert response.status_code == 400
    assert "ثقيلة" in response.json()["error"]["message"]


def test_editor_upload_is_for_staff_only(client, django_user_model):
    assert upload_to_editor(client, phone_photo()).status_code == 403
    client.force_login(django_user_model.objects.create_user("reader"))
    assert upload_to_editor(client, phone_photo()).status_code == 403
    assert not EditorImage.objects.exists()


def test_editor_upload_requires_the_csrf_token(editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert upload_to_editor(strict, phone_photo()).status_code == 403
    page = strict.get(reverse("admin:articles_article_add"))
    token = page.context["csrf_token"]
    assert upload_to_editor(strict, phone_photo(), HTTP_X_CSRFTOKEN=str(token)).status_code == 200


def test_body_images_from_the_editor_get_renditions_in_the_article(
    editor_client, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        data = json.loads(upload_to_editor(editor_client, phone_photo()).content)
    article = ArticleFactory(
        section=section,
        body=f'<figure class="image-captioned"><img src="{data["url"]}" alt="سوق">'
        "<figcaption>سوق</figcaption></figure>",
    )
    assert 'srcset="/media/renditions/editor/' in article.body
    assert 'loading="lazy"' in article.body
    assert 'width="900" height="1600"' in article.body
    article.save()  # saving again keeps a single set of attributes
    assert article.body.count("srcset=") == 1


def test_rendition_names_stay_short_and_ascii_for_arabic_file_names():
    name = rendition_name("articles/2026/11/الأمن-المغربي-في-مقدمة-تأمين.jpg", 480, "webp")
    assert name.isascii() and name.startswith("renditions/articles/2026/11/")
    assert name.endswith("-480.webp") and len(name) < 60
    assert rendition_name("editor/2026/11/photo_1.png", 800, "png") == (
        "renditions/editor/2026/11/photo_1-800.png"
    )


def test_pages_show_the_stored_image_until_its_renditions_are_made(
    admin_client, client, section, django_capture_on_commit_callbacks
):
    from tests.admin_forms import article_form
    from tests.factories import AuthorFactory

    form = article_form(
        section,
        AuthorFactory(),
        image=SimpleUploadedFile("souk.jpg", phone_photo(), "image/jpeg"),
        image_alt="سوق في فاس",
        status=Article.Status.PUBLISHED,
        published_at_0="2020-01-01",
    )
    with django_capture_on_commit_callbacks() as queued:
        assert admin_client.post(reverse("admin:articles_article_add"), form).status_code == 302
    article = Article.objects.get()
    assert not article.renditions_ready
    assert not default_storage.exists(rendition_name(article.image.name, 480, "webp"))
    for address in (article.get_absolute_url(), "/"):
        html = client.get(address).text
        assert f'<img src="{article.image.url}" alt="' in html
        assert "/media/renditions/" not in html

    for callback in queued:  # the transaction commits: the task worker makes them
        callback()

    article.refresh_from_db()
    assert article.renditions_ready
    html = client.get(article.get_absolute_url()).text
    assert f"/media/{rendition_name(article.image.name, 480, 'webp')} 480w" in html


def test_an_article_saved_before_its_body_images_renditions_gets_them_when_they_are_made(
    editor_client, client, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        data = json.loads(upload_to_editor(editor_client, phone_photo()).content)
    article = ArticleFactory(
        section=section,
        status=Article.Status.PUBLISHED,
        body=f'<p>قبل</p><img src="{data["url"]}" alt="سوق"><p>بعد</p>',
    )
    assert "srcset=" not in article.body  # saved while the worker had not got to it
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:  # the upload's transaction commits: the worker runs
            callback()
    article.refresh_from_db()
    assert article.body.count('srcset="/media/renditions/editor/') == 1
    assert 'width="900" height="1600"' in article.body
    assert "<p>قبل</p>" in article.body and "<p>بعد</p>" in article.body
    html = client.get(article.get_absolute_url()).text
    assert "/media/renditions/editor/" in html
