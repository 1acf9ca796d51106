"""The «عاجل» strip in Chromium: a labelled landmark with links, still, readable at 390 px."""

from datetime import timedelta

from django.utils import timezone

import pytest

from breaking.models import Breaking
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.e2e

WIDTHS = [390, 1280]
HEADLINES = [
    "زلزال بقوة 5 درجات على سلم ريشتر يضرب إقليم الحسيمة دون خسائر بشرية حتى الآن",
    "البرلمان يصادق على مشروع قانون المالية لسنة 2027 بعد نقاش طويل",
    "انقطاع الطريق الوطنية رقم 2 بسبب الثلوج",
]


@pytest.fixture
def breaking_site(live_server):
    section = SectionFactory(name="وطنية")
    stories = [ArticleFactory(title=title, section=section) for title in HEADLINES]
    now = timezone.now()
    for minutes_ago, story in zip([30, 20, 10], reversed(stories), strict=True):
        Breaking.objects.create(
            article=story,
            starts_at=now - timedelta(minutes=minutes_ago),
            ends_at=now + timedelta(hours=1),
        )
    return live_server.url, stories


def open_page(browser, url: str, width: int, **options):
    page = browser.new_page(viewport={"width": width, "height": 800}, **options)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def strip_landmark(page):
    label = page.locator("#breaking-label").inner_text()
    return page.get_by_role("region", name=label, exact=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_strip_is_a_labelled_landmark_of_links_at_the_top(
    browser, breaking_site, screenshots_dir, width
):
    url, stories = breaking_site
    page = open_page(browser, url + "/", width)
    region = strip_landmark(page)
    assert region.count() == 1
    links = region.get_by_role("link")
    assert links.all_inner_texts() == HEADLINES  # newest first
    assert region.get_by_role("listitem").count() == 3
    # Right under the header, in the first screen, right to left, nothing wider than the page.
    box = region.bounding_box()
    header = page.locator(".site-header").bounding_box()
    assert abs(box["y"] - (header["y"] + header["height"])) < 1
    assert box["y"] + box["height"] < 800
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    label = page.locator("#breaking-label").bounding_box()
    assert label["x"] + label["width"] > width * 0.8  # the label starts on the right
    # Large enough to read on a phone, and still: no animation, no transition, no marquee.
    assert float(links.first.evaluate("a => getComputedStyle(a).fontSize").removesuffix("px")) >= 16
    moving = page.evaluate(
        """() => [...document.querySelectorAll('.breaking, .breaking *')].filter(e => {
            const s = getComputedStyle(e);
            return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0;
        }).length"""
    )
    assert moving == 0
    if screenshots_dir:
        page.screenshot(path=screenshots_dir / f"breaking-{width}.png", full_page=False)
    links.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == HEADLINES[0]
    assert strip_landmark(page).count() == 1  # on the article's page too
    page.close()


def test_the_strip_is_the_same_for_readers_who_ask_for_less_motion(browser, breaking_site):
    url, _stories = breaking_site
    page = open_page(browser, url + "/", 390, reduced_motion="reduce")
    assert strip_landmark(page).get_by_role("link").count() == 3
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_wrong_with_the_strip(browser, breaking_site, axe, width):
    url, _stories = breaking_site
    page = open_page(browser, url + "/", width, bypass_csp=True)
    violations = axe(page)
    page.close()
    assert [(v["id"], [node["target"] for node in v["nodes"]]) for v in violations] == []
