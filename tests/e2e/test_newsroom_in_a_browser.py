"""An editor writes an article in the admin with CKEditor and uploads an image into its body."""

import io

from django.contrib.auth.models import Permission

import pytest
from PIL import Image

from articles.models import Article, EditorImage
from tests.factories import AuthorFactory, SectionFactory


@pytest.fixture
def newsroom(live_server, transactional_db, django_user_model, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    SectionFactory(name="ثقافة وفنون")
    AuthorFactory(name="نادية الوزاني")
    editor = django_user_model.objects.create_user("salma", password="pw-editor-123", is_staff=True)
    # The editor role's rights (the group itself is flushed between browser tests).
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "comments"])
    )
    photo = tmp_path / "souk.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), "#3f8f4f").save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    return live_server.url, photo


def pick(page, field_selector: str, text: str) -> None:
    """Choose `text` in one of the admin's autocomplete (select2) fields."""
    page.click(f"{field_selector} .select2-selection")
    page.keyboard.type(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_writes_an_article_with_an_image_in_its_body(browser, newsroom):
    base, photo = newsroom
    page = browser.new_page(viewport={"width": 1280, "height": 1100})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "salma")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.goto(base + "/admin/articles/article/add/")
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'"
    )
    page.type("#id_title", "مهرجان الصويرة يعود")
    pick(page, ".field-section", "ثقافة وفنون")
    pick(page, "#bylines-0 .field-author", "نادية")
    page.evaluate("() => CKEDITOR.instances.id_body.setData('<p>عاد المهرجان.</p>')")

    # The image dialog's upload tab sends the file to /editor/upload/ with the CSRF header.
    page.click(".cke_button__image")
    page.wait_for_selector(".cke_dialog", state="visible")
    page.click(".cke_dialog_tab:has-text('رفع')")
    page.frame_locator(".cke_dialog_ui_input_file iframe").locator(
        "input[type=file]"
    ).set_input_files(photo)
    page.click(".cke_dialog_ui_fileButton")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.cke_dialog input.cke_dialog_ui_input_text')]"
        ".some(input => input.value.includes('/media/editor/'))"
    )
    page.locator(".cke_dialog input.cke_dialog_ui_input_text").nth(1).fill("ساحة المهرجان")
    page.click(".cke_dialog_ui_button_ok")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")

    article = Article.objects.get()
    image = EditorImage.objects.get()
    assert image.uploaded_by.username == "salma"
    assert (image.width, image.height) == (1600, 1000)
    assert f'src="{image.image.url}"' in article.body
    assert 'srcset="/media/renditions/editor/' in article.body
    assert errors == []
    page.close()
