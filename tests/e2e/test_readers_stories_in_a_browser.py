"""«صوتكم» in Chromium: a reader sends a story with two photos and follows its private link;
an editor turns it into an article and publishes it under the reader's name."""

import re

from django.contrib.auth.models import Permission
from django.core import mail

import pytest

from submissions.models import Submission
from tests.factories import SectionFactory
from tests.submissions.photo_files import jpeg_with_gps_and_orientation, png_bytes

STORY = (
    "منذ أسبوع لم يصل الماء إلى بيوت حي السلام في سلا.\n"
    "السكان يشترون الماء من الباعة المتجولين بأثمنة مرتفعة.\n\n"
    "راسلنا الجماعة مرتين ولم نتلق أي رد إلى اليوم."
)


@pytest.fixture
def newsroom(live_server, transactional_db, django_user_model, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    SectionFactory(name="وطنية")
    editor = django_user_model.objects.create_user("desk", password="pw-desk-123", is_staff=True)
    editor.email = "desk@dima.example"
    editor.save()
    # The editor role's rights (the group itself is flushed between browser tests).
    editor.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "submissions"])
    )
    photos = [tmp_path / "souk.jpg", tmp_path / "street.png"]
    photos[0].write_bytes(jpeg_with_gps_and_orientation())
    photos[1].write_bytes(png_bytes(800, 600))
    return live_server.url, photos


def shoot(page, screenshots_dir, name: str) -> None:
    if screenshots_dir is None:
        return
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(screenshots_dir / f"{name}-{width}.png"), full_page=True)


def test_a_readers_story_goes_from_the_form_to_a_published_article(
    browser, newsroom, screenshots_dir
):
    base, photos = newsroom
    reader = browser.new_context(viewport={"width": 390, "height": 900})
    page = reader.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "/صوتكم/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    shoot(page, screenshots_dir, "voices-form")
    page.fill("#id_title", "انقطاع الماء في حي السلام")
    page.fill("#id_story", STORY)
    page.fill("#id_name", "مولاي احمد الجعفري")
    page.fill("#id_city", "سلا")
    page.fill("#id_email", "reader@example.com")
    page.set_input_files("#id_photos", [str(path) for path in photos])
    page.check("#id_agree")
    with page.expect_navigation():
        page.click(".story-form button[type=submit]")

    # The receipt: the story's own private page, and the same link by email.
    assert "وصلتنا قصتك" in page.locator(".messages").inner_text()
    assert page.locator("[aria-current=step]").inner_text() == "وصلت"
    shoot(page, screenshots_dir, "voices-received")
    submission = Submission.objects.get()
    assert submission.photos.count() == 2
    [receipt] = [message for message in mail.outbox if message.to == ["reader@example.com"]]
    link = re.search(r"https?://\S+", receipt.body)[0]
    other_browser = browser.new_context().new_page()
    other_browser.goto(link)
    assert other_browser.locator("h1").inner_text() == "انقطاع الماء في حي السلام"
    assert other_browser.locator("[aria-current=step]").inner_text() == "وصلت"

    # The editor turns it into a draft in the admin, then publishes it.
    desk = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    desk.on("pageerror", lambda error: errors.append(str(error)))
    desk.goto(base + "/admin/login/")
    desk.fill("#id_username", "desk")
    desk.fill("#id_password", "pw-desk-123")
    desk.click("input[type=submit]")
    desk.goto(base + "/admin/submissions/submission/")
    shoot(desk, screenshots_dir, "voices-queue")
    assert desk.locator(".new-submissions, a[href*='state__exact=received']").count() >= 1
    # The thumbnails come from the private view, which the editor may see.
    thumbnail = desk.locator("#result_list img").first
    assert "/media/" not in thumbnail.get_attribute("src")
    assert desk.evaluate("(img) => img.naturalWidth", thumbnail.element_handle()) > 0
    desk.check("#result_list input[name=_selected_action]")
    desk.select_option("select[name=action]", "turn_into_draft")
    with desk.expect_navigation():
        desk.click("button[name=index]")
    assert "/admin/articles/article/" in desk.url
    submission.refresh_from_db()
    article = submission.article
    assert article.status == "draft"
    desk.goto(base + "/admin/articles/article/")
    desk.check(f"#result_list input[name=_selected_action][value='{article.pk}']")
    desk.select_option("select[name=action]", "publish")
    with desk.expect_navigation():
        desk.click("button[name=index]")

    # Readers see it signed «صوتكم» with the contributor's name; the contributor is told.
    article.refresh_from_db()
    assert article.status == "published"
    public = browser.new_context().new_page()
    public.goto(base + article.get_absolute_url())
    byline = public.locator(".byline").first.inner_text()
    assert "صوتكم" in byline and "مولاي احمد الجعفري" in byline
    assert public.locator(".story__figure img, .story img").count() >= 1
    other_browser.goto(link)
    assert other_browser.locator("[aria-current=step]").inner_text() == "نُشرت"
    assert other_browser.locator("a", has_text="اقرأها على الموقع").get_attribute("href")
    shoot(other_browser, screenshots_dir, "voices-published")
    published = [m for m in mail.outbox if m.to == ["reader@example.com"]]
    assert len(published) == 2 and article.get_absolute_url() in published[1].body
    assert errors == []


def test_too_many_or_too_heavy_photos_are_named_before_anything_is_sent(
    browser, newsroom, tmp_path, settings
):
    base, photos = newsroom
    page = browser.new_page()
    page.goto(base + "/صوتكم/")
    page.fill("#id_title", "عنوان القصة")
    many = []
    for number in range(6):
        path = tmp_path / f"p{number}.png"
        path.write_bytes(png_bytes(40, 30))
        many.append(str(path))
    page.set_input_files("#id_photos", many)
    assert "6" not in page.locator(".field--photos [role=alert]").inner_text()
    assert "5" in page.locator(".field--photos [role=alert]").inner_text()
    page.click(".story-form button[type=submit]")
    assert page.url.endswith("/%D8%B5%D9%88%D8%AA%D9%83%D9%85/")  # not sent
    assert page.input_value("#id_title") == "عنوان القصة"

    heavy = tmp_path / "heavy.jpg"
    heavy.write_bytes(b"\xff\xd8" + b"\0" * (settings.SUBMISSIONS_PHOTO_BYTES + 1))
    page.set_input_files("#id_photos", [str(heavy)])
    assert "heavy.jpg" in page.locator(".field--photos [role=alert]").inner_text()
    page.set_input_files("#id_photos", [str(photos[0])])
    assert page.locator(".field--photos [role=alert]").is_hidden()
    assert not Submission.objects.exists()
