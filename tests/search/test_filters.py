"""Search narrowed by section and by publication dates (GET parameters section, from, to):
mistyped or hostile filters get a message in the page, never a 500."""

import datetime
import re
from urllib.parse import parse_qs

from django.utils import timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import budgets
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def local(*args) -> datetime.datetime:
    """A moment on the site's clock (Africa/Casablanca), as readers see it on an article."""
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def dams(section):
    sport = SectionFactory(name="رياضة")
    return {
        "march 10 late": ArticleFactory(
            section=section, title="سدود الشمال", published_at=local(2024, 3, 10, 23, 30)
        ),
        "march 20": ArticleFactory(
            section=section, title="سدود الجنوب", published_at=local(2024, 3, 20, 9)
        ),
        "sport": ArticleFactory(
            section=sport, title="سدود وملاعب", published_at=local(2024, 3, 15, 12)
        ),
    }


def search(client, **params):
    response = client.get("/search/", {"q": "سدود", **params})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return sorted(article.title for article, _snippet in response.context["results"])


def test_the_section_filter_keeps_that_section_s_articles(client, dams, section):
    assert titles(search(client, section=section.slug)) == ["سدود الجنوب", "سدود الشمال"]
    assert titles(search(client, section=dams["sport"].section.slug)) == ["سدود وملاعب"]
    assert len(titles(search(client, section=""))) == 3


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"from": "2024-03-11"}, ["سدود الجنوب", "سدود وملاعب"]),
        # "to" includes its whole day on the site's clock: 23:30 on the 10th is in.
        ({"to": "2024-03-10"}, ["سدود الشمال"]),
        ({"from": "2024-03-10", "to": "2024-03-10"}, ["سدود الشمال"]),
        ({"from": "2024-03-12", "to": "2024-03-19"}, ["سدود وملاعب"]),
        ({"from": "2024-03-21"}, []),
    ],
)
def test_the_date_range_keeps_what_was_published_between_the_two_days(
    client, dams, dates, expected
):
    assert titles(search(client, **dates)) == expected


def test_section_and_dates_narrow_together(client, dams, section):
    assert titles(search(client, section=section.slug, **{"from": "2024-03-15"})) == ["سدود الجنوب"]


def test_the_form_shows_the_filters_as_sent(client, dams, section):
    html = search(client, section=section.slug, **{"from": "2024-03-01", "to": "2024-03-31"}).text
    assert re.search(rf'<option value="{section.slug}" selected>', html)
    assert 'type="date" name="from" value="2024-03-01"' in html
    assert 'type="date" name="to" value="2024-03-31"' in html


def test_pagination_links_keep_the_filters(client, section):
    for n in range(13):
        ArticleFactory(section=section, title=f"سدود رقم {n}", published_at=local(2024, 3, 5))
    ArticleFactory(title="سدود في قسم آخر", published_at=local(2024, 3, 5))
    params = {"section": section.slug, "from": "2024-03-01", "to": "2024-03-31"}
    first = search(client, **params)
    assert first.context["paginator"].count == 13
    [href] = re.findall(r'rel="next" href="([^"]+)"', first.text)
    href = href.replace("&amp;", "&")
    assert parse_qs(href[1:]) == {"q": ["سدود"], "page": ["2"]} | {
        name: [value] for name, value in params.items()
    }
    second = client.get("/search/" + href)
    assert len(second.context["results"]) == 3


@pytest.mark.parametrize(
    "dates",
    [
        {"from": "2024-02-30"},
        {"to": "yesterday"},
        {"from": "0001-01-01"},
        {"to": "9999-12-31"},
        {"from": "2024-03-20", "to": "2024-03-10"},  # the end before the start
        {"to": "\u202e2024-03-01"},
        {"from": "2" * 10_000},
    ],
)
def test_a_mistyped_date_is_named_in_the_page_and_nothing_is_searched(client, dams, dates):
    response = search(client, **dates)
    assert response.context["results"] == []
    assert 'class="errorlist"' in response.text and 'role="alert"' in response.text
    assert response.context["form"].errors
    assert response.context["suggestion"] is None


@pytest.mark.parametrize("slug", ["nowhere", "وطنية\u202e", "a" * 10_000, "' OR 1=1 --"])
def test_an_unknown_section_is_named_in_the_page(client, dams, slug):
    response = search(client, section=slug)
    assert response.context["form"].errors["section"]
    assert response.context["results"] == []
    [message] = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.text)
    assert slug not in message  # the message does not repeat what was sent


@pytest.mark.parametrize(
    "params", [{"q": "سدود\x00"}, {"section": "\x00"}, {"from": "2024-03-01\x00"}, {"to": "\x00"}]
)
def test_a_nul_in_any_parameter_is_a_bad_request(client, dams, params):
    assert client.get("/search/", {"q": "سدود", **params}).status_code == 400


@pytest.mark.parametrize(
    "q", ["\u202eسدود\u202c", "\u2066سدود", "سدود " * 2000, "<script>x</script>"]
)
def test_hostile_queries_with_filters_answer_200(client, dams, section, q):
    response = client.get("/search/", {"q": q, "section": section.slug, "from": "2024-01-01"})
    assert response.status_code == 200
    assert "<script>x" not in response.text


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=st.text(max_size=40),
    section=st.text(max_size=20),
    since=st.one_of(st.dates().map(str), st.text(max_size=12)),
    until=st.one_of(st.dates().map(str), st.text(max_size=12)),
)
def test_no_combination_of_parameters_makes_search_answer_500(
    client, dams, q, section, since, until
):
    params = {"q": q, "section": section, "from": since, "to": until}
    response = client.get("/search/", params)
    # A NUL anywhere in the address is refused before any view runs (edge.middleware).
    nul = any("\x00" in value for value in params.values())
    assert response.status_code == (400 if nul else 200)


def test_a_filtered_search_costs_the_search_page_s_queries(
    client, section, django_assert_max_num_queries
):
    for n in range(30):
        ArticleFactory(section=section, title=f"خبر عن السدود {n}", published_at=local(2024, 3, 5))
    warm_site_wide_caches(client)
    params = {"q": "السدود", "section": section.slug, "from": "2024-03-01", "to": "2024-03-31"}
    with django_assert_max_num_queries(budgets.SEARCH):
        response = client.get("/search/", params)
    assert response.context["paginator"].count == 30


@pytest.mark.parametrize("params", [{"section": "x"}, {"from": "2024-01-01"}, {"to": "2024-01-01"}])
def test_each_filter_has_its_own_cached_page_and_tracking_is_ignored(client, settings, params):
    settings.PAGE_CACHE = True
    assert client.get("/search/", {"q": "سدود"})["X-Page-Cache"] == "miss"
    assert client.get("/search/", {"q": "سدود", **params})["X-Page-Cache"] == "miss"
    tracked = {"q": "سدود", **params, "utm_source": "x"}
    assert client.get("/search/", tracked)["X-Page-Cache"] == "hit"
