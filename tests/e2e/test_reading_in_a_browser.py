"""Home and article pages in headless Chromium, on a 390 px phone and a 1280 px desktop."""

from io import StringIO

from django.core.management import call_command

import pytest

from articles.models import Article

SEED_TITLE = "الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022"
WIDTHS = [390, 1280]


@pytest.fixture
def demo_site(live_server, settings, tmp_path, transactional_db):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    return live_server.url


def open_page(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    # Lazy images load as the reader scrolls: scroll through once.
    page.evaluate(
        "async () => { for (let y = 0; y < document.body.scrollHeight; y += 500) {"
        " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); }"
        " window.scrollTo(0, 0); }"
    )
    page.wait_for_load_state("networkidle")
    return page


def assert_reads_right_to_left_without_overflow(page, width: int) -> None:
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.fonts.check('700 20px \"Noto Naskh Arabic\"', 'ديما')")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert '"Noto Naskh Arabic"' in loaded or "Noto Naskh Arabic" in loaded
    broken = page.evaluate(
        "[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == []


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_on_phone_and_desktop(browser, demo_site, screenshots_dir, width):
    page = open_page(browser, demo_site + "/", width)
    assert_reads_right_to_left_without_overflow(page, width)
    lead = page.locator(".card--lead .card__title a")
    assert lead.inner_text() == SEED_TITLE
    assert lead.is_visible()
    if screenshots_dir:
        page.screenshot(path=screenshots_dir / f"home-{width}.png", full_page=True)
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_article_page_on_phone_and_desktop(browser, demo_site, screenshots_dir, width):
    article = Article.objects.get(title=SEED_TITLE)
    page = open_page(browser, demo_site + article.get_absolute_url(), width)
    assert_reads_right_to_left_without_overflow(page, width)
    assert page.locator("h1").inner_text() == SEED_TITLE
    assert page.locator(".byline").inner_text() == "صوتكم: مولاي احمد الجعفري"
    assert page.locator(".story__body p").count() == 7
    headline = page.locator("h1").bounding_box()
    assert headline["x"] + headline["width"] <= width  # the headline starts on the right, in view
    if screenshots_dir:
        page.screenshot(path=screenshots_dir / f"article-{width}.png", full_page=True)
    page.close()
