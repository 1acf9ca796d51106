"""A query that finds nothing is offered the closest words the index knows, as a link to a
search that finds the article; never a word only an unpublished article holds."""

from urllib.parse import parse_qs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.suggest import Vocabulary, edit_distance
from tests import budgets
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, DraftFactory, SectionFactory

pytestmark = pytest.mark.django_db

TITLE = "المسؤولون عن معرض ميليبول في الدوحة"


@pytest.fixture
def story(section):
    return ArticleFactory(
        section=section, title=TITLE, excerpt="", body="<p>زار المسؤولون معرض ميليبول.</p>"
    )


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [article.title for article, _snippet in response.context["results"]]


@pytest.mark.parametrize(
    ("misspelt", "corrected"),
    [
        ("المسؤلون", "المسءولون"),  # a letter missing
        ("ميليبوك", "ميليبول"),  # a letter wrong
        ("ميلبيول", "ميليبول"),  # two letters swapped
        ("معرض ميلليبول", "معرض ميليبول"),  # a letter too many; the right word kept as written
    ],
)
def test_a_misspelt_word_gets_a_link_to_a_search_that_finds_the_article(
    client, story, misspelt, corrected
):
    response = search(client, q=misspelt)
    assert titles(response) == []
    assert response.context["suggestion"] == corrected
    assert f'<a href="?{response.context["suggestion_query"]}" dir="auto">' in response.text
    assert "هل تقصد:" in response.text or "Did you mean:" in response.text
    followed = search(client, **parse_qs(response.context["suggestion_query"]))
    assert titles(followed) == [TITLE]


def test_no_suggestion_when_the_query_finds_something(client, story):
    response = search(client, q="ميليبول")
    assert titles(response) == [TITLE] and response.context["suggestion"] is None
    assert "search-suggestion" not in response.text


def test_no_suggestion_when_nothing_is_close(client, story):
    assert search(client, q="كرنفال").context["suggestion"] is None


def test_a_word_only_a_draft_holds_is_never_suggested(client, section):
    DraftFactory(section=section, title="صفقة سرية مع شركة زمردان", excerpt="", body="<p>.</p>")
    response = search(client, q="زمردام")
    assert response.context["suggestion"] is None
    assert "زمردان" not in response.text


def test_the_suggestion_keeps_the_filters_and_is_checked_within_them(client, story, section):
    elsewhere = SectionFactory(name="رياضة")
    in_section = search(client, q="ميليبوك", section=section.slug)
    assert in_section.context["suggestion"] == "ميليبول"
    assert parse_qs(in_section.context["suggestion_query"]) == {
        "q": ["ميليبول"],
        "section": [section.slug],
    }
    # In a section where the corrected word finds nothing either, nothing is offered.
    assert search(client, q="ميليبوك", section=elsewhere.slug).context["suggestion"] is None


def test_a_search_with_a_suggestion_costs_a_bounded_number_of_queries(
    client, section, django_assert_max_num_queries
):
    for n in range(20):
        ArticleFactory(section=section, title=f"ميليبول رقم {n}", body="<p>معرض.</p>")
    warm_site_wide_caches(client)
    # The page, the vocabulary (once per SEARCH_VOCABULARY_SECONDS), at most two checks.
    with django_assert_max_num_queries(budgets.SEARCH + 3):
        assert search(client, q="ميليبوك").context["suggestion"] == "ميليبول"
    with django_assert_max_num_queries(budgets.SEARCH + 2):
        assert search(client, q="ميلبيول").context["suggestion"] == "ميليبول"


def test_the_nearest_then_the_most_common_word_comes_first():
    vocabulary = Vocabulary.of([("سدود", 9), ("سدد", 40), ("حدود", 30), ("2022", 50)])
    assert vocabulary.closest("سدوذ") == ["سدود"]  # حدود and سدد are two edits away
    assert vocabulary.closest("حسدود") == ["حدود", "سدود"]  # one edit each; حدود more common
    assert vocabulary.closest("202") == []  # numbers are not corrected


ARABIC_WORDS = st.text(st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويء"), max_size=8)


@given(ARABIC_WORDS, ARABIC_WORDS)
def test_edit_distance_is_a_symmetric_count_of_edits(a, b):
    assert edit_distance(a, b) == edit_distance(b, a)
    assert (edit_distance(a, b) == 0) == (a == b)
    assert abs(len(a) - len(b)) <= edit_distance(a, b) <= max(len(a), len(b))


@given(ARABIC_WORDS.filter(lambda word: len(word) >= 3), st.data())
def test_every_known_word_one_edit_away_is_a_candidate(word, data):
    at = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(st.sampled_from("بتثجح"))
    variants = {word[:at] + word[at + 1 :], word[:at] + letter + word[at + 1 :]}
    vocabulary = Vocabulary.of([(variant, 1) for variant in variants if len(variant) >= 2])
    for variant in vocabulary.documents:
        if variant != word:
            assert variant in vocabulary.closest(word)


def test_the_corrected_query_keeps_the_readers_own_spelling_around_the_correction():
    from search.suggest import corrected_text

    # Words are indexed folded ("المدرسة" as "مدرسه"): the link shows the reader's letters.
    assert corrected_text("المدرسة-الإعلامية Pariss", {"pariss": "paris"}) == (
        "المدرسة-الإعلامية paris"
    )
    assert corrected_text("مدارسة الاعلام", {"مدارس": "مدرس"}).startswith("مدرسة")
    assert corrected_text("-Pariss Pariss", {"pariss": "paris"}) == "-Pariss paris"
