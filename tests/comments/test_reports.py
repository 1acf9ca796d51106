"""Readers report comments: enough readers send one back to moderation, one reader counts once."""

import re
from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest
import time_machine

from articles.models import Article
from comments.models import Comment, CommentReport
from comments.services import comment_counts_recount, hash_ip
from tests.conftest import warm_site_wide_caches
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

THANKS = "Thank you, we have received your report."
TOO_MANY = "You have sent many reports in a short time. Please try again in an hour."
JSON = {"HTTP_ACCEPT": "application/json"}


def in_arabic(msgid: str) -> str:
    """The message as a reader of the Arabic site reads it (once the lead compiles it)."""
    with translation.override("ar"):
        return gettext(msgid)


def report(client, comment, ip: str, *, reason: str = "", json: bool = False, **extra):
    headers = JSON if json else {}
    return client.post(
        f"/comments/report/{getattr(comment, 'pk', comment)}/",
        {"reason": reason},
        REMOTE_ADDR=ip,
        **headers,
        **extra,
    )


@pytest.fixture
def comment(article):
    return CommentFactory(article=article, body="تعليق مسيء للقراء")


def reload(obj):
    obj.refresh_from_db()
    return obj


# Moderation by readers


def test_three_readers_send_a_comment_back_to_moderation(client, comment, settings):
    assert settings.COMMENTS_REPORTS_TO_MODERATION == 3
    for n, ip in enumerate(["203.0.113.1", "203.0.113.2"], start=1):
        assert report(client, comment, ip).status_code == 302
        assert (reload(comment).status, comment.report_count) == ("approved", n)
    assert report(client, comment, "203.0.113.3", reason="abuse").status_code == 302
    assert (reload(comment).status, comment.report_count) == ("pending", 3)
    assert CommentReport.objects.filter(comment=comment).count() == 3


def test_one_reader_reporting_again_and_again_counts_once(client, comment):
    for _ in range(5):
        response = report(client, comment, "203.0.113.1", json=True)
        assert response.status_code == 200
        assert response.json() == {"message": in_arabic(THANKS)}
    assert (reload(comment).status, comment.report_count) == ("approved", 1)
    assert CommentReport.objects.count() == 1


def test_the_number_of_readers_is_a_setting(client, comment, settings):
    settings.COMMENTS_REPORTS_TO_MODERATION = 1
    report(client, comment, "203.0.113.1")
    assert reload(comment).status == "pending"


