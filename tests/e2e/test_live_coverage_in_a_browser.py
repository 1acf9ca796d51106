"""A live article in headless Chromium: new entries appear without a reload, and an ended
coverage stops asking. Screenshots at 390 and 1280 px (SCREENSHOTS_DIR)."""

from io import StringIO

from django.core.management import call_command

import pytest

from live.management.commands.load_demo_live import DEMO_TITLE
from live.models import LiveCoverage
from live.services import coverage_end, entry_add

pytestmark = pytest.mark.e2e


@pytest.fixture
def live_demo(live_server, settings, tmp_path, transactional_db):
    settings.MEDIA_ROOT = tmp_path
    # A poll a second, answered fresh: the test waits seconds, not minutes.
    settings.LIVE_POLL_SECONDS = 1
    settings.LIVE_JSON_MAX_AGE = 0
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo_live", stdout=StringIO())
    coverage = LiveCoverage.objects.select_related("article").get(article__title=DEMO_TITLE)
    return live_server.url, coverage


@pytest.mark.parametrize("width", [390, 1280])
def test_a_new_entry_appears_without_reloading(browser, live_demo, screenshots_dir, width):
    base, coverage = live_demo
    page = browser.new_page(viewport={"width": width, "height": 900})
    polls = []
    page.on("request", lambda request: "entries.json" in request.url and polls.append(request))
    page.goto(base + coverage.article.get_absolute_url())
    assert page.locator(".live-badge").is_visible()
    assert page.locator(".live-notice--ended").count() == 0
    assert page.locator(".live-entries__list > li").count() == 6
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.evaluate("window.notReloaded = true")
    # Entries already shown keep their elements (and loaded images) when the list changes.
    page.evaluate("document.querySelectorAll('.live-entry').forEach(e => { e.kept = true; })")
    page.wait_for_function("document.querySelector('[data-live-url]').dataset.livePolling === 'on'")

    entry = entry_add(coverage=coverage, text="صافرة البداية: انطلاق النهائي!")

    page.wait_for_selector(f"#live-{entry.pk}", timeout=10_000)
    assert page.evaluate("window.notReloaded") is True
    # Newest first, under the pinned entry.
    second = page.locator(".live-entries__list > li").nth(1)
    assert "صافرة البداية" in second.inner_text()
    assert page.locator("[data-live-status]").inner_text() != ""
    assert page.locator("[data-live-status]").get_attribute("aria-live") == "polite"
    assert polls, "the page never polled"
    assert (
        page.evaluate("[...document.querySelectorAll('.live-entry')].filter(e => !e.kept).length")
        == 1
    )
    if screenshots_dir:
        # Lazy images load as the reader scrolls: scroll through once.
        page.evaluate(
            "async () => { for (let y = 0; y < document.body.scrollHeight; y += 500) {"
            " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); }"
            " window.scrollTo(0, 0); }"
        )
        page.wait_for_load_state("networkidle")
        page.screenshot(path=screenshots_dir / f"live-{width}.png", full_page=True)
        page.locator(".story__header").scroll_into_view_if_needed()
        page.screenshot(path=screenshots_dir / f"live-{width}-top.png")
    page.close()


def test_an_ended_coverage_stops_polling(browser, live_demo):
    base, coverage = live_demo
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    polls = []
    page.on("request", lambda request: "entries.json" in request.url and polls.append(request))
    page.goto(base + coverage.article.get_absolute_url())
    page.wait_for_function("document.querySelector('[data-live-url]').dataset.livePolling === 'on'")

    coverage_end(coverage=coverage)

    page.wait_for_selector(".live-notice--ended", timeout=10_000)
    asked = len(polls)
    page.wait_for_timeout(3_000)  # three poll intervals
    assert len(polls) == asked
    assert page.locator(".live-entries__list > li").count() == 6  # still listed
    page.close()
