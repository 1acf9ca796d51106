"""Two editors on one article: the second sees the lock and takes over; the first one's late
save is refused with their text kept in the form."""

from django.contrib.auth.models import Permission

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

PASSWORD = "pw-editor-123"


@pytest.fixture
def newsroom(live_server, transactional_db, django_user_model, settings):
    settings.EDIT_LOCK_HEARTBEAT_SECONDS = 1  # the page beats every minute in production
    for username, first_name in [("salma", "سلمى"), ("karim", "كريم")]:
        user = django_user_model.objects.create_user(
            username, password=PASSWORD, is_staff=True, first_name=first_name
        )
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    article = ArticleFactory(
        title="العنوان الأول",
        section=SectionFactory(name="وطنية"),
        bylines=[(AuthorFactory(name="نادية"), "")],
    )
    return live_server.url, article


@pytest.fixture
def contexts(browser, newsroom):
    """A browser context per editor, closed before the live server stops (pages keep beating)."""
    opened = []

    def new_context():
        opened.append(browser.new_context(viewport={"width": 1280, "height": 1000}))
        return opened[-1]

    yield new_context
    for context in opened:
        context.close()


def open_as(new_context, base: str, username: str, path: str):
    page = new_context().new_page()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(base + path)
    return page


def test_the_second_editor_takes_over_and_the_first_ones_late_save_is_refused(contexts, newsroom):
    base, article = newsroom
    path = f"/admin/articles/article/{article.pk}/change/"
    errors = []

    salma = open_as(contexts, base, "salma", path)
    salma.on("pageerror", lambda error: errors.append(str(error)))
    assert salma.locator(".edit-lock__banner").is_hidden()

    karim = open_as(contexts, base, "karim", path)
    karim.on("pageerror", lambda error: errors.append(str(error)))
    banner = karim.locator(".edit-lock__banner")
    assert banner.is_visible()
    assert banner.inner_text().startswith("سلمى يحرر هذا المقال منذ")
    karim.click(".edit-lock__take-over button")
    karim.wait_for_selector(".messagelist")
    assert karim.locator(".edit-lock__banner").is_hidden()

    # Salma's heartbeat learns that Karim has the article now.
    salma.wait_for_selector(".edit-lock__banner:visible", timeout=5000)
    assert "تولّى كريم تحرير هذا المقال" in salma.locator(".edit-lock__banner").inner_text()
    # The next heartbeats keep the warning: her form is the one that will be refused.
    salma.wait_for_timeout(2500)
    assert "تولّى كريم تحرير هذا المقال" in salma.locator(".edit-lock__banner").inner_text()

    karim.fill("#id_title", "عنوان كريم")
    karim.click("input[name=_save]")
    karim.wait_for_url("**/admin/articles/article/")

    salma.fill("#id_title", "عنوان سلمى")
    salma.click("input[name=_save]")
    salma.wait_for_selector(".errorlist.nonfield")
    refusal = salma.locator(".errorlist.nonfield").inner_text()
    assert "حفظ شخص آخر هذا المقال منذ فتحته: كريم" in refusal
    assert "العنوان المحفوظ في الأثناء: عنوان كريم" in refusal
    assert salma.input_value("#id_title") == "عنوان سلمى"
    assert Article.objects.get(pk=article.pk).title == "عنوان كريم"

    # Saving again, deliberately, keeps her version.
    salma.click("input[name=_save]")
    salma.wait_for_url("**/admin/articles/article/")
    assert Article.objects.get(pk=article.pk).title == "عنوان سلمى"
    assert errors == []