def test_a_comment_sent_back_to_moderation_leaves_its_page_at_once(
    client, comment, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    other = ArticleFactory(section=comment.article.section)
    pages = [comment.article.get_absolute_url(), other.get_absolute_url()]
    for page in pages:
        client.get(page)
        assert client.get(page)["X-Page-Cache"] == "hit"
    readers = Client()  # the reporters: their notices must not touch the page cache's client
    with django_capture_on_commit_callbacks(execute=True):
        for ip in ["203.0.113.1", "203.0.113.2"]:
            report(readers, comment, ip, json=True)
    assert client.get(pages[0])["X-Page-Cache"] == "hit"  # a report alone changes no page
    with django_capture_on_commit_callbacks(execute=True):
        report(readers, comment, "203.0.113.3", json=True)
    fresh = client.get(pages[0])
    assert fresh["X-Page-Cache"] == "miss"
    assert "تعليق مسيء للقراء" not in fresh.text
    assert f"comment-{comment.pk}" not in fresh.text
    assert client.get(pages[1])["X-Page-Cache"] == "hit"


def test_the_counts_stay_exact_through_reports_dismissal_and_approval(client, editor, article):
    reported = CommentFactory(article=article)
    CommentFactory(article=article)
    CommentFactory(article=article, status="pending")
    assert reload(article).comment_count == 2
    for ip in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        report(client, reported, ip)
    assert reload(article).comment_count == 1
    page = client.get(article.get_absolute_url())
    assert page.context["article"].comment_count == 1
    assert page.text.count('class="comment"') == 1

    client.force_login(editor)
    changelist = "/admin/comments/comment/"
    for action in ["dismiss_reports", "approve"]:
        client.post(changelist, {"action": action, "_selected_action": [reported.pk]})
    assert (reload(reported).status, reported.report_count) == ("approved", 0)
    assert reload(article).comment_count == 2
    comment_counts_recount([article.pk])
    assert reload(article).comment_count == 2  # the same, counted afresh
    assert CommentReport.objects.filter(dismissed_at=None).count() == 0
    assert CommentReport.objects.count() == 3  # dismissed, not lost


def test_readers_whose_reports_were_dismissed_cannot_send_it_back_again(client, editor, comment):
    for ip in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        report(client, comment, ip)
    editor_client = Client()
    editor_client.force_login(editor)
    for action in ["dismiss_reports", "approve"]:
        editor_client.post(
            "/admin/comments/comment/", {"action": action, "_selected_action": [comment.pk]}
        )
    for ip in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        report(client, comment, ip)
    assert (reload(comment).status, comment.report_count) == ("approved", 0)
    report(client, comment, "203.0.113.4")
    assert reload(comment).report_count == 1


# Flood


def test_an_address_past_its_hourly_reports_gets_429_with_a_message(client, article, settings):
    settings.COMMENTS_REPORTS_PER_HOUR = 2
    comments = [CommentFactory(article=article) for _ in range(4)]
    assert report(client, comments[0], "203.0.113.9").status_code == 302
    assert report(client, comments[1], "203.0.113.9", json=True).status_code == 200
    assert report(client, comments[0], "203.0.113.9").status_code == 302  # a repeat: no cost

    refused = report(client, comments[2], "203.0.113.9", json=True)
    assert refused.status_code == 429
    assert refused.json() == {"message": in_arabic(TOO_MANY)}
    page = report(client, comments[2], "203.0.113.9", reason="spam")
    assert page.status_code == 429
    assert in_arabic(TOO_MANY) in page.text
    assert 'value="spam" selected' in page.text  # the reader's choice is kept
    assert reload(comments[2]).report_count == 0

    assert report(client, comments[2], "203.0.113.10").status_code == 302  # another reader
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert report(client, comments[3], "203.0.113.9").status_code == 302


# Privacy: no account, no cookie of the reader's, no address kept


def test_a_reader_with_no_cookie_reports_from_a_cached_page_with_javascript(comment, settings):
    settings.PAGE_CACHE = True
    reader = Client(enforce_csrf_checks=True)
    Client().get(comment.article.get_absolute_url())  # someone else's visit cached the page
    page = reader.get(comment.article.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert f'href="/comments/report/{comment.pk}/"' in page.text
    assert 'id="comment-report-form"' in page.text
    # What static/js/comments.js does: the reader's form token first, then the report.
    token = reader.get("/cookies/status/").json()["csrftoken"]
    response = reader.post(
        f"/comments/report/{comment.pk}/",
        {"csrfmiddlewaretoken": token, "reason": "spam"},
        REMOTE_ADDR="203.0.113.5",
        **JSON,
    )
    assert response.status_code == 200
    assert response.json()["message"] == in_arabic(THANKS)
    assert set(reader.cookies) == {"csrftoken"}  # no session, no account
    assert CommentReport.objects.get().reason == "spam"


def test_a_reader_without_javascript_reports_through_a_page_of_its_own(comment):
    reader = Client(enforce_csrf_checks=True)
    form = reader.get(f"/comments/report/{comment.pk}/")
    assert form.status_code == 200
    assert form["Cache-Control"] == "private, no-store"
    assert '<meta name="robots" content="noindex, nofollow">' in form.text
    assert "تعليق مسيء للقراء" in form.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    sent = reader.post(
        f"/comments/report/{comment.pk}/",
        {"csrfmiddlewaretoken": token, "reason": "abuse"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert sent.status_code == 302
    assert sent["Location"] == f"{comment.article.get_absolute_url()}#comments"
    article_page = reader.get(sent["Location"])
    assert in_arabic(THANKS) in article_page.text
    assert reload(comment).report_count == 1
    assert "sessionid" not in reader.cookies


def test_a_report_without_its_form_token_comes_back_to_be_sent_again(comment):
    reader = Client(enforce_csrf_checks=True)
    response = reader.post(
        f"/comments/report/{comment.pk}/", {"reason": "spam"}, REMOTE_ADDR="203.0.113.5"
    )
    assert response.status_code == 403
    assert response["Cache-Control"] == "private, no-store"
    assert 'value="spam" selected' in response.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)[1]
    assert reload(comment).report_count == 0
    again = reader.post(
        f"/comments/report/{comment.pk}/",
        {"csrfmiddlewaretoken": token, "reason": "spam"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert again.status_code == 302
    assert reload(comment).report_count == 1


def test_only_a_keyed_fingerprint_of_the_address_is_kept(client, comment):
    ip = "198.51.100.23"
    report(client, comment, ip)
    stored = CommentReport.objects.values().get()
    assert stored["reporter_hash"] == hash_ip(ip)
    assert not any(ip in str(value) for value in stored.values())
    assert ip not in str(Comment.objects.values().get(pk=comment.pk))


def test_report_fingerprints_are_erased_after_the_retention_period(client, comment, article):
    from comments.services import prune_ip_addresses

    recent = CommentFactory(article=article)
    report(client, comment, "203.0.113.1")
    report(client, recent, "203.0.113.1")
    CommentReport.objects.filter(comment=comment).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    prune_ip_addresses(older_than_days=30)
    old, new = CommentReport.objects.order_by("created_at")
    assert old.reporter_hash == f"erased:{old.pk}"
    assert new.reporter_hash == hash_ip("203.0.113.1")
    assert reload(comment).report_count == 1  # still counted


# What cannot be reported, and hostile input


@pytest.mark.parametrize("method", ["get", "post"])
def test_comments_readers_cannot_see_are_not_found(client, article, method):
    hidden = [
        CommentFactory(article=article, status="pending"),
        CommentFactory(article=article, status="spam"),
        CommentFactory(article=ArticleFactory(section=article.section, status="draft")),
        CommentFactory(
            article=ArticleFactory(
                section=article.section, published_at=timezone.now() + timedelta(days=1)
            )
        ),
    ]
    addresses = [f"/comments/report/{c.pk}/" for c in hidden] + [
        "/comments/report/0/",
        "/comments/report/99999999/",
        "/comments/report/99999999999999999999999999/",
        "/comments/report/-1/",
        "/comments/report/1e3/",
    ]
    for address in addresses:
        response = getattr(client, method)(address, REMOTE_ADDR="203.0.113.1")
        assert response.status_code == 404, address
    # A NUL byte in the address is refused before any view (edge's middleware).
    assert getattr(client, method)("/comments/report/%00/").status_code == 400
    assert CommentReport.objects.count() == 0


@pytest.mark.parametrize(
    "reason",
    ["\x00", "abuse\x00", "\u202eabuse", "<script>alert(1)</script>", "x" * 100_000, "ABUSE"],
)
def test_a_reason_not_on_the_list_is_refused_without_a_500(client, comment, reason):
    page = report(client, comment, "203.0.113.1", reason=reason)
    assert page.status_code == 400
    assert "<script>alert(1)</script>" not in page.text
    answer = report(client, comment, "203.0.113.1", reason=reason, json=True)
    assert answer.status_code == 400
    assert answer.json()["message"]
    assert reload(comment).report_count == 0


def test_a_huge_body_is_refused_without_a_500(client, comment):
    response = client.post(
        f"/comments/report/{comment.pk}/",
        "reason=" + "a" * (3 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
        REMOTE_ADDR="203.0.113.1",
    )
    assert response.status_code == 400
    assert reload(comment).report_count == 0


def test_a_request_without_an_address_is_refused_without_a_500(client, comment):
    response = report(client, comment, "", json=True)
    assert response.status_code == 429
    assert reload(comment).report_count == 0


def test_other_methods_are_not_allowed(client, comment):
    assert client.put(f"/comments/report/{comment.pk}/").status_code == 405


# Admin


@pytest.fixture
def moderator(client, editor):
    client.force_login(editor)
    return client


def test_editors_see_filter_and_sort_comments_by_their_reports(moderator, article):
    quiet = CommentFactory(article=article, body="تعليق هادئ")
    loud = CommentFactory(article=article, body="تعليق مُبلّغ عنه")
    readers = Client()
    for ip in ["203.0.113.1", "203.0.113.2"]:
        report(readers, loud, ip, reason="spam")
    page = moderator.get("/admin/comments/comment/")
    assert page.status_code == 200
    assert "column-report_count" in page.text
    rows = page.context["cl"].result_list
    assert {c.pk: c.report_count for c in rows} == {quiet.pk: 0, loud.pk: 2}

    reported = moderator.get("/admin/comments/comment/?reported=yes")
    assert [c.pk for c in reported.context["cl"].result_list] == [loud.pk]
    not_reported = moderator.get("/admin/comments/comment/?reported=no")
    assert [c.pk for c in not_reported.context["cl"].result_list] == [quiet.pk]

    column = page.context["cl"].list_display.index("report_count")
    by_reports = moderator.get(f"/admin/comments/comment/?o=-{column}")
    assert [c.pk for c in by_reports.context["cl"].result_list] == [loud.pk, quiet.pk]

    change = moderator.get(f"/admin/comments/comment/{loud.pk}/change/")
    assert change.status_code == 200
    assert "203.0.113" not in change.text


def test_dismissing_reports_keeps_the_comment_held_until_an_editor_approves_it(moderator, comment):
    readers = Client()
    for ip in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        report(readers, comment, ip)
    response = moderator.post(
        "/admin/comments/comment/",
        {"action": "dismiss_reports", "_selected_action": [comment.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert (reload(comment).status, comment.report_count) == ("pending", 0)
    assert CommentReport.objects.filter(dismissed_at__isnull=False).count() == 3
    moderator.post(
        "/admin/comments/comment/", {"action": "approve", "_selected_action": [comment.pk]}
    )
    assert reload(comment).status == "approved"
    assert reload(comment.article).comment_count == 1


def test_writers_without_the_right_to_moderate_cannot_dismiss_reports(client, comment, db):
    from django.contrib.auth.models import Permission, User

    writer = User.objects.create_user("writer", password="pw", is_staff=True)
    writer.user_permissions.set(Permission.objects.filter(codename="view_comment"))
    report(Client(), comment, "203.0.113.1")
    client.force_login(writer)
    client.post(
        "/admin/comments/comment/", {"action": "dismiss_reports", "_selected_action": [comment.pk]}
    )
    assert reload(comment).report_count == 1


# Query budgets


def test_a_report_costs_a_fixed_number_of_queries(client, article, django_assert_max_num_queries):
    comment = CommentFactory(article=article)
    for _ in range(5):
        CommentReport.objects.create(
            comment=CommentFactory(article=article), reporter_hash=hash_ip("203.0.113.1")
        )
    report(client, comment, "203.0.113.2")  # the site-wide caches, as a running site has them
    # The comment locked and read with its article's address; this reader's earlier reports
    # (this one, the last hour's) in one count; the report stored; the comment's count. In a
    # test the transaction is a savepoint and its release: two more.
    with django_assert_max_num_queries(4 + 2):
        assert report(client, comment, "203.0.113.1", json=True).status_code == 200
    # The one that sends it back to moderation adds comments_set_status (a savepoint of its
    # own and its release): the comment locked, moved, and the article's count.
    with django_assert_max_num_queries(4 + 2 + 5):
        assert report(client, comment, "203.0.113.3", json=True).status_code == 200
    assert reload(comment).status == "pending"


def test_the_report_page_costs_one_query(client, comment, django_assert_max_num_queries):
    warm_site_wide_caches(client)
    with django_assert_max_num_queries(1):
        assert client.get(f"/comments/report/{comment.pk}/").status_code == 200


def _article_queries(client, article) -> tuple[int, str]:
    cache.clear()
    warm_site_wide_caches(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(queries), response.text


def test_report_links_add_no_query_however_many_comments(client, section):
    quiet, busy = ArticleFactory(section=section), ArticleFactory(section=section)
    CommentFactory(article=quiet)
    for _ in range(30):
        parent = CommentFactory(article=busy)
        CommentFactory(article=busy, parent=parent)
    quiet_queries, quiet_page = _article_queries(client, quiet)
    busy_queries, busy_page = _article_queries(client, busy)
    assert quiet_queries == busy_queries
    assert quiet_page.count('class="comment__report"') == 1
    assert busy_page.count('class="comment__report"') == 2 * 20  # a page of threads, replies
    assert busy_page.count('id="comment-report-form"') == 1


def test_comments_closed_can_still_be_reported(client, section):
    article = ArticleFactory(section=section, comments_open=False)
    comment = CommentFactory(article=article)
    page = client.get(article.get_absolute_url())
    assert f'href="/comments/report/{comment.pk}/"' in page.text
    assert "js/comments.js" in page.text
    assert report(client, comment, "203.0.113.1").status_code == 302
    assert Article.objects.get(pk=article.pk).comment_count == 1


def test_a_comment_approved_after_reports_held_it_takes_new_readers_to_hold_it_again(
    moderator, comment
):
    readers = Client()
    for ip in ["203.0.113.1", "203.0.113.2", "203.0.113.3"]:
        report(readers, comment, ip)
    assert reload(comment).status == "pending"
    moderator.post(
        "/admin/comments/comment/", {"action": "approve", "_selected_action": [comment.pk]}
    )
    assert (reload(comment).status, comment.report_count) == ("approved", 0)
    report(readers, comment, "203.0.113.4")
    assert reload(comment).status == "approved"
    for ip in ["203.0.113.5", "203.0.113.6"]:
        report(readers, comment, ip)
    assert reload(comment).status == "pending"
