"""A hamza written on another seat (or on the line) finds the same article, on SQLite and on
PostgreSQL alike (this module runs in `make test` and `make test-postgres`)."""

from io import StringIO

from django.core.management import call_command

import pytest

from search.models import SearchEntry
from search.suggest import read_vocabulary
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def found(client, q: str) -> list[str]:
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [article.title for article, _snippet in response.context["results"]]


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("مسؤول", "مسئول"),
        ("مسئول", "مسؤول"),
        ("المسؤولين", "المسئولون"),
        ("سؤال", "سءال"),
        ("سءال", "سؤال"),
        ("أمن", "امن"),
        ("امن", "أمن"),
        ("إعلان", "اعلان"),
        ("اعلان", "إعلان"),
        ("قراءة", "قراءه"),
        ("قرائة", "قراءة"),
        ("شؤون", "شئون"),
        ("شئون", "شؤون"),
        ("رئيس", "رءيس"),
    ],
)
def test_a_word_is_found_whatever_seat_its_hamza_is_written_on(client, section, written, searched):
    ArticleFactory(section=section, title=f"خبر عن {written} اليوم", excerpt="", body="<p>نص.</p>")
    ArticleFactory(section=section, title="خبر آخر لا علاقة له", excerpt="", body="<p>نص.</p>")
    assert found(client, searched) == [f"خبر عن {written} اليوم"]


def test_the_hamza_seats_are_highlighted_in_the_snippet(client, section):
    ArticleFactory(
        section=section, title="تعيين", excerpt="", body="<p>قال المسؤول إن الشؤون تحسنت.</p>"
    )
    html = client.get("/search/", {"q": "المسئول الشئون"}).text
    assert "<mark>المسؤول</mark>" in html and "<mark>الشؤون</mark>" in html


def test_the_command_reindexes_entries_stored_before_hamza_was_folded(client, section):
    article = ArticleFactory(section=section, title="المسؤول الأول", excerpt="", body="<p>نص.</p>")
    # As the index stored it before search/migrations/0003: hamza on its seat.
    SearchEntry.objects.filter(article=article).update(title="مسؤول اول", body="نص")
    assert found(client, "مسئول") == []

    call_command("reindex_search", stdout=StringIO())

    assert found(client, "مسئول") == found(client, "مسؤول") == ["المسؤول الأول"]
    assert SearchEntry.objects.get(article=article).title == "مسءول اول"


def test_the_command_indexes_an_article_that_had_no_entry(client, section):
    article = ArticleFactory(section=section, title="سؤال البرلمان", excerpt="", body="<p>.</p>")
    SearchEntry.objects.filter(article=article).delete()
    call_command("reindex_search", stdout=StringIO())
    assert found(client, "سئال") == ["سؤال البرلمان"]


def test_the_index_vocabulary_holds_folded_words(section):
    ArticleFactory(section=section, title="مسئولون", excerpt="", body="<p>مسؤول.</p>")
    words = dict(read_vocabulary(100))
    assert words["مسءول"] == 1 and "مسؤول" not in words and "مسئول" not in words
