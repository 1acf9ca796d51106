"""The newsroom's most common action: open an article in admin and save it, as it is or with
a new featured image. Done on every demo article, through the real admin in Chromium."""

import io

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils.html import strip_tags

import pytest
from PIL import Image

from articles.images import rendition_name
from articles.models import Article


@pytest.fixture
def demo_newsroom(live_server, django_user_model, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    django_user_model.objects.create_superuser("rachida", password="pw-editor-123")
    photo = tmp_path / "new-photo.png"
    Image.new("RGB", (1000, 700), "#7a3f8f").save(photo, "PNG")
    return live_server.url, photo


def words(html: str) -> list[str]:
    return strip_tags(html).split()


def signed_in_page(browser, base: str):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "rachida")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def save_change_form(page, base: str, article: Article, photo=None) -> None:
    response = page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    assert response.status == 200
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'"
    )
    if photo is not None:
        page.set_input_files("#id_image", photo)
    with page.expect_navigation() as navigation:
        page.click("input[name=_save]")
    assert navigation.value.status == 200  # the list, after the redirect: no 500
    assert page.url.endswith("/admin/articles/article/"), page.url
    assert page.locator(".messagelist .success").count() == 1


def test_every_demo_article_saves_unchanged_then_with_a_new_image(browser, demo_newsroom):
    base, photo = demo_newsroom
    articles = list(Article.objects.order_by("pk"))
    assert len(articles) == 21 and all(article.image for article in articles)
    page = signed_in_page(browser, base)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    for article in articles:
        save_change_form(page, base, article)
        unchanged = Article.objects.get(pk=article.pk)
        assert unchanged.image.name == article.image.name
        assert unchanged.title == article.title
        # CKEditor lays the HTML out its own way; the words and paragraphs stay the same.
        assert words(unchanged.body) == words(article.body)
        assert unchanged.body.count("<p>") == article.body.count("<p>")

        save_change_form(page, base, article, photo=photo)
        renewed = Article.objects.get(pk=article.pk)
        assert renewed.image.name != article.image.name and renewed.image.name.endswith(".png")
        assert (renewed.image_width, renewed.image_height) == (1000, 700)
        for width in (480, 800, 1000):
            assert default_storage.exists(rendition_name(renewed.image.name, width, "webp"))

    assert errors == []
    page.close()
