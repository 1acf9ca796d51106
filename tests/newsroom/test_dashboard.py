"""The admin's front page lists what needs doing, each item a link, in a bounded number of
queries whatever the size of the newsroom."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest

from articles.models import Article
from tests import budgets
from tests.factories import ArticleFactory, CommentFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
# The dashboard's parts (two for comments, two for review, three lists), the header's three
# counts (pending comments, articles in review, new readers' stories), and what the admin
# index runs anyway: its recent actions and the cookie groups.
DASHBOARD = budgets.EDITOR_SESSION + 7 + 3 + 3


@pytest.fixture
def desk_editor(django_user_model):
    user = django_user_model.objects.create_user("desk", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="محرر"))
    return user


def newsroom(section, user, n: int) -> dict[str, list]:
    soon = timezone.now() + timedelta(hours=3)
    return {
        "comments": CommentFactory.create_batch(n, article__section=section, status="pending"),
        "submitted": DraftFactory.create_batch(
            n, section=section, status=Article.Status.SUBMITTED, last_edited_by=user
        ),
        "scheduled": ScheduledFactory.create_batch(n, section=section, published_at=soon),
        "later": ScheduledFactory.create_batch(  # in two days: not listed
            1, section=section, published_at=soon + timedelta(days=2)
        ),
        "published": ArticleFactory.create_batch(n, section=section),
        "drafts": DraftFactory.create_batch(n, section=section, created_by=user),
        "others_drafts": DraftFactory.create_batch(1, section=section),
    }


def test_the_dashboard_lists_what_needs_doing_with_links(client, desk_editor, section):
    things = newsroom(section, desk_editor, 3)
    client.force_login(desk_editor)
    html = client.get(INDEX).text
    for kind in ("submitted", "scheduled", "drafts"):
        for article in things[kind]:
            assert reverse("admin:articles_article_change", args=[article.pk]) in html, kind
    for comment in things["comments"]:
        assert reverse("admin:comments_comment_change", args=[comment.pk]) in html
    newest = max(things["published"], key=lambda a: (a.published_at, a.pk))
    assert reverse("admin:articles_article_change", args=[newest.pk]) in html
    for article in things["later"] + things["others_drafts"]:
        assert reverse("admin:articles_article_change", args=[article.pk]) not in html
    assert f"{reverse('admin:comments_comment_changelist')}?status__exact=pending" in html
    assert 'id="dashboard-submitted"' in html
    assert 'class="app-articles' in html  # the app list stays below


def test_a_writer_sees_their_drafts_but_neither_moderation_nor_review(
    client, django_user_model, section
):
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.groups.add(Group.objects.get(name="كاتب"))
    returned = DraftFactory(section=section, created_by=writer, status=Article.Status.RETURNED)
    CommentFactory(article__section=section, status="pending")
    DraftFactory(section=section, status=Article.Status.SUBMITTED)
    client.force_login(writer)
    html = client.get(INDEX).text
    assert reverse("admin:articles_article_change", args=[returned.pk]) in html
    assert 'id="dashboard-drafts"' in html
    assert 'id="dashboard-comments"' not in html
    assert 'id="dashboard-submitted"' not in html


@pytest.mark.parametrize("n", [3, 30])
def test_the_dashboard_runs_a_bounded_number_of_queries(
    client, desk_editor, section, n, django_assert_max_num_queries
):
    newsroom(section, desk_editor, n)
    client.force_login(desk_editor)
    with django_assert_max_num_queries(DASHBOARD):
        response = client.get(INDEX)
    assert response.status_code == 200
    assert response.text.count('class="module dashboard-part"') == 5
