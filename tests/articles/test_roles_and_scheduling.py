"""Writers draft, editors publish and schedule; a scheduled article goes public on its own."""

from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from articles.models import Article
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory, DraftFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


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


def test_writer_can_write_a_draft_but_a_crafted_post_cannot_publish_it(client, writer, section):
    client.force_login(writer)
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(section, AuthorFactory(), status="published", published_at_0="2020-01-01"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert (article.created_by, article.last_edited_by) == (writer, writer)
    assert article not in Article.objects.published()


def test_writer_cannot_use_the_publish_action(client, writer, section):
    draft = DraftFactory(section=section, created_by=writer)
    client.force_login(writer)
    assert client.get(CHANGELIST).context["action_form"] is None  # no bulk action for writers
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_writer_edits_only_their_own_drafts(client, writer, section, django_user_model):
    own = DraftFactory(section=section, created_by=writer)
    someone_elses = DraftFactory(section=section)
    published = ArticleFactory(section=section, created_by=writer)
    client.force_login(writer)
    for article, editable in [(own, True), (someone_elses, False), (published, False)]:
        url = reverse("admin:articles_article_change", args=[article.pk])
        response = client.get(url)
        assert response.status_code == 200  # writers may read everything
        assert ('name="_save"' in response.text) is editable
        form = article_form(section, AuthorFactory(), title="عنوان معدل")
        client.post(url, form)
        article.refresh_from_db()
        assert (article.title == "عنوان معدل") is editable


def test_editor_publishes_and_schedules(client, desk_editor, section):
    client.force_login(desk_editor)
    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(section, AuthorFactory(), status="published"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED and article.is_scheduled
    list_html = client.get(CHANGELIST).text
    assert 'class="badge badge--scheduled"' in list_html


def test_scheduled_article_appears_by_itself_at_its_time(client, section):
    when = timezone.make_aware(datetime(2031, 3, 2, 9, 0))
    article = ArticleFactory(section=section, title="خبر الغد", published_at=when)
    with time_machine.travel(when - timedelta(minutes=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "خبر الغد" not in client.get("/").text
    with time_machine.travel(when + timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "خبر الغد" in client.get("/").text


def test_featured_image_needs_a_description(client, desk_editor, section):
    from tests.test_image_uploads import png_bytes, upload

    client.force_login(desk_editor)
    form = article_form(section, AuthorFactory(), image=upload("photo.png", png_bytes()))
    response = client.post(reverse("admin:articles_article_add"), form)
    assert response.status_code == 200
    assert "صف الصورة البارزة" in response.text
    assert not Article.objects.exists()


def test_draft_has_a_visible_preview_link(client, desk_editor, section):
    draft = DraftFactory(section=section)
    client.force_login(desk_editor)
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).text
    assert f'href="{draft.get_absolute_url()}"' in html
    assert "معاينة" in html
