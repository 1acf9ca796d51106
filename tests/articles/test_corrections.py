"""Corrections and updates: editors add them to published articles, readers see them on the
article, at /corrections/, in its feed and in the article's JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from articles.models import Article, Correction
from tests import budgets
from tests.admin_forms import article_form
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

AUGUST_3 = timezone.make_aware(datetime(2022, 8, 3, 17, 5))
AUGUST_5 = timezone.make_aware(datetime(2022, 8, 5, 9, 30))


def note(article, text="ورد خطأ في اسم الوزير.", kind=Correction.Kind.CORRECTION, at=AUGUST_3):
    return Correction.objects.create(article=article, kind=kind, text=text, created_at=at)


def url_in(language: str, article: Article) -> str:
    with translation.override(language):
        return article.get_absolute_url()


def member_of(django_user_model, group: str, username: str):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(django_user_model):
    return member_of(django_user_model, "كاتب", "writer")


@pytest.fixture
def desk_editor(django_user_model):
    return member_of(django_user_model, "محرر", "desk")


@pytest.fixture
def article(section):
    return ArticleFactory(
        section=section, title="الحكومة تعلن خطة جديدة", published_at=AUGUST_3 - timedelta(days=1)
    )


def change_form(article: Article, *notes: dict, **fields) -> dict:
    """The admin change form of `article` as posted, with new notes in the inline."""
    byline = article.bylines.get()
    form = article_form(
        article.section,
        byline.author,
        title=article.title,
        slug=article.slug,
        status=article.status,
        published_at_0="2022-08-02",
        **{"bylines-INITIAL_FORMS": "1", "bylines-0-id": byline.pk},
        **{"bylines-0-article": article.pk},
    )
    form["corrections-TOTAL_FORMS"] = str(len(notes))
    for n, values in enumerate(notes):
        for name, value in values.items():
            form[f"corrections-{n}-{name}"] = value
    form.update(fields)
    return form


NEW_NOTE = {
    "kind": "update",
    "text": "أضيف تصريح الناطق الرسمي.",
    "created_at_0": "2022-08-05",
    "created_at_1": "09:30:00",
}


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.mark.parametrize(
    ("language", "kinds", "when"),
    [
        ("ar", ["تحديث", "تصحيح"], ["5 غشت 2022، 09:30", "3 غشت 2022، 17:05"]),
        ("fr", ["Mise à jour", "Rectificatif"], ["5 août 2022", "3 août 2022"]),
        ("en", ["Update", "Correction"], ["Aug. 5, 2022", "Aug. 3, 2022"]),
    ],
)
def test_readers_see_the_notes_newest_first_with_kind_and_time(
    client, article, language, kinds, when
):
    note(article, "ورد خطأ في اسم الوزير.")
    note(article, "أضيف تصريح الناطق الرسمي.", kind=Correction.Kind.UPDATE, at=AUGUST_5)

    html = client.get(url_in(language, article)).text

    notes = re.findall(r'<div class="correction [^"]*" role="note".*?</div>', html, re.S)
    assert len(notes) == 2
    for shown, kind, time in zip(notes, kinds, when, strict=True):
        assert f'<strong class="correction__kind">{kind}</strong>' in shown
        assert time in shown
    assert "أضيف تصريح الناطق الرسمي." in notes[0] and "ورد خطأ" in notes[1]


def test_the_byline_shows_last_updated_with_the_newest_note_time(client, article):
    html = client.get(article.get_absolute_url()).text
    assert "آخر تحديث" not in html

    note(article)
    note(article, kind=Correction.Kind.CLARIFICATION, at=AUGUST_5)
    html = client.get(article.get_absolute_url()).text
    meta = html.split('class="story__meta"')[1].split("</div>")[0]
    assert "آخر تحديث" in meta and "5 غشت 2022، 09:30" in meta
    assert "توضيح" in html

    french = client.get(url_in("fr", article)).text
    assert "Dernière mise à jour" in french


def json_ld(html: str) -> dict:
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script.group(1))


def test_json_ld_carries_the_corrections_and_the_newest_time_as_date_modified(client, article):
    Article.objects.filter(pk=article.pk).update(updated_at=AUGUST_3 - timedelta(hours=5))
    data = json_ld(client.get(article.get_absolute_url()).text)
    assert "correction" not in data
    assert datetime.fromisoformat(data["dateModified"]) == AUGUST_3 - timedelta(hours=5)

    note(article, "ورد خطأ في اسم الوزير.")
    note(article, "أضيف تصريح.", kind=Correction.Kind.UPDATE, at=AUGUST_5)
    html = client.get(article.get_absolute_url()).text
    data = json_ld(html)

    corrections = [
        (c["@type"], c["text"], datetime.fromisoformat(c["datePublished"]))
        for c in data["correction"]
    ]
    assert corrections == [
        ("CorrectionComment", "أضيف تصريح.", AUGUST_5),
        ("CorrectionComment", "ورد خطأ في اسم الوزير.", AUGUST_3),
    ]
    assert datetime.fromisoformat(data["dateModified"]) == AUGUST_5
    assert f'content="{timezone.localtime(AUGUST_5).isoformat()}"' in html  # og modified_time


def test_a_later_edit_is_the_date_modified_when_newer_than_every_note(client, article):
    note(article)
    article.refresh_from_db()
    data = json_ld(client.get(article.get_absolute_url()).text)
    assert datetime.fromisoformat(data["dateModified"]) == article.updated_at > AUGUST_3


def test_hostile_text_in_a_note_is_escaped_everywhere(client, article):
    hostile = '</script><script>alert(1)</script><img src=x onerror="alert(2)">'
    note(article, hostile)

    page = client.get(article.get_absolute_url()).text
    listing = client.get(reverse("articles:corrections")).text
    feed = client.get(reverse("articles:corrections-feed")).text

    for html in (page, listing):
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)" in html
    assert json_ld(page)["correction"][0]["text"] == hostile
    assert "<script>alert(1)" not in feed


def test_corrections_page_lists_notes_of_public_articles_newest_first(client, article, section):
    hidden = [
        note(DraftFactory(section=section), "ملاحظة على مسودة"),
        note(ScheduledFactory(section=section), "ملاحظة على خبر مبرمج"),
    ]
    older = note(article, "الملاحظة الأقدم", at=AUGUST_3)
    other = ArticleFactory(section=section, title="خبر آخر")
    newer = note(other, "الملاحظة الأحدث", kind=Correction.Kind.UPDATE, at=AUGUST_5)

    response = client.get(reverse("articles:corrections"))

    assert response.status_code == 200
    assert [n.pk for n in response.context["notes"]] == [newer.pk, older.pk]
    html = response.text
    assert html.index("الملاحظة الأحدث") < html.index("الملاحظة الأقدم")
    assert f'href="{other.get_absolute_url()}#correction-{newer.pk}"' in html
    assert all(hidden_note.text not in html for hidden_note in hidden)
    assert "تحديث" in html and "3 غشت 2022، 17:05" in html
    assert reverse("articles:corrections") in client.get("/").text  # linked from the footer


def test_corrections_page_goes_on_from_where_the_last_page_ended(client, article, monkeypatch):
    monkeypatch.setattr("articles.views.PAGE_SIZE", 2)
    notes = [note(article, f"ملاحظة {n}", at=AUGUST_3 + timedelta(hours=n)) for n in range(5)]

    first = client.get(reverse("articles:corrections")).context
    assert [n.pk for n in first["notes"]] == [notes[4].pk, notes[3].pk]
    second = client.get(reverse("articles:corrections"), {"before": first["next_before"]}).context
    assert [n.pk for n in second["notes"]] == [notes[2].pk, notes[1].pk]
    last = client.get(reverse("articles:corrections"), {"before": second["next_before"]}).context
    assert [n.pk for n in last["notes"]] == [notes[0].pk] and last["next_before"] is None

    for bad in ["abc", "9" * 40, "999999"]:
        assert client.get(reverse("articles:corrections"), {"before": bad}).status_code == 404


def test_corrections_page_is_translated(client, article):
    note(article, kind=Correction.Kind.CLARIFICATION)
    with translation.override("fr"):
        url = reverse("articles:corrections")
    html = client.get(url).text
    assert url == "/fr/corrections/"
    assert "Rectificatifs et mises à jour" in html and "Précision" in html


def test_corrections_feed_is_rss_with_the_public_notes(client, article, section):
    note(DraftFactory(section=section), "ملاحظة على مسودة")
    first = note(article, "ورد خطأ في اسم الوزير.")
    second = note(article, "أضيف تصريح.", kind=Correction.Kind.UPDATE, at=AUGUST_5)

    response = client.get(reverse("articles:corrections-feed"))

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("description") for item in items] == [second.text, first.text]
    assert items[0].findtext("title") == f"تحديث: {article.title}"
    anchor = f"{article.get_absolute_url()}#correction-{second.pk}"
    assert items[0].findtext("link") == f"http://testserver{anchor}"
    assert items[0].findtext("pubDate").startswith("Fri, 05 Aug 2022")


def test_editor_adds_a_note_to_a_published_article_in_admin(client, desk_editor, article):
    client.force_login(desk_editor)
    assert "corrections-TOTAL_FORMS" in client.get(change_url(article)).text

    response = client.post(change_url(article), change_form(article, NEW_NOTE))

    assert response.status_code == 302
    added = article.corrections.get()
    assert (added.kind, added.text, added.created_by) == ("update", NEW_NOTE["text"], desk_editor)
    assert added.created_at == AUGUST_5


def test_editor_cannot_add_a_note_to_a_draft(client, desk_editor, section):
    draft = DraftFactory(section=section)
    client.force_login(desk_editor)

    response = client.post(change_url(draft), change_form(draft, NEW_NOTE))

    assert response.status_code == 200
    assert "التصحيحات والتحديثات للمقالات المنشورة: انشر المقال أولاً." in response.text
    assert not Correction.objects.exists()


def test_writer_does_not_see_the_notes_and_a_crafted_post_adds_none(client, writer, section):
    draft = DraftFactory(section=section, created_by=writer)
    published = ArticleFactory(section=section, created_by=writer)
    client.force_login(writer)
    assert "corrections-TOTAL_FORMS" not in client.get(change_url(draft)).text

    assert client.post(change_url(draft), change_form(draft, NEW_NOTE)).status_code == 302
    assert client.post(change_url(published), change_form(published, NEW_NOTE)).status_code == 403
    assert not Correction.objects.exists()
    assert not writer.has_perm("articles.add_correction")


def test_removing_a_note_is_recorded_in_the_article_history(client, desk_editor, article):
    removed = note(article)
    client.force_login(desk_editor)
    form = change_form(
        article,
        {
            "id": removed.pk,
            "article": article.pk,
            "DELETE": "on",
            "kind": "correction",
            "text": removed.text,
            "created_at_0": "2022-08-03",
            "created_at_1": "17:05:00",
        },
        **{"corrections-INITIAL_FORMS": "1"},
    )

    assert client.post(change_url(article), form).status_code == 302

    assert not Correction.objects.exists()
    entry = LogEntry.objects.get(object_id=str(article.pk))
    deleted = [m["deleted"] for m in json.loads(entry.change_message) if "deleted" in m]
    assert len(deleted) == 1 and deleted[0]["name"] == "correction or update"
    assert removed.text in deleted[0]["object"]


def test_a_new_changed_or_removed_note_makes_cached_pages_stale_once_committed(
    client, settings, article, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        added = note(article, "ملاحظة جديدة")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "ملاحظة جديدة" in response.text

    with django_capture_on_commit_callbacks(execute=True):
        added.text = "ملاحظة معدلة"
        added.save()
    assert "ملاحظة معدلة" in client.get(url).text

    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        added.delete()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "ملاحظة معدلة" not in response.text


def test_article_page_reads_its_notes_in_one_query_and_none_without_notes(client, article):
    warm_site_wide_caches(client)
    client.get(article.get_absolute_url())  # and what the page itself keeps for a generation
    with CaptureQueriesContext(connection) as without_notes:
        client.get(article.get_absolute_url())
    for n in range(3):
        note(article, f"ملاحظة {n}", at=AUGUST_3 + timedelta(hours=n))

    with CaptureQueriesContext(connection) as with_notes:
        html = client.get(article.get_absolute_url()).text

    assert html.count('role="note"') == 3
    assert len(with_notes) == len(without_notes) + 1 <= budgets.ARTICLE
    # One query reads the notes, however many there are; none when there are none (the
    # article's own query says whether it has any).
    reading_notes = [q["sql"] for q in with_notes if 'FROM "articles_correction"' in q["sql"]]
    assert len(reading_notes) == 2  # the article's EXISTS, then the notes themselves
    assert not [q for q in without_notes if q["sql"].startswith('SELECT "articles_correction"')]


def test_corrections_read_with_the_article_match_those_read_alone(article):
    for n in range(3):
        note(article, f"ملاحظة {n}", at=AUGUST_3 + timedelta(minutes=n, microseconds=n))
    with_article = Article.objects.for_detail().get(pk=article.pk).corrections_for_readers
    alone = list(article.corrections.all())
    assert [(n.pk, n.kind, n.text, n.created_at) for n in with_article] == [
        (n.pk, n.kind, n.text, n.created_at) for n in alone
    ]
