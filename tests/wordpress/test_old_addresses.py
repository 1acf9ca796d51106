"""Every address the WordPress site had answers 301 to its page on Dima."""

import re
from urllib.parse import quote, unquote

import pytest

from articles.models import Article, Author, Section, Tag
from pages.models import Page
from tests.wordpress.conftest import EXPORT, IDS
from wordpress.addresses import local_address
from wordpress.wxr import Item, read_export

POSTS = IDS["posts"]


def items() -> dict[int, Item]:
    return {t.id: t for t in read_export(EXPORT) if isinstance(t, Item)}


def lands(client, address: str, target: str) -> None:
    """One 301 to the target, or the target itself where Dima's address is WordPress's."""
    response = client.get(address)
    if response.status_code == 200:
        assert response.wsgi_request.path.rstrip("/") == unquote(target).rstrip("/")
        return
    assert response.status_code == 301, address
    assert response["Location"] == target, address


def spellings(path: str) -> list[str]:
    """A WordPress path as stored (lower-case percent-encoding), upper-case, decoded, with and
    without its trailing slash."""
    decoded = unquote(path)
    upper = re.sub(r"%[0-9a-f]{2}", lambda m: m[0].upper(), path)
    forms = [path, upper, decoded]
    return [f for form in forms for f in (form, form.rstrip("/") if form != "/" else form)]


def test_every_published_post_s_permalink_lands_on_its_article_in_any_spelling(imported, client):
    for item in items().values():
        if item.type == "post" and item.status == "publish":
            target = Article.objects.get(pk=item.id).get_absolute_url()
            for address in spellings(local_address(item.link)):
                lands(client, address, target)


def test_query_addresses_land_on_their_article_and_page(imported, client):
    article = Article.objects.get(pk=POSTS["classic"])
    lands(client, f"/?p={article.pk}", article.get_absolute_url())
    about = IDS["pages"]["about"]
    lands(client, f"/?page_id={about}", Page.objects.get(title="من نحن").get_absolute_url())


def test_a_renamed_post_s_old_permalink_lands_on_it(imported, client):
    article = Article.objects.get(pk=POSTS["renamed"])
    lands(client, f"/{IDS['renamed_old_slug']}/", article.get_absolute_url())
    lands(client, f"/{IDS['renamed_new_slug']}/", article.get_absolute_url())


def test_nested_category_addresses_and_their_feeds_land_on_the_section(imported, client):
    section = Section.objects.get(name="جامعات")
    path = "/category/مجتمع/تعليم/جامعات/"
    lands(client, path, section.get_absolute_url())
    lands(client, quote(path), section.get_absolute_url())
    assert client.get(f"{path}feed/")["Location"].endswith("/feed/")


def test_tag_author_and_attachment_addresses_land(imported, client):
    tag = Tag.objects.get(name="كأس العالم")
    lands(client, "/tag/كأس-العالم/", tag.get_absolute_url())
    souad = Author.objects.get(name="سعاد بنعلي")
    lands(client, "/author/souad/", souad.get_absolute_url())
    lands(client, "/author/souad/feed/", f"{souad.get_absolute_url()}feed/")
    attachment = IDS["attachments"]["atlas_jpeg"]
    response = client.get(f"/?attachment_id={attachment}")
    assert response.status_code == 301
    assert "/articles/" in response["Location"]


@pytest.mark.parametrize("address", ["/no-such-post/", "/?p=999999"])
def test_an_address_wordpress_never_had_is_not_redirected(imported, client, address):
    assert client.get(address).status_code in (200, 404)
    assert client.get(address).status_code != 301
