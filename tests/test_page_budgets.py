"""The budgets of issue "Fast at any size" that tests can hold: queries, bytes, cache headers.

Throughput and latency are measured by `make bench`, not here (docs/performance.md).
"""

import gzip
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from PIL import Image

from tests import budgets
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, TagFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def photo(name: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (1200, 675), "#3f6f8f").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


@pytest.fixture
def newsroom(section):
    """The shape of the seed: an article with an image, 8 tags, two bylines, 50 comments
    (some threaded), and related articles with images, all under long Arabic names."""
    tags = [TagFactory(name=f"وسم طويل للأخبار رقم {n}") for n in range(8)]
    authors = [AuthorFactory(name="مولاي احمد الجعفري"), AuthorFactory(name="سلمى العلوي")]
    title = "الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022 وسط إشادة دولية واسعة"
    articles = [
        ArticleFactory(
            section=section,
            title=f"{title} {n}",
            tags=tags,
            bylines=[(authors[0], "صوتكم"), (authors[1], "")],
            image=photo(f"{title}-{n}.jpg"),
            image_alt="صورة الخبر",
            body="".join(f"<p>{title}، {'نص الخبر ' * 60}</p>" for _ in range(7)),
        )
        for n in range(6)
    ]
    article = articles[0]
    for n in range(50):
        parent = CommentFactory(article=article, body="تعليق مفيد جداً على هذا الخبر " * 4)
        if n % 5 == 0:
            CommentFactory(article=article, parent=parent, body="ردّ على التعليق " * 4)
    return {"article": article, "tag": tags[0], "author": authors[0]}


PAGES = {
    "home": (lambda n: "/", budgets.HOME),
    "article": (lambda n: n["article"].get_absolute_url(), budgets.ARTICLE),
    "article, second page of comments": (
        lambda n: n["article"].get_absolute_url() + "?comments-page=2",
        budgets.ARTICLE,
    ),
    "section": (lambda n: n["article"].section.get_absolute_url(), budgets.SECTION),
    "section, further down": (
        lambda n: n["article"].section.get_absolute_url() + f"?before={n['article'].pk}",
        budgets.SECTION,
    ),
    "tag": (lambda n: n["tag"].get_absolute_url(), budgets.TAG),
    "author": (lambda n: n["author"].get_absolute_url(), budgets.AUTHOR),
    "search": (lambda n: "/search/?q=الأمن", budgets.SEARCH),
    "site feed": (lambda n: "/feed/", budgets.FEED),
    "section feed": (lambda n: n["article"].section.get_absolute_url() + "feed/", budgets.FEED),
    "tag feed": (lambda n: n["tag"].get_absolute_url() + "feed/atom/", budgets.FEED),
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_stays_within_its_query_budget(client, newsroom, page):
    url, budget = PAGES[page]
    warm_site_wide_caches(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(newsroom))
    assert response.status_code == 200
    assert len(queries) <= budget, [q["sql"][:120] for q in queries]


def test_the_article_with_50_comments_weighs_under_60_kb(client, newsroom):
    html = client.get(newsroom["article"].get_absolute_url()).content
    newsroom["article"].refresh_from_db()
    assert newsroom["article"].comment_count == 60
    assert len(html) <= 60 * 1024, len(html)


def test_the_stylesheets_and_scripts_a_reader_loads_weigh_under_30_kb_compressed(client, newsroom):
    html = client.get(newsroom["article"].get_absolute_url()).text
    total = 0
    for name in ["css/dima.css", "js/consent.js", "js/comments.js"]:
        assert f"/static/{name}" in html
        total += len(gzip.compress((ROOT / "static" / name).read_bytes(), 9))
    assert total <= 30 * 1024


def test_fonts_are_subset_self_hosted_and_preloaded(client):
    html = client.get("/").text
    for weight in ("400", "700"):
        name = f"fonts/noto-naskh-arabic-arabic-{weight}-normal.woff2"
        assert f'<link rel="preload" href="/static/{name}" as="font"' in html
        assert (ROOT / "static" / name).stat().st_size < 80 * 1024  # the Arabic subset only


# With every cache empty, the site-wide caches included (a fresh process after Redis was
# emptied), a page also reads what every page shows: the cookie groups and their cookies, the
# menu of sections, the banner's text and the breaking-news strip (five queries); home and
# the article also read the most-read list (kept a minute). The busy day's target was 8
# before the strip; the article and the tag and author lists did not meet it (the closing
# note of issue "A busy news day" says why). On a busy day a page is cold because its own
# versions moved, while the site-wide caches stay warm (they move only with `site`, the
# most-read list once a minute): then the warm budgets above hold.
COLD_TARGET = 9
COLD = {
    "home": 10,
    "article": 12,
    "article, second page of comments": 12,
    "tag": 10,
    "author": 10,
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_stays_within_its_budget_with_every_cache_empty(client, newsroom, page):
    from django.core.cache import cache

    from articles.navigation import forget_navigation_sections

    url, _warm_budget = PAGES[page]
    cache.clear()
    forget_navigation_sections()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(newsroom))
    assert response.status_code == 200
    assert len(queries) <= COLD.get(page, COLD_TARGET), [q["sql"][:120] for q in queries]
