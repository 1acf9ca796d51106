"""Old addresses answer 301 to their new page; pages that exist never ask the redirects table."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from redirects.models import Redirect
from redirects.services import redirect_set
from tests.conftest import warm_site_wide_caches

pytestmark = pytest.mark.django_db

ENCODED = "/2026/11/29/%d8%a7%d9%84%d8%a3%d9%85%d9%86/"
DECODED = "/2026/11/29/الأمن/"


@pytest.fixture
def moved(seed_like_article):
    """A WordPress article address that now lives at a Dima article."""
    redirect_set(old=ENCODED, new=seed_like_article.get_absolute_url(), note="WordPress")
    return seed_like_article


def redirects_table_queries(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "redirects_redirect" in q["sql"]]


@pytest.mark.parametrize(
    "address",
    [
        ENCODED,
        ENCODED.upper(),
        DECODED,
        DECODED.rstrip("/"),
        ENCODED.rstrip("/"),
        ENCODED + "?utm_source=facebook&fbclid=x",
    ],
)
def test_every_spelling_of_an_old_address_lands_on_its_new_page_in_one_step(client, moved, address):
    response = client.get(address)
    assert response.status_code == 301
    assert response["Location"] == moved.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_head_request_gets_the_redirect_too(client, moved):
    response = client.head(DECODED)
    assert response.status_code == 301
    assert response["Location"] == moved.get_absolute_url()


def test_a_post_to_an_old_address_gets_the_redirect(client, moved):
    response = client.post(DECODED, {"anything": "1"})
    assert response.status_code == 301
    assert response["Location"] == moved.get_absolute_url()


def test_a_redirect_to_an_arabic_site_path_is_sent_percent_encoded(client, db):
    redirect_set(old="/archives/123", new="/من-نحن/")
    response = client.get("/archives/123/")
    assert response.status_code == 301
    assert response["Location"] == "/%D9%85%D9%86-%D9%86%D8%AD%D9%86/"


def test_a_redirect_may_lead_to_another_site(client, db):
    redirect_set(old="/archives/123", new="https://archive.dima.example.ma/123")
    assert client.get("/archives/123")["Location"] == "https://archive.dima.example.ma/123"


def test_an_address_with_no_redirect_still_gets_the_sites_404_page(client, moved):
    response = client.get("/2026/11/30/غير-موجود/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_an_unknown_address_without_slash_still_gets_the_slash_then_404(client, moved):
    response = client.get("/archives/999")
    assert (response.status_code, response["Location"]) == (301, "/archives/999/")
    assert client.get("/archives/999/").status_code == 404


def test_a_page_that_exists_is_never_redirected_and_asks_the_table_nothing(client, moved):
    # Even a redirect stored for its very address does not hide a page that exists.
    Redirect.objects.create(old_path=moved.get_absolute_url(), new_path="/elsewhere/")
    warm_site_wide_caches(client)
    for address in ["/", moved.get_absolute_url(), moved.section.get_absolute_url(), "/feed/"]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, address
        assert redirects_table_queries(queries) == [], address


def test_the_redirects_add_no_query_to_a_normal_page(client, moved, settings):
    warm_site_wide_caches(client)
    address = moved.get_absolute_url()
    client.get(address)  # what the article keeps per generation (its discussion) is kept
    with CaptureQueriesContext(connection) as with_redirects:
        client.get(address)
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "redirects.middleware.RedirectFallbackMiddleware"
    ]
    without = Client()  # a new client loads the middleware afresh
    assert without.get(DECODED).status_code == 404  # the redirects are really gone
    with CaptureQueriesContext(connection) as without_redirects:
        without.get(address)
    assert len(with_redirects) == len(without_redirects) > 0


@pytest.mark.parametrize("key", ["p", "page_id", "cat", "tag", "attachment_id", "author", "feed"])
def test_wordpress_home_page_queries_are_redirected_before_the_home_page_answers(
    client, seed_like_article, key
):
    redirect_set(old=f"/?{key}=12", new=seed_like_article.get_absolute_url())
    response = client.get(f"/?{key}=12&utm_source=x")
    assert response.status_code == 301
    assert response["Location"] == seed_like_article.get_absolute_url()
    assert client.head(f"/?{key}=12")["Location"] == seed_like_article.get_absolute_url()


def test_home_page_with_an_unknown_wordpress_id_is_the_home_page(client, seed_like_article):
    redirect_set(old="/?p=12", new=seed_like_article.get_absolute_url())
    assert client.get("/?p=13").status_code == 200


def test_home_page_with_other_queries_asks_the_table_nothing(client, moved):
    warm_site_wide_caches(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/?utm_source=facebook&s=x").status_code == 200
    assert redirects_table_queries(queries) == []


def test_a_cached_home_page_does_not_hide_a_redirect_added_later(client, settings, moved):
    settings.PAGE_CACHE = True
    client.get("/?p=12")
    assert client.get("/?p=12")["X-Page-Cache"] == "hit"
    redirect_set(old="/?p=12", new=moved.get_absolute_url())
    assert client.get("/?p=12").status_code == 301


@pytest.mark.parametrize(
    "address",
    [
        "/" + "ا" * 5000 + "/",
        "/%d8" * 3000,
        "/\u202e\u2066evil\u2069/",
        "/%e2%80%ae/",
        "/%ff%fe/",
        "/a%00b/",
        "/?p=%00",
        "/?p=" + "9" * 10_000,
        "/%25d8%25a7/",
    ],
)
def test_hostile_addresses_get_an_answer_never_a_500(client, moved, address):
    response = client.get(address)
    assert response.status_code in (301, 400, 404, 200)
    response = client.post(address)
    assert response.status_code in (301, 400, 404, 200, 405)


def test_hostile_old_addresses_are_stored_visibly_and_found_again(client, db):
    redirect_set(old="/\u202eevil/", new="/safe/")
    assert Redirect.objects.get().old_path == "/%E2%80%AEevil"
    assert client.get("/%e2%80%ae" + "evil/")["Location"] == "/safe/"
