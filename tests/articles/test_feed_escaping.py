"""Feeds carry what editors wrote as text: a feed reader never renders it as live HTML.

Each element is read as a feed reader reads it. In RSS 2.0 any element may be rendered as HTML
(the format does not say), so its text is taken as HTML. In Atom, a text construct without
type="html" is plain text by the spec, and `summary type="html"` is HTML. What the reader
would render is then parsed as HTML: it must hold no element at all, and show the characters
the editor typed.
"""

import html
import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

from django.utils import timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Author, Correction, Section, Tag
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "&lt;img src=x onerror=alert(1)&gt;",  # already escaped once: must not come out live either
    "<a href=javascript:alert(1)>اضغط</a>",
    "</description><b onmouseover=alert(1)>x</b>",
]


class Elements(HTMLParser):
    """The elements and the visible text of an HTML fragment, as a browser would parse it."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text = ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


def rendered_by_a_reader(element: ET.Element, atom: bool) -> str:
    """The HTML a feed reader makes of an element's text."""
    text = element.text or ""
    if atom and element.get("type") != "html":
        return html.escape(text)  # a text construct: shown as the characters it holds
    return text


def rss_fields(xml: str) -> list[tuple[str, str]]:
    channel = ET.fromstring(xml).find("channel")
    fields = [
        ("channel title", channel.find("title")),
        ("channel description", channel.find("description")),
    ]
    for item in channel.iter("item"):
        for name in ["title", "description", DC_CREATOR, "author", "category"]:
            fields += [(name, element) for element in item.findall(name)]
    return [(name, rendered_by_a_reader(element, atom=False)) for name, element in fields]


def atom_fields(xml: str) -> list[tuple[str, str]]:
    feed = ET.fromstring(xml)
    elements = [
        ("feed title", feed.find(f"{ATOM}title")),
        ("subtitle", feed.find(f"{ATOM}subtitle")),
    ]
    for entry in feed.iter(f"{ATOM}entry"):
        for name in ["title", "summary", "content", "author/name"]:
            path = "/".join(f"{ATOM}{part}" for part in name.split("/"))
            elements += [(name, element) for element in entry.findall(path)]
    fields = [(name, rendered_by_a_reader(element, atom=True)) for name, element in elements]
    for entry in feed.iter(f"{ATOM}entry"):
        # A category's term is an attribute: plain text to every reader.
        fields += [("category", html.escape(c.get("term"))) for c in entry.iter(f"{ATOM}category")]
    return fields


def assert_shown_as_text(fields: list[tuple[str, str]], hostile: str, expected: set[str]):
    """No field renders an element, and each expected field shows the hostile characters."""
    showing = set()
    for name, rendered in fields:
        parsed = Elements(rendered)
        assert parsed.tags == [], f"{name} renders live HTML: {rendered!r}"
        if hostile in parsed.text:
            showing.add(name)
    assert expected <= showing, f"not shown as typed: {expected - showing}"


def hostile_article(hostile: str, section=None, tag=None, author=None) -> Article:
    return ArticleFactory(
        title=f"عنوان {hostile}",
        excerpt=f"ملخص {hostile}",
        section=section or SectionFactory(name=f"قسم {hostile}"),
        tags=[tag or TagFactory(name=f"وسم {hostile}")],
        bylines=[(author or AuthorFactory(name=f"كاتبة {hostile}"), "")],
    )


RSS_ITEM_FIELDS = {"title", "description", DC_CREATOR, "category"}
ATOM_ENTRY_FIELDS = {"title", "summary", "author/name", "category"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_site_feeds_show_every_editor_written_field_as_text(client, hostile):
    hostile_article(hostile)
    rss = client.get("/feed/")
    atom = client.get("/feed/atom/")
    assert rss.status_code == atom.status_code == 200
    assert_shown_as_text(rss_fields(rss.text), hostile, RSS_ITEM_FIELDS)
    assert_shown_as_text(atom_fields(atom.text), hostile, ATOM_ENTRY_FIELDS)


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("owner_kind", ["section", "tag", "author"])
def test_section_tag_and_author_feeds_show_their_names_and_articles_as_text(
    client, hostile, owner_kind
):
    owners = {
        "section": SectionFactory(name=f"قسم {hostile}"),
        "tag": TagFactory(name=f"وسم {hostile}"),
        "author": AuthorFactory(name=f"كاتبة {hostile}"),
    }
    hostile_article(hostile, **owners)
    owner = owners[owner_kind]
    assert owner.slug, "the owner needs an address"
    rss = client.get(f"/{owner_kind}/{owner.slug}/feed/")
    atom = client.get(f"/{owner_kind}/{owner.slug}/feed/atom/")
    assert rss.status_code == atom.status_code == 200
    assert_shown_as_text(rss_fields(rss.text), hostile, RSS_ITEM_FIELDS | {"channel title"})
    assert_shown_as_text(atom_fields(atom.text), hostile, ATOM_ENTRY_FIELDS | {"feed title"})


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_corrections_feed_shows_the_note_and_the_article_title_as_text(client, hostile):
    article = hostile_article(hostile)
    Correction.objects.create(
        article=article, text=f"تصحيح {hostile}", created_at=timezone.now() - timedelta(minutes=5)
    )
    rss = client.get("/corrections/feed/")
    assert rss.status_code == 200
    assert_shown_as_text(rss_fields(rss.text), hostile, {"title", "description"})


def test_plain_words_and_ampersands_reach_the_reader_as_typed(client):
    hostile_article("Q&A: «الماء» <وهم>")
    fields = dict(rss_fields(client.get("/feed/").text))
    assert Elements(fields["description"]).text == "ملخص Q&A: «الماء» <وهم>"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    hostile=st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "&",
                '"',
                "'",
                "img",
                " src=x",
                " onerror=",
                "alert(1)",
                "script",
                "/",
                "=",
                "#",
                ";",
                "lt",
                "amp",
                "x",
            ]
        ),
        min_size=1,
        max_size=20,
    ).map("".join)
)
def test_any_text_of_markup_pieces_comes_out_of_both_feeds_as_text(client, hostile):
    Article.objects.all().delete()
    for model in [Section, Tag, Author, Correction]:
        model.objects.all().delete()
    article = hostile_article(hostile)
    Correction.objects.create(article=article, text=f"تصحيح {hostile}")
    for fields in [
        rss_fields(client.get("/feed/").text),
        atom_fields(client.get("/feed/atom/").text),
        rss_fields(client.get("/corrections/feed/").text),
    ]:
        for name, rendered in fields:
            assert Elements(rendered).tags == [], f"{name} renders live HTML: {rendered!r}"
