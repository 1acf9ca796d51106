"""Whose name a comment carries: known names are trusted, hidden or newsroom names are not."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from comments import moderation, services
from comments.models import Comment
from tests.factories import AuthorFactory, CommentFactory, DraftFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def approved_earlier(article, name: str, email: str = "salma@example.com") -> None:
    CommentFactory(article=article, name=name, email=email, created_at=LONG_AGO)


# 1. A known email is trusted only with its name.


def test_known_email_with_another_name_waits_for_moderation(article, post_comment):
    approved_earlier(article, "سلمى الإدريسي")
    post_comment(article, body="أنا أيضاً سلمى", name="منتحل", email="salma@example.com")
    assert Comment.objects.get(body="أنا أيضاً سلمى").status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "earlier, typed",
    [
        ("سلمى الإدريسي", "سلمى الادريسي"),  # hamza written or not
        ("سلمى الإدريسي", "  سلمى   الإدريسي "),  # spaces
        ("سلمى الإدريسي", "سلمي الإدريسيـ"),  # alif maqsura, tatweel
        ("Salma Idrissi", "SALMA idrissi"),  # case
        ("Salma Idrissi", "Ｓａｌｍａ Idrissi"),  # full-width letters (NFKC)
    ],
)
def test_known_email_with_a_trivial_variant_of_its_name_is_published(
    article, post_comment, earlier, typed
):
    approved_earlier(article, earlier)
    post_comment(article, body="رأي ثانٍ", name=typed, email="Salma@Example.COM")
    assert Comment.objects.get(body="رأي ثانٍ").status == Comment.Status.APPROVED


def test_known_name_under_a_new_email_waits_for_moderation(article, post_comment):
    approved_earlier(article, "سلمى")
    post_comment(article, body="رأي ثانٍ", name="سلمى", email="someone@example.com")
    assert Comment.objects.get(body="رأي ثانٍ").status == Comment.Status.PENDING


def test_only_an_approved_comment_makes_a_name_known(article):
    CommentFactory(article=article, name="سلمى", email="salma@example.com", status="pending")
    CommentFactory(article=article, name="سلمى", email="salma@example.com", status="spam")
    assert not services.commenter_is_known(email="salma@example.com", name="سلمى")


def test_knowing_a_commenter_takes_one_query(article, django_assert_num_queries):
    for name in ["سلمى", "Salma", "س. الإدريسي"]:
        approved_earlier(article, name)
    with django_assert_num_queries(1):
        assert services.commenter_is_known(email="SALMA@example.com", name="س.  الادريسي")


def test_keys_fold_case_width_and_arabic_spelling():
    assert moderation.email_key(" Ｓalma@Example.COM ") == "salma@example.com"
    assert moderation.name_key("  أحمد\u00a0\tالمنصوري ") == moderation.name_key("احمد المنصوري")
    assert moderation.name_key("أحمد") != moderation.name_key("محمد")


# 6. Names that hide or impersonate.


@pytest.mark.parametrize(
    "hidden",
    [
        "\u3164",
        "\u3164\u3164\u3164",
        "\u115f\u1160",
        "\uffa0",
        "\u2800",
        "\u200b\u200b",
        "\u202e\u2066",
        "\u061c",
        "\u00ad",
        "\u3164 \u2800",
    ],
)
def test_name_of_invisible_characters_only_is_refused_and_the_text_kept(
    article, post_comment, hidden
):
    response = post_comment(article, name=hidden, body="نص القارئ يبقى هنا")
    assert response.status_code == 400
    assert "لا يظهر الاسم" in response.text
    assert "نص القارئ يبقى هنا" in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("mark", ["\u061c", "\u00ad", "\u3164"])
def test_name_with_a_hidden_mark_among_letters_is_refused(article, post_comment, mark):
    response = post_comment(article, name=f"سل{mark}مى")
    assert response.status_code == 400
    assert "يحتوي الاسم على رموز تحكم غير مرئية" in response.text


@pytest.mark.parametrize("name", ["المحرر", "هيئة  التحرير", "ديما مسموع", "هيئة التحرير - ديما"])
def test_newsroom_name_from_a_trusted_commenter_is_held_and_marked(article, post_comment, name):
    approved_earlier(article, name)
    post_comment(article, body="بيان", name=name)
    comment = Comment.objects.get(body="بيان")
    assert comment.status == Comment.Status.PENDING
    assert comment.name_resembles_newsroom


def test_name_of_an_author_with_a_published_byline_is_marked(article, post_comment):
    # The `article` fixture credits one author; a reader borrows that author's name.
    author = article.bylines.get().author
    author.name = "أمينة الإدريسي"
    author.save()
    post_comment(article, body="بيان", name="امينة الادريسي")
    comment = Comment.objects.get(body="بيان")
    assert comment.status == Comment.Status.PENDING
    assert comment.name_resembles_newsroom


def test_author_with_only_drafts_reserves_no_name(article, django_assert_num_queries):
    DraftFactory(bylines=[(AuthorFactory(name="كاتب المسودات"), "")])
    with django_assert_num_queries(1):
        assert not services.name_resembles_newsroom("كاتب المسودات")


def test_ordinary_name_is_not_marked(article, post_comment):
    approved_earlier(article, "سلمى")
    post_comment(article, body="رأي", name="سلمى")
    comment = Comment.objects.get(body="رأي")
    assert comment.status == Comment.Status.APPROVED
    assert not comment.name_resembles_newsroom


def test_moderation_list_shows_which_names_resemble_the_newsroom(admin_client, article):
    CommentFactory(article=article, name="المحرر", status="pending", name_resembles_newsroom=True)
    html = admin_client.get("/admin/comments/comment/").text
    assert "يشبه اسم هيئة التحرير" in html
    assert "?name_resembles_newsroom__exact=1" in html


# 7. Long names overflow.

READER_TEXT = [
    ("templates/comments/thread.html", "comment__author"),  # the name
    ("templates/comments/thread.html", "comment__text"),  # the comment
    ("templates/comments/form.html", "respond__title"),  # "Reply to <name>"
    ("templates/search/results.html", "empty"),  # "Nothing matches “<query>”"
]


@pytest.mark.parametrize("template, css_class", READER_TEXT)
def test_reader_written_text_wraps_anywhere(template, css_class):
    assert f'class="{css_class}"' in (ROOT / template).read_text()
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "static" / "css" / "dima.css").read_text(), flags=re.S)
    wrapping = [
        selectors
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
        if re.search(r"overflow-wrap:\s*anywhere", body)
    ]
    assert any(
        f".{css_class}" in [s.strip() for s in selectors.split(",")] for selectors in wrapping
    )
