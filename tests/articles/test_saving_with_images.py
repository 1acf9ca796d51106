"""Editors save articles that carry images: unchanged, with a new image, or a bad one."""

import io
from html.parser import HTMLParser

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image

from articles.images import rendition_name
from articles.models import Article
from articles.services import article_save
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def jpeg(width: int = 1200, height: int = 675, colour: str = "#3f6f8f") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


class FormValues(HTMLParser):
    """What a browser sends when the admin's change form is submitted as it was loaded."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("file", "submit", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(name, attrs.get("value", "on"))
                return
            self.add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def change_form_as_loaded(client, article: Article) -> dict:
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200
    parser = FormValues()
    parser.feed(page.text)
    return {
        name: values if len(values) > 1 else values[0] for name, values in parser.values.items()
    }


def form_errors(response) -> str:
    """The admin form's and its inlines' errors, to say why a save was refused."""
    context = response.context or {}
    errors = [context["adminform"].form.errors] if "adminform" in context else []
    errors += [inline.formset.errors for inline in context.get("inline_admin_formsets", [])]
    return repr(errors)


@pytest.fixture
def article_with_image(section):
    article = ArticleFactory(section=section, image_alt="صورة الخبر", tags=[])
    article.image = ContentFile(jpeg(), name="souk.jpg")
    return article_save(article=article, image_changed=True)


def test_an_article_with_an_image_saves_unchanged_in_admin(admin_client, article_with_image):
    before = Article.objects.get()
    form = change_form_as_loaded(admin_client, article_with_image)
    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article_with_image.pk]), form
    )
    assert response.status_code == 302, form_errors(response)
    after = Article.objects.get()
    assert after.image.name == before.image.name
    assert (after.image_width, after.image_height) == (1200, 675)
    assert after.title == before.title and after.body == before.body


def test_a_new_image_replaces_the_old_one_with_its_renditions(
    admin_client, article_with_image, django_capture_on_commit_callbacks
):
    form = change_form_as_loaded(admin_client, article_with_image)
    form["image"] = SimpleUploadedFile("new.png", _png(900, 600), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:articles_article_change", args=[article_with_image.pk]), form
        )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.image.name != article_with_image.image.name
    assert article.image.name.endswith(".png")
    assert (article.image_width, article.image_height) == (900, 600)
    for width in (480, 800, 900):
        assert default_storage.exists(rendition_name(article.image.name, width, "webp"))


def test_a_bad_new_image_is_refused_and_the_old_one_kept(admin_client, article_with_image):
    form = change_form_as_loaded(admin_client, article_with_image)
    form["image"] = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", "image/jpeg")
    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article_with_image.pk]), form
    )
    assert response.status_code == 200
    assert "ليس صورة" in response.text
    assert Article.objects.get().image.name == article_with_image.image.name


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#b3122e").save(out, "PNG")
    return out.getvalue()
