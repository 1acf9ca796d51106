"""Feeds, sitemaps and rich previews: valid XML and JSON, published articles only."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from tests import budgets
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DraftFactory,
    ScheduledFactory,
    TagFactory,
)
from tests.test_renditions import phone_photo

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def newsroom(section):
    author, tag = AuthorFactory(name="سلمى بنعلي"), TagFactory(name="الماء")
    published = ArticleFactory(
        section=section,
        title="سدود المملكة في أدنى مستوياتها منذ عقد كامل",
        excerpt="تراجع المخزون المائي.",
        tags=[tag],
        bylines=[(author, "مراسلة")],
    )
    DraftFactory(section=section, title="مسودة لا تظهر", tags=[tag], bylines=[(author, "")])
    ScheduledFactory(section=section, title="خبر مجدول لا يظهر", tags=[tag], bylines=[(author, "")])
    return {"article": published, "section": section, "tag": tag, "author": author}


@pytest.mark.parametrize("owner", [None, "section", "tag", "author"])
def test_rss_feeds_list_published_articles_with_full_titles(client, newsroom, owner):
    base = newsroom[owner].get_absolute_url() if owner else "/"
    response = client.get(f"{base}feed/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["سدود المملكة في أدنى مستوياتها منذ عقد كامل"]
    item = channel.find("item")
    assert item.findtext("description") == "تراجع المخزون المائي."
    assert item.findtext("link").endswith(newsroom["article"].get_absolute_url())
    assert "الماء" in [c.text for c in item.findall("category")]


@pytest.mark.parametrize("owner", [None, "section", "tag", "author"])
def test_atom_feeds_parse_and_list_published_articles(client, newsroom, owner):
    base = newsroom[owner].get_absolute_url() if owner else "/"
    feed = ET.fromstring(client.get(f"{base}feed/atom/").content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [newsroom["article"].title]
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "سلمى بنعلي"


def test_feeds_cost_a_fixed_number_of_queries(client, section, django_assert_max_num_queries):
    for n in range(25):
        ArticleFactory(section=section, tags=[TagFactory(name=f"وسم {n % 4}")])
    with django_assert_max_num_queries(budgets.FEED):
        assert client.get("/feed/").status_code == 200


def test_pages_announce_their_feeds(client, newsroom):
    home = client.get("/").text
    assert '<link rel="alternate" type="application/rss+xml"' in home
    section = newsroom["section"]
    page = client.get(section.get_absolute_url()).text
    assert f'href="{section.get_absolute_url()}feed/"' in page
    assert f'href="{section.get_absolute_url()}feed/atom/"' in page


def test_unknown_owner_feed_is_404(client, db):
    assert client.get("/tag/لا-يوجد/feed/").status_code == 404


def sitemap_locations(content: bytes) -> list[str]:
    return [loc.text for loc in ET.fromstring(content).iter(f"{SITEMAP}loc")]


def test_sitemap_index_and_sections_list_only_published_things(client, newsroom):
    index = sitemap_locations(client.get("/sitemap.xml").content)
    assert {url.rsplit("/", 1)[-1] for url in index} >= {
        "sitemap-articles.xml",
        "sitemap-sections.xml",
        "sitemap-tags.xml",
        "sitemap-authors.xml",
    }
    articles = client.get("/sitemap-articles.xml")
    assert sitemap_locations(articles.content) == [
        "http://testserver" + newsroom["article"].get_absolute_url()
    ]
    assert b"<lastmod>" in articles.content
    tags = sitemap_locations(client.get("/sitemap-tags.xml").content)
    assert tags == ["http://testserver" + newsroom["tag"].get_absolute_url()]


def test_news_sitemap_lists_the_last_two_days_with_titles(client, section):
    fresh = ArticleFactory(section=section, title="خبر اليوم")
    ArticleFactory(section=section, published_at=timezone.now() - timedelta(days=3))
    content = client.get("/news-sitemap.xml").content
    tree = ET.fromstring(content)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    assert sitemap_locations(content) == ["http://testserver" + fresh.get_absolute_url()]
    assert tree.find(f".//{news}title").text == "خبر اليوم"
    assert tree.find(f".//{news}language").text == "ar"


def test_robots_txt_points_to_the_sitemaps(client, db):
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Sitemap: http://testserver/news-sitemap.xml" in robots


def json_ld_of(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    return json.loads(block)


def test_article_has_news_article_json_ld_and_open_graph(client, newsroom):
    article = newsroom["article"]
    article.image = ContentFile(phone_photo(1600, 900), name="dam.jpg")
    article.image_alt = "سد شبه فارغ"
    article.save()
    html = client.get(article.get_absolute_url()).text
    data = json_ld_of(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["author"][0]["name"] == "سلمى بنعلي"
    assert data["datePublished"] and data["dateModified"]
    assert data["image"]["url"].startswith("http://testserver/media/renditions/")
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/img/logo")
    assert '<meta property="og:locale" content="ar_AR">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html
    assert '<meta property="og:image:width"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_json_ld_cannot_be_closed_by_a_headline(client, section):
    article = ArticleFactory(section=section, title="</script><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).text
    assert "</script><script>alert(1)" not in html
    assert json_ld_of(html)["headline"] == "</script><script>alert(1)</script>"
