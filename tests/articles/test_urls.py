from django.test import RequestFactory
from django.views.defaults import server_error

import pytest

from tests.factories import ArticleFactory, DraftFactory

pytestmark = pytest.mark.django_db


def test_wrong_slug_redirects_permanently_to_the_canonical_url(client, seed_like_article):
    response = client.get(f"/articles/{seed_like_article.pk}/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == seed_like_article.get_absolute_url()


def test_old_slug_keeps_working_after_an_editor_changes_it(client, section):
    article = ArticleFactory(section=section, title="عنوان قديم")
    old_url = article.get_absolute_url()
    article.slug = "عنوان-جديد"
    article.save()
    response = client.get(old_url, follow=True)
    assert response.redirect_chain == [(article.get_absolute_url(), 301)]
    assert response.status_code == 200


def test_short_url_redirects_to_the_article(client, seed_like_article):
    response = client.get(f"/articles/{seed_like_article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == seed_like_article.get_absolute_url()


def test_short_url_of_a_draft_is_404_for_readers(client, section):
    draft = DraftFactory(section=section)
    assert client.get(f"/articles/{draft.pk}/").status_code == 404


def test_percent_encoded_arabic_url_resolves(client, seed_like_article):
    url = seed_like_article.get_absolute_url()
    assert "%D8" in url  # reverse() gives an ASCII-safe address
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/articles/999999/لا-يوجد/",
        "/section/لا-يوجد/",
        "/tag/لا-يوجد/",
        "/author/لا-يوجد/",
        "/no/such/page/",
        "/section/وطنية/?before=999999",
        "/section/وطنية/?before=abc",
        "/section/وطنية/?before=-1",
        "/section/وطنية/?before=١٢",
        "/section/وطنية/?before=" + "9" * 40,
    ],
)
def test_unknown_addresses_get_the_arabic_404_page(client, section, url):
    response = client.get(url)
    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl" ' in response.text
    assert "الصفحة غير موجودة" in response.text


def test_server_error_page_is_arabic_and_self_contained(db):
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in html
    assert "حدث خطأ من جهتنا" in html
    assert "/static/" not in html


@pytest.mark.parametrize(
    "url",
    ["/section/وطنية/?before=%00", "/?q=%00", "/?%00=1", "/articles/1/%00/", "/admin/?q=a%00b"],
)
def test_nul_characters_in_an_address_get_the_arabic_400_page(client, section, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "طلب غير صالح" in response.text
