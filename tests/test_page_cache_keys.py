"""A cached page is kept under the parameters pages read: anything else sent along (tracking
parameters, a random string) neither makes a new cached page nor shows in the one served."""

import secrets

import pytest

from tests.consent.conftest import without_banner
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


def cache_state(response) -> str:
    return response["X-Page-Cache"]


def with_tracking(address: str) -> str:
    return address + ("&" if "?" in address else "?") + "utm_source=a"


def test_fifty_home_pages_with_random_tracking_parameters_are_one_cached_page(client):
    sent = [secrets.token_hex(8) for _ in range(50)]
    states = [cache_state(client.get(f"/?utm_source={value}")) for value in sent]
    assert states == ["miss"] + ["hit"] * 49


@pytest.mark.parametrize(
    "tracking",
    [
        "utm_source=news&utm_medium=email&utm_campaign=x",
        "fbclid=IwAR0abc",
        "gclid=Cj0KCQ",
        "mc_cid=1a2b&mc_eid=3c4d",
        "ref=twitter",
        "unknown=" + "z" * 40,
    ],
)
def test_tracking_parameters_on_an_article_use_the_page_cached_without_them(client, tracking):
    article = ArticleFactory()
    url = article.get_absolute_url()
    plain = client.get(url)
    assert cache_state(plain) == "miss"
    tracked = client.get(f"{url}?{tracking}")
    assert cache_state(tracked) == "hit"
    # The banner, added per reader outside the cache, brings the reader back where they were.
    assert without_banner(tracked.text) == without_banner(plain.text)


def test_a_page_rendered_with_tracking_parameters_does_not_repeat_them(client):
    """The first reader's parameters would otherwise reach every reader (language links)."""
    marker = secrets.token_hex(8)
    first = client.get(f"/?utm_campaign={marker}")
    assert cache_state(first) == "miss"
    assert marker not in without_banner(first.text)
    assert cache_state(client.get("/")) == "hit"


def test_paging_parameters_keep_their_own_cached_pages(client, section):
    older, newer = ArticleFactory.create_batch(2, section=section)
    url = section.get_absolute_url()
    for query in ("", f"?before={newer.pk}", "?page=2"):
        assert cache_state(client.get(url + query)) == "miss"
        assert cache_state(client.get(with_tracking(url + query))) == "hit"
    first_page = client.get(url)
    second_page = client.get(f"{url}?before={newer.pk}")
    assert newer.title in first_page.text and newer.title not in second_page.text


def test_each_search_has_its_own_cached_page(client):
    ArticleFactory(title="ميناء طنجة المتوسط")
    found = client.get("/search/?q=طنجة")
    other = client.get("/search/?q=الرباط")
    assert cache_state(found) == "miss" and cache_state(other) == "miss"
    assert "ميناء طنجة المتوسط" in found.text and "ميناء طنجة المتوسط" not in other.text
    assert cache_state(client.get("/search/?q=طنجة&fbclid=x")) == "hit"


def test_the_order_of_parameters_does_not_matter(client):
    ArticleFactory.create_batch(12, title="ميناء طنجة المتوسط")
    first = client.get("/search/?q=طنجة&page=2")
    again = client.get("/search/?utm_source=a&page=2&q=طنجة")
    assert cache_state(first) == "miss" and cache_state(again) == "hit"
    assert without_banner(again.text) == without_banner(first.text)
