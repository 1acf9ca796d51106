"""axe-core on the pages issue 18 added to: a live article, an article with a video before
and after the click, the breaking-news strip with the most-read list, and an article's share
links and comment reports; at 390 and 1280 px. Screenshots go to SCREENSHOTS_DIR, if set."""

import re
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from articles.images import clean_upload
from articles.services import article_save
from breaking.models import Breaking
from demo.illustrations import illustration
from live.services import coverage_start, entry_add
from readership.counting import counter
from tests.factories import ArticleFactory, CommentFactory, SectionFactory

WIDTHS = [390, 1280]
SERIOUS = {"serious", "critical"}
NOCOOKIE = re.compile(r"^https://www\.youtube-nocookie\.com/")


@pytest.fixture
def site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    section = SectionFactory(name="رياضة", name_fr="Sport", name_en="Sport")
    live = ArticleFactory(title="نهائي كأس أفريقيا: تابعوا معنا مباشرة", section=section)
    now = timezone.now()
    coverage = coverage_start(article=live, started_at=now - timedelta(hours=1))
    entry_add(coverage=coverage, text="أهلاً بكم في التغطية المباشرة.", pinned=True)
    entry_add(coverage=coverage, text="انطلاق المباراة.\n\nالجمهور يملأ المدرجات.")
    entry_add(coverage=coverage, text="هدف أول للمنتخب!")
    video = ArticleFactory(
        title="مهرجان «ضفاف» للفيلم القصير",
        section=section,
        video_url="https://www.youtube.com/watch?v=jNQXAC9IVRw",
        body="<p>تنطلق الدورة السابعة.</p><p>https://x.com/jack/status/20</p>",
        image_alt="رسم توضيحي",
    )
    video.image = clean_upload(SimpleUploadedFile("festival.jpg", illustration("ضفاف", 2)))
    article_save(article=video, image_changed=True)
    for _ in range(3):
        CommentFactory(article=live, body="تعليق مفيد على هذا الخبر")
    Breaking.objects.create(
        article=live, starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1)
    )
    for article, views in ((live, 5), (video, 3)):
        for _ in range(views):
            counter().record(article.pk, now)
    counter().flush()
    return {"url": live_server.url, "live": live, "video": video}


def open_page(browser, site, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    # Offline here: the player answers with a stand-in; anything else foreign is refused.
    page.route(NOCOOKIE, lambda route: route.fulfill(content_type="text/html", body="player"))
    page.route(
        lambda url: not url.startswith(site["url"]) and not NOCOOKIE.match(url),
        lambda route: route.abort(),
    )
    page.goto(site["url"] + path)
    page.wait_for_load_state("networkidle")
    return page


def serious(violations) -> list:
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in violations
        if violation["impact"] in SERIOUS
    ]


def look(page, screenshots_dir, name, width):
    if screenshots_dir:
        page.screenshot(path=screenshots_dir / f"{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_home_with_the_breaking_strip_and_the_most_read(browser, site, axe, screenshots_dir, width):
    page = open_page(browser, site, "/", width)
    assert page.locator("section.breaking").count() == 1
    assert page.locator(".most-read li").count() == 2
    look(page, screenshots_dir, "breaking-home", width)
    assert serious(axe(page)) == []
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_live_article_with_share_links_and_reports(browser, site, axe, screenshots_dir, width):
    page = open_page(browser, site, site["live"].get_absolute_url(), width)
    assert page.locator(".live-entry").count() == 3
    assert page.locator(".comment__report").count() == 3
    look(page, screenshots_dir, "live", width)
    assert serious(axe(page)) == []
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_article_with_a_video_before_and_after_the_click(
    browser, site, axe, screenshots_dir, width
):
    page = open_page(browser, site, site["video"].get_absolute_url(), width)
    assert page.locator("iframe").count() == 0
    look(page, screenshots_dir, "video-before", width)
    assert serious(axe(page)) == []
    page.locator("figure.embed--youtube button.embed__play").click()
    page.locator("figure.embed--youtube iframe").wait_for(state="attached")
    look(page, screenshots_dir, "video-after", width)
    assert serious(axe(page)) == []
    page.close()
