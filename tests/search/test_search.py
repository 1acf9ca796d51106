"""Search finds a story however it is spelled, on SQLite (FTS5) and PostgreSQL alike."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.query import fts5_match, parse_query, pg_tsquery
from tests import budgets
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

SEED_TITLE = "الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022"
SEED_BODY = (
    "<p>قام السيد عبد اللطيف حموشي، المدير العام للأمن الوطني، بزيارة لدولة قطر.</p>"
    "<p>وعلى اثر هذه الزيارة عقد السيد الحموشي سلسلة لقاءات مهمة بمناسبة معرض ميليبول.</p>"
    "<p>حرص بلاده على تنظيم كأس العالم فيفا قطر 2022.</p>"
)


@pytest.fixture
def stories(section):
    return {
        "seed": ArticleFactory(section=section, title=SEED_TITLE, body=SEED_BODY, excerpt=""),
        "water": ArticleFactory(
            section=section,
            title="سدود المملكة في أدنى مستوياتها",
            body="<p>تراجع المخزون المائي في المغرب، والأمن المائي مهدد.</p>",
            excerpt="",
        ),
    }


def found(client, q: str) -> list[str]:
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [article.title for article, _snippet in response.context["results"]]


@pytest.mark.parametrize(
    "q",
    ["الحموشي", "حموشي", "والحموشي", "الحَمُّوشي", "كأس العالم", "كاس العالم", "ميليبول", "٢٠٢٢"],
)
def test_the_seed_article_is_found_however_the_words_are_written(client, stories, q):
    assert found(client, q)[0] == SEED_TITLE


def test_all_words_must_match(client, stories):
    both = {SEED_TITLE, "سدود المملكة في أدنى مستوياتها"}
    assert set(found(client, "المغرب الأمن")) == both
    assert found(client, "حموشي سدود") == []


def test_quoted_phrase_and_excluded_word(client, stories):
    assert found(client, '"كأس العالم"') == [SEED_TITLE]
    assert found(client, '"العالم كأس"') == []
    assert found(client, "الأمن -حموشي") == ["سدود المملكة في أدنى مستوياتها"]


def test_a_match_in_the_headline_ranks_first(client, section):
    ArticleFactory(section=section, title="أخبار متفرقة", body="<p>سدود وسدود وسدود.</p>")
    ArticleFactory(section=section, title="سدود المملكة", body="<p>نص قصير.</p>")
    assert found(client, "سدود")[0] == "سدود المملكة"


def test_unpublished_articles_are_never_found(client, section):
    DraftFactory(section=section, title="مسودة عن ميليبول")
    ScheduledFactory(section=section, title="خبر مجدول عن ميليبول")
    assert found(client, "ميليبول") == []


def test_editing_an_article_updates_the_index(client, stories):
    water = stories["water"]
    water.title = "مهرجان كناوة في الصويرة"
    water.save()
    assert found(client, "كناوة") == ["مهرجان كناوة في الصويرة"]
    assert found(client, "سدود") == []


def test_results_show_highlighted_snippets_and_a_count(client, stories):
    html = client.get("/search/", {"q": "حموشي"}).text
    assert "<mark>حموشي،</mark>" in html
    assert "<mark>الحموشي</mark>" in html
    assert '<p class="list-count">نتيجة واحدة</p>' in html


def test_no_match_gets_a_friendly_arabic_message(client, stories):
    html = client.get("/search/", {"q": "زلزال"}).text
    assert "لا شيء يطابق «زلزال»" in html


@pytest.mark.parametrize(
    "q", ['"', "-", '""', "---", "AND OR NOT", "*", "NEAR(", "'); DROP TABLE x; --", "<script>"]
)
def test_odd_queries_answer_200_not_500(client, stories, q):
    assert client.get("/search/", {"q": q}).status_code == 200


def test_results_paginate(client, section):
    for n in range(13):
        ArticleFactory(section=section, title=f"سدود رقم {n}")
    first = client.get("/search/", {"q": "سدود"})
    second = client.get("/search/", {"q": "سدود", "page": 2})
    assert len(first.context["results"]) == 10 and len(second.context["results"]) == 3
    assert 'rel="next" href="?q=%D8%B3%D8%AF%D9%88%D8%AF&amp;page=2"' in first.text
    assert client.get("/search/", {"q": "سدود", "page": 9}).status_code == 404


def test_search_costs_a_fixed_number_of_queries(client, section, django_assert_max_num_queries):
    for n in range(30):
        ArticleFactory(section=section, title=f"خبر عن السدود {n}")
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(budgets.SEARCH):
        assert client.get("/search/", {"q": "السدود"}).status_code == 200


def test_every_page_has_a_search_box(client, stories):
    html = client.get(stories["seed"].get_absolute_url()).text
    assert 'action="/search/" method="get" role="search"' in html


def test_query_is_rendered_for_both_databases_from_one_parse():
    query = parse_query('والأمن "كأس العالم" -حموشي')
    assert fts5_match(query) == '"امن" AND "كاس عالم" NOT "حموش"'
    assert pg_tsquery(query) == "'امن' & ('كاس' <-> 'عالم') & !('حموش')"


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=80))
def test_no_query_makes_search_answer_500(client, stories, q):
    assert client.get("/search/", {"q": q}).status_code in {200, 400}
