"""A video in Chromium: nothing is asked of another site until the reader clicks "Play video",
then the frame comes from youtube-nocookie.com only. Screenshots (video-*.png) go to
SCREENSHOTS_DIR, or to shots/ in the temporary directory (/tmp/shots)."""

import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from articles.images import clean_upload
from articles.services import article_save
from demo.illustrations import illustration
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.e2e

NOCOOKIE = re.compile(r"^https://www\.youtube-nocookie\.com/")
PLAYER = (
    "<!doctype html><html><body style='margin:0;background:#000;color:#fff;display:grid;"
    "place-items:center;height:100vh;font:20px sans-serif'>youtube-nocookie.com player"
    "</body></html>"
)


@pytest.fixture
def article_url(live_server, settings, tmp_path) -> str:
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory(
        title="مهرجان «ضفاف» للفيلم القصير يعرض أفلامه عبر الإنترنت",
        section=SectionFactory(name="ثقافة وفنون"),
        video_url="https://www.youtube.com/watch?v=jNQXAC9IVRw",
        body=(
            "<p>تنطلق فعاليات الدورة السابعة من المهرجان نهاية الأسبوع.</p>"
            "<p>https://x.com/jack/status/20</p>"
            "<p>وتتنافس الأفلام على أربع جوائز.</p>"
        ),
        image_alt="رسم توضيحي",
        image_caption="رسم توضيحي: ديما مسموع",
    )
    article.image = clean_upload(SimpleUploadedFile("festival.jpg", illustration("ضفاف", 2)))
    article_save(article=article, image_changed=True)  # with its renditions
    return live_server.url + article.get_absolute_url()


def is_local(url: str, site: str) -> bool:
    return url.startswith(site) or urlsplit(url).scheme in ("data", "blob", "about")


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_loads_from_another_site_before_the_click(
    browser, article_url, screenshots_dir, width
):
    shots = screenshots_dir or Path(tempfile.gettempdir()) / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    site = "/".join(article_url.split("/")[:3])
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # Offline here: the player's address answers with a stand-in page; anything else foreign
    # is refused (and still recorded by the listener above).
    page.route(NOCOOKIE, lambda route: route.fulfill(content_type="text/html", body=PLAYER))
    page.route(
        lambda url: not is_local(url, site) and not NOCOOKIE.match(url),
        lambda route: route.abort(),
    )
    page.goto(article_url)
    page.wait_for_load_state("networkidle")
    # The reader says no to optional cookies: the banner no longer covers the page.
    page.locator("#consent-banner button", has_text=re.compile("رفض الكل|Reject all")).click()
    page.locator("#consent-banner").wait_for(state="detached")
    page.wait_for_load_state("networkidle")

    figure = page.locator("figure.embed--youtube")
    button = figure.locator("button.embed__play")
    assert button.is_visible()
    assert button.inner_text() in ("شاهد الفيديو", "Play video")
    assert page.locator("iframe").count() == 0
    assert figure.locator("a.embed__link").get_attribute("href") == (
        "https://www.youtube.com/watch?v=jNQXAC9IVRw"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    figure.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.screenshot(path=shots / f"video-before-{width}.png")
    assert [url for url in requests if not is_local(url, site)] == []

    with page.expect_request(NOCOOKIE):
        button.click()
    frame = figure.locator("iframe")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/jNQXAC9IVRw?autoplay=1"
    )
    assert frame.get_attribute("title")
    assert "autoplay" in frame.get_attribute("allow")
    assert frame.get_attribute("allowfullscreen") is not None
    assert frame.get_attribute("loading") == "lazy"
    assert frame.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
    assert "allow-scripts" in frame.get_attribute("sandbox")
    page.frame_locator("figure.embed--youtube iframe").get_by_text("player").wait_for()
    figure.evaluate("element => element.scrollIntoView({block: 'center'})")
    page.screenshot(path=shots / f"video-after-{width}.png")
    foreign = {urlsplit(url).netloc for url in requests if not is_local(url, site)}
    # Only the clicked video's player: the post on X further down is still a poster.
    assert foreign == {"www.youtube-nocookie.com"}
    assert page.locator("figure.embed--x iframe").count() == 0
    context.close()


def test_without_javascript_the_reader_gets_a_link_to_the_video(browser, article_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(article_url)
    figure = page.locator("figure.embed--youtube")
    assert not figure.locator("button.embed__play").is_visible()  # it would do nothing
    assert figure.locator("a.embed__link").is_visible()
    context.close()
