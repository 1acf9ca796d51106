"""Which addresses a page may take, and how an editor's spelling of one is stored."""

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from pages.addresses import page_address, site_segments
from pages.models import Page
from pages.services import page_put

pytestmark = pytest.mark.django_db

TAKEN = "This address belongs to another part of the site: choose another one."


def url_errors(url: str) -> list[str]:
    page = Page(title="صفحة", url=url, body="<p>نص</p>")
    with translation.override("en"):
        try:
            page.full_clean()
        except ValidationError as error:
            return error.message_dict.get("url", [])
    return []


@pytest.mark.parametrize(
    ("spelling", "stored"),
    [
        ("/من-نحن/", "/من-نحن/"),
        ("من-نحن", "/من-نحن/"),
        ("/%D9%85%D9%86-%D9%86%D8%AD%D9%86", "/من-نحن/"),
        (" /about/team ", "/about/team/"),
    ],
)
def test_an_address_is_stored_decoded_with_a_slash_at_each_end(spelling, stored):
    assert page_address(spelling) == stored
    assert url_errors(spelling) == []


@pytest.mark.parametrize(
    "url",
    [
        "/articles/",
        "/section/",
        "/section/وطنية/",
        "/tag/",
        "/author/",
        "/admin/",
        "/admin/pages/",
        "/search/",
        "/feed/",
        "/feed/atom/",
        "/comments/",
        "/cookies/",
        "/i18n/",
        "/media/x/",
        "/static/css/",
        "/robots.txt/",
    ],
)
def test_an_address_of_another_part_of_the_site_is_refused(url):
    assert url_errors(url) == [TAKEN]


@pytest.mark.parametrize("url", ["/fr/a-propos/", "/en/about/", "/ar/من-نحن/"])
def test_an_address_beginning_with_a_language_code_is_refused(url):
    assert url_errors(url) == [
        "An address cannot begin with a language code (/fr/, /en/): the page is served under "
        "each language's prefix by itself."
    ]


@pytest.mark.parametrize("url", ["/../admin/", "/a/../b/", "/a//b/"])
def test_dot_dot_and_empty_parts_are_refused(url):
    assert url_errors(url) == ["The address cannot contain “..” or an empty part (“//”)."]


@pytest.mark.parametrize(
    "url",
    ["/a b/", "/a?b/", "/<script>/", "/a\x00/", "/a\n/b/", "https://dima.ma/x/", "/\u202eabc/"],
)
def test_characters_an_address_cannot_hold_are_refused(url):
    assert url_errors(url) == [
        "Use letters, digits, hyphens, underscores, dots and slashes only, "
        "e.g. /من-نحن/ or /about/team/."
    ]


def test_the_home_page_address_is_refused():
    assert url_errors("/") == ["The home page’s address cannot be given to a page."]


def test_site_segments_are_read_from_the_routes():
    assert {"admin", "articles", "section", "tag", "author", "search", "feed"} <= site_segments()


def test_two_pages_cannot_share_an_address_in_two_spellings():
    page_put(url="/من-نحن/", title="من نحن", body="", published=True)
    assert url_errors("/%D9%85%D9%86-%D9%86%D8%AD%D9%86") == [
        "Page with this Address already exists."
    ]
