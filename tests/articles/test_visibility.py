from datetime import timedelta

from django.utils import timezone

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_states(section):
    return {
        "published": ArticleFactory(title="خبر منشور", section=section),
        "draft": DraftFactory(title="خبر في المسودة", section=section),
        "scheduled": ScheduledFactory(title="خبر مجدول", section=section),
    }


def test_published_queryset_holds_only_public_articles(three_states):
    assert list(Article.objects.published()) == [three_states["published"]]


def test_scheduled_article_becomes_public_once_its_time_has_come(three_states):
    scheduled = three_states["scheduled"]
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    assert scheduled in Article.objects.published()


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_reader_gets_404_for_unpublished_article(client, three_states, state):
    response = client.get(three_states[state].get_absolute_url())
    assert response.status_code == 404


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_logged_in_non_staff_reader_gets_404_for_unpublished_article(
    client, django_user_model, three_states, state
):
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get(three_states[state].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_editor_previews_unpublished_article_marked_noindex(client, editor, three_states, state):
    client.force_login(editor)
    response = client.get(three_states[state].get_absolute_url())
    assert response.status_code == 200
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert "معاينة" in response.text


def test_published_article_is_indexable(client, three_states):
    response = client.get(three_states["published"].get_absolute_url())
    assert response.status_code == 200
    assert "X-Robots-Tag" not in response.headers
    assert "معاينة" not in response.text


@pytest.mark.parametrize("page", ["home", "section", "tag", "author"])
def test_lists_show_only_published_articles(client, three_states, page):
    from tests.factories import AuthorFactory, TagFactory

    author, tag = AuthorFactory(), TagFactory()
    for article in three_states.values():
        article.tags.add(tag)
        article.bylines.create(author=author, position=1)
    url = {
        "home": "/",
        "section": three_states["published"].section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert "خبر منشور" in response.text
    assert "خبر في المسودة" not in response.text
    assert "خبر مجدول" not in response.text


def test_related_articles_leave_out_drafts(client, section):
    article = ArticleFactory(section=section)
    DraftFactory(title="مسودة قريبة", section=section)
    visible = ArticleFactory(title="خبر قريب منشور", section=section)
    response = client.get(article.get_absolute_url())
    assert list(response.context["related"]) == [visible]
    assert "مسودة قريبة" not in response.text
