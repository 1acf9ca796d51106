"""Cookie consent in Chromium: nothing optional before a choice, and every choice honoured."""

import re

import pytest

from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, SectionFactory

ANALYTICS = "https://stats.dima.test/"
OPTIONAL_COOKIES = {"dima_commenter", "_pk_id", "_pk_ses"}


@pytest.fixture
def article_url(live_server) -> str:
    article = ArticleFactory(
        title="الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022",
        section=SectionFactory(name="وطنية"),
    )
    return live_server.url + article.get_absolute_url()


@pytest.fixture
def reader(browser):
    """A fresh browser profile that records every request made to the analytics server."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.analytics_requests = []

    def analytics(route):
        context.analytics_requests.append(route.request.url)
        route.fulfill(
            status=200,
            content_type="text/javascript",
            body="document.cookie = '_pk_id=visitor; path=/'",
        )

    context.route(f"{ANALYTICS}**", analytics)
    yield context
    context.close()


def cookie_names(context) -> set[str]:
    return {cookie["name"] for cookie in context.cookies()}


def banner(page):
    return page.locator("#consent-banner")


def send_comment(page, body: str, *, remember: bool) -> None:
    page.fill("#id_body", body)
    page.fill("#id_name", "سلمى")
    page.fill("#id_email", f"salma-{len(body)}@example.com")
    if remember:
        page.check("#id_remember")
    # consent.js first fetches the form token, then sends the form.
    with page.expect_navigation():
        page.click(".comment-form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_a_first_visit_shows_the_banner_and_sets_and_loads_nothing_optional(
    reader, article_url, screenshots_dir
):
    page = reader.new_page()
    page.goto(article_url)
    page.wait_for_load_state("networkidle")
    assert banner(page).is_visible()
    assert page.get_by_role("region", name="ملفات تعريف الارتباط").is_visible()
    assert not cookie_names(reader) & (OPTIONAL_COOKIES | {"cookie_consent"})
    assert reader.analytics_requests == []
    # On a phone the banner sits below the headline, never over it.
    headline = page.locator("h1").bounding_box()
    assert banner(page).bounding_box()["y"] >= headline["y"] + headline["height"]
    accept = page.get_by_role("button", name="قبول الكل").bounding_box()
    reject = page.get_by_role("button", name="رفض الكل").bounding_box()
    assert (accept["width"], accept["height"]) == (reject["width"], reject["height"])
    styles = "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).fontWeight]"
    assert page.get_by_role("button", name="قبول الكل").evaluate(styles) == page.get_by_role(
        "button", name="رفض الكل"
    ).evaluate(styles)


def test_accepting_closes_the_banner_in_place_loads_analytics_and_remembers_the_commenter(
    reader, article_url
):
    page = reader.new_page()
    page.goto(article_url)
    page.get_by_role("button", name="قبول الكل").click()
    banner(page).wait_for(state="detached")
    assert page.url == article_url  # closed where the reader was, no page load
    page.wait_for_load_state("networkidle")
    assert reader.analytics_requests == [f"{ANALYTICS}matomo.js"]

    page.reload()
    page.wait_for_load_state("networkidle")
    assert banner(page).count() == 0
    assert len(reader.analytics_requests) == 2

    send_comment(page, "تعليق مع التذكر", remember=True)
    assert "dima_commenter" in cookie_names(reader)
    page.goto(article_url)
    page.wait_for_function("() => document.querySelector('#id_name').value === 'سلمى'")
    assert page.locator("#id_remember").is_checked()


def test_rejecting_closes_the_banner_and_remember_me_silently_does_nothing(reader, article_url):
    page = reader.new_page()
    page.goto(article_url)
    page.get_by_role("button", name="رفض الكل").click()
    banner(page).wait_for(state="detached")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert banner(page).count() == 0
    send_comment(page, "تعليق دون تذكر", remember=True)
    assert Comment.objects.filter(body="تعليق دون تذكر").exists()
    assert not cookie_names(reader) & OPTIONAL_COOKIES
    page.goto(article_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_name").input_value() == ""
    assert reader.analytics_requests == []


def test_a_change_of_mind_on_the_settings_page_works_both_ways(reader, article_url, live_server):
    page = reader.new_page()
    page.goto(article_url)
    page.get_by_role("button", name="قبول الكل").click()
    banner(page).wait_for(state="detached")
    page.wait_for_load_state("networkidle")
    assert len(reader.analytics_requests) == 1

    page.get_by_role("link", name="إعدادات ملفات تعريف الارتباط").click()
    page.get_by_label("السماح: إحصائية").uncheck()
    page.get_by_role("button", name="حفظ اختياري").click()
    assert page.get_by_role("status").inner_text() == "حُفظت اختياراتك بشأن ملفات تعريف الارتباط."
    assert "_pk_id" not in cookie_names(reader)  # set by analytics, deleted on withdrawal
    loaded = len(reader.analytics_requests)
    page.goto(article_url)
    page.wait_for_load_state("networkidle")
    assert len(reader.analytics_requests) == loaded  # withdrawn: not loaded any more

    page.goto(live_server.url + "/cookies/")
    page.get_by_label("السماح: إحصائية").check()
    page.get_by_role("button", name="حفظ اختياري").click()
    page.wait_for_load_state("networkidle")
    allowed_again = len(reader.analytics_requests)
    assert allowed_again > loaded  # already on the settings page it comes back to
    page.goto(article_url)
    page.wait_for_load_state("networkidle")
    assert len(reader.analytics_requests) == allowed_again + 1


def test_the_banner_works_with_the_keyboard_alone(reader, article_url):
    page = reader.new_page()
    page.goto(article_url)
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.textContent.trim()")
        if focused == "رفض الكل":
            break
    else:
        pytest.fail("the reject button is never reached with Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    banner(page).wait_for(state="detached")
    # No focus trap: Tab goes on through the page.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement !== document.body")


def test_without_javascript_the_reader_can_still_decide(browser, article_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(article_url)
    page.get_by_role("button", name="رفض الكل").click()
    # The cached page carried no form token: the choice comes back once to be confirmed.
    page.get_by_role("button", name="تأكيد").click()
    assert page.url == article_url
    assert page.locator("#consent-banner").count() == 0
    assert re.search(
        r"functional=-1",
        next(c["value"] for c in context.cookies() if c["name"] == "cookie_consent"),
    )
    context.close()


@pytest.mark.parametrize("language", ["ar", "fr"])
@pytest.mark.parametrize("width", [390, 1280])
def test_banner_screenshots(browser, article_url, screenshots_dir, language, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    url = article_url if language == "ar" else article_url.replace("/articles/", "/fr/articles/")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert banner(page).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    expected = "قبول الكل" if language == "ar" else "Tout accepter"
    assert page.get_by_role("button", name=expected).is_visible()
    if screenshots_dir:
        page.screenshot(path=screenshots_dir / f"consent-banner-{language}-{width}.png")
    context.close()
    assert Article.objects.count() == 1


def test_a_new_cookie_in_an_accepted_group_brings_the_banner_back(reader, article_url):
    from cookie_consent.models import Cookie, CookieGroup

    page = reader.new_page()
    page.goto(article_url)
    page.get_by_role("button", name="قبول الكل").click()
    banner(page).wait_for(state="detached")
    page.reload()
    assert banner(page).count() == 0
    loaded = len(reader.analytics_requests)
    Cookie.objects.create(cookiegroup=CookieGroup.objects.get(varname="analytics"), name="_pk_ref")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert banner(page).is_visible()  # not hidden by the head script: the choice is outdated
    assert len(reader.analytics_requests) == loaded  # and analytics waits for a new choice


def test_a_keyboard_reader_reaches_reject_all_within_a_few_tabs(reader, article_url, live_server):
    page = reader.new_page()
    page.goto(live_server.url + "/")
    focused = []
    for _ in range(4):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
        if focused[-1] == "رفض الكل":
            break
    assert focused[-1] == "رفض الكل", focused
    assert focused[0] == "انتقل إلى المحتوى"  # the skip link stays first
    assert focused == ["انتقل إلى المحتوى", "قبول الكل", "رفض الكل"]
    # The banner's choices come first, but nothing traps focus: Tab goes on into the page.
    for _ in range(8):
        page.keyboard.press("Tab")
    inside_banner = page.evaluate("!!document.activeElement.closest('#consent-banner')")
    assert not inside_banner
    # It is still shown at the bottom of the screen.
    box = banner(page).bounding_box()
    assert box["y"] + box["height"] == pytest.approx(844, abs=1)
