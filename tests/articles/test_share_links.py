"""Share links: plain links to WhatsApp, Facebook, X and Telegram that work without
JavaScript, and no script, counter or pixel from those sites."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SHARE_SITES = {
    "wa.me": "text",
    "www.facebook.com": "u",
    "x.com": "url",
    "t.me": "url",
}


@pytest.fixture
def article():
    return ArticleFactory(title='سؤال & "جواب" <b>عاجل</b> ?#')


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and whether it is in the share box."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.depth = [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "share" in (attrs.get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "section":
            self.depth += 1
        self.tags.append((tag, attrs, bool(self.depth)))

    def handle_endtag(self, tag):
        if self.depth and tag == "section":
            self.depth -= 1

    def in_share_box(self, tag=None):
        return [attrs for name, attrs, inside in self.tags if inside and tag in (None, name)]


def share_links(html: str) -> list[str]:
    return [attrs["href"] for attrs in Tags(html).in_share_box("a")]


def test_each_share_link_carries_the_articles_short_address(client, article):
    # The short address (/articles/<id>/) leads to the article whatever its slug becomes,
    # and weighs a tenth of the Arabic slug's percent-encoding, four times over.
    path = article.get_absolute_url()
    short = f"http://testserver/articles/{article.pk}/"
    links = share_links(client.get(path).text)
    assert {urlsplit(link).hostname for link in links} == set(SHARE_SITES)
    for link in links:
        parts = urlsplit(link)
        assert parts.scheme == "https"
        query = parse_qs(parts.query)
        carried = query[SHARE_SITES[parts.hostname]][0]
        assert carried.endswith(short)
    # WhatsApp's message also has the title (the other sites show the page's own preview).
    (whatsapp,) = [link for link in links if link.startswith("https://wa.me/")]
    assert parse_qs(urlsplit(whatsapp).query)["text"] == [f"{article.title} {short}"]
    assert client.get(short).url == path


def test_share_links_open_safely_and_load_nothing_from_the_other_sites(client, article):
    html = client.get(article.get_absolute_url()).text
    tags = Tags(html)
    for link in tags.in_share_box("a"):
        assert set(link["rel"].split()) == {"noopener", "noreferrer"}
    sources = [
        attrs.get("src") or ""
        for name, attrs, _inside in tags.tags
        if name in {"script", "img", "iframe"} and (name == "iframe" or attrs.get("src"))
    ]
    assert all(src.startswith("/") for src in sources), sources
    assert "<b>عاجل</b>" not in html


def test_copy_and_the_share_sheet_wait_for_the_script(client, article):
    box = Tags(client.get(article.get_absolute_url()).text).in_share_box()
    items = [attrs for attrs in box if "data-share-copy-item" in attrs]
    items += [attrs for attrs in box if "data-share-native-item" in attrs]
    assert len(items) == 2 and all("hidden" in attrs for attrs in items)
    assert box[0]["data-share-url"] == f"http://testserver/articles/{article.pk}/"


def test_a_draft_preview_offers_no_share_links(admin_client):
    draft = ArticleFactory(status="draft")
    html = admin_client.get(draft.get_absolute_url()).text
    assert 'class="share"' not in html
