"""Editors moderate in Django admin; the article's count follows every change exactly."""

from datetime import UTC, datetime, timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

import pytest
import time_machine

from articles.models import Article
from comments.models import Comment, ModerationWord
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def count_of(article) -> int:
    return Article.objects.get(pk=article.pk).comment_count


def run_action(client, action: str, comments) -> None:
    response = client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in comments]}
    )
    assert response.status_code == 302


@pytest.fixture
def moderator(client, editor):
    client.force_login(editor)
    return client


def test_comment_list_shows_what_editors_need(moderator, article):
    CommentFactory(article=article, name="سلمى", email="s@example.com", ip_address="203.0.113.9")
    html = moderator.get(CHANGELIST).text
    for text in ["سلمى", "s@example.com", "203.0.113.9", article.title, "منشور"]:
        assert text in html
    assert moderator.get(CHANGELIST, {"q": "سلمى", "status__exact": "approved"}).status_code == 200


def test_approving_publishes_and_counts(moderator, article):
    pending = [CommentFactory(article=article, status="pending") for _ in range(3)]
    run_action(moderator, "approve", pending)
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    assert count_of(article) == 3
    run_action(moderator, "approve", pending)  # approving twice counts once
    assert count_of(article) == 3


def test_unapproving_and_marking_spam_uncount(moderator, article):
    approved = [CommentFactory(article=article) for _ in range(3)]
    assert count_of(article) == 3
    run_action(moderator, "unapprove", approved[:1])
    run_action(moderator, "mark_spam", approved[1:])
    assert count_of(article) == 0
    assert sorted(Comment.objects.values_list("status", flat=True)) == [
        "pending",
        "spam",
        "spam",
    ]


def test_deleting_a_comment_takes_its_replies_and_keeps_the_count(moderator, article):
    top = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=top)
    CommentFactory(article=article, parent=reply)
    sibling = CommentFactory(article=article, parent=top)
    other = CommentFactory(article=article)
    assert count_of(article) == 5
    run_action(moderator, "delete_with_replies", [reply])
    assert set(Comment.objects.all()) == {top, sibling, other}
    assert count_of(article) == 3


def test_changing_status_on_the_change_page_keeps_the_count(moderator, article):
    comment = CommentFactory(article=article, status="pending", body="نص")
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    response = moderator.post(
        url,
        {
            "status": "approved",
            "name": comment.name,
            "email": comment.email,
            "url": "",
            "body": "نص",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get().status == "approved"
    assert count_of(article) == 1


def test_editors_see_how_many_comments_wait(moderator, article):
    CommentFactory.create_batch(3, article=article, status="pending")
    html = moderator.get(reverse("admin:index")).text
    assert "3 تعليقات بانتظار المراجعة" in html


def test_staff_without_moderation_rights_do_not_see_the_count(client, django_user_model, article):
    from django.contrib.auth.models import Permission

    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.user_permissions.set(Permission.objects.filter(codename="view_article"))
    CommentFactory(article=article, status="pending")
    client.force_login(writer)
    assert "بانتظار المراجعة" not in client.get(reverse("admin:index")).text


def test_moderation_words_are_stored_normalised(moderator):
    response = moderator.post(
        reverse("admin:comments_moderationword_add"), {"word": " القِمـار ", "action": "refuse"}
    )
    assert response.status_code == 302
    assert ModerationWord.objects.get().normalized == "القمار"


def test_prune_command_erases_old_ip_addresses(article):
    old = CommentFactory(article=article, ip_address="203.0.113.1", created_at="2020-01-01T00:00Z")
    recent = CommentFactory(article=article, ip_address="203.0.113.2")
    out = StringIO()
    call_command("prune_comment_ips", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None
    assert recent.ip_address == "203.0.113.2"
    assert "1" in out.getvalue()


NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "kept"),
    [
        (timedelta(days=29), True),
        (timedelta(days=30) - timedelta(minutes=1), True),
        (timedelta(days=30) + timedelta(minutes=1), False),
        (timedelta(days=31), False),
    ],
)
def test_ip_addresses_are_kept_thirty_days_and_not_a_minute_more(article, age, kept):
    with time_machine.travel(NOW - age, tick=False):
        comment = CommentFactory(article=article, ip_address="203.0.113.1")
    with time_machine.travel(NOW, tick=False):
        call_command("prune_comment_ips", stdout=StringIO())
    comment.refresh_from_db()
    assert (comment.ip_address == "203.0.113.1") is kept


def test_the_keyed_fingerprint_of_an_old_ip_address_is_erased_with_it(article):
    # Kept, anyone with SECRET_KEY could find the address again by hashing every IPv4 address.
    old = CommentFactory(
        article=article, ip_address="203.0.113.1", ip_hash="a" * 64, created_at="2020-01-01T00:00Z"
    )
    recent = CommentFactory(article=article, ip_address="203.0.113.2", ip_hash="b" * 64)
    call_command("prune_comment_ips", stdout=StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.ip_hash) == (None, "")
    assert (recent.ip_address, recent.ip_hash) == ("203.0.113.2", "b" * 64)
