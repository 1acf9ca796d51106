"""Review before publishing: writers submit, editors publish or return with a note, and the
notes between them never reach a reader."""

import json
import re

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils.translation import ngettext

import pytest

from articles.models import Article, EditorialNote
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, AuthorFactory, DraftFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
NOTE = "الفقرة الثانية تحتاج إلى مصدر موثوق"


def member_of(django_user_model, group: str, username: str):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@dima.example", password="pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(django_user_model):
    return member_of(django_user_model, "كاتب", "writer")


@pytest.fixture
def desk_editor(django_user_model):
    return member_of(django_user_model, "محرر", "desk")


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def with_note(form: dict, text: str) -> dict:
    return {
        **form,
        "editorial_notes-TOTAL_FORMS": "1",
        "editorial_notes-0-text": text,
    }


def test_writer_submits_a_draft_and_the_editors_are_emailed(
    client, writer, desk_editor, section, django_capture_on_commit_callbacks
):
    draft = DraftFactory(section=section, created_by=writer, title="مسودة الكاتب")
    client.force_login(writer)
    assert 'name="_submit_for_review"' in client.get(change_url(draft)).text
    form = article_form(section, AuthorFactory(), title="مسودة الكاتب", _submit_for_review="1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(draft), form)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.SUBMITTED
    assert draft not in Article.objects.published()
    [email] = mail.outbox
    assert email.to == [desk_editor.email]  # the writer, who cannot publish, is not told
    assert "مسودة الكاتب" in email.subject
    assert change_url(draft) in email.body


def test_a_new_article_can_be_submitted_at_once(client, writer, section):
    client.force_login(writer)
    form = article_form(section, AuthorFactory(), _submit_for_review="1")
    assert client.post(reverse("admin:articles_article_add"), form).status_code == 302
    assert Article.objects.get().status == Article.Status.SUBMITTED


def test_saving_without_the_button_keeps_the_draft_and_tells_nobody(
    client, writer, desk_editor, section, django_capture_on_commit_callbacks
):
    draft = DraftFactory(section=section, created_by=writer)
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(draft), article_form(section, AuthorFactory()))
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert mail.outbox == []


@pytest.mark.parametrize("status", ["published", "submitted", "draft"])
def test_a_crafted_post_cannot_make_a_writer_publish(client, writer, section, status):
    for start in (Article.Status.DRAFT, Article.Status.SUBMITTED, Article.Status.RETURNED):
        article = DraftFactory(section=section, created_by=writer, status=start)
        client.force_login(writer)
        form = article_form(
            section, AuthorFactory(), status="published", published_at_0="2020-01-01"
        )
        if status == "submitted":
            form["_submit_for_review"] = "1"
        client.post(change_url(article), form)
        article.refresh_from_db()
        assert article.status != Article.Status.PUBLISHED
        assert article not in Article.objects.published()


def test_a_writer_has_no_bulk_action_to_publish_with(client, writer, section):
    submitted = DraftFactory(section=section, created_by=writer, status=Article.Status.SUBMITTED)
    client.force_login(writer)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [submitted.pk]})
    submitted.refresh_from_db()
    assert submitted.status == Article.Status.SUBMITTED


def test_editor_publishes_a_submitted_article_with_the_bulk_action(client, desk_editor, section):
    submitted = DraftFactory(section=section, status=Article.Status.SUBMITTED)
    client.force_login(desk_editor)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [submitted.pk]})
    submitted.refresh_from_db()
    assert submitted.status == Article.Status.PUBLISHED


def test_editor_returns_an_article_with_a_note(client, writer, desk_editor, section):
    submitted = DraftFactory(section=section, created_by=writer, status=Article.Status.SUBMITTED)
    client.force_login(desk_editor)
    form = with_note(article_form(section, AuthorFactory(), status="returned"), NOTE)
    assert client.post(change_url(submitted), form).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Article.Status.RETURNED
    note = EditorialNote.objects.get(article=submitted)
    assert (note.text, note.author) == (NOTE, desk_editor)
    # The writer sees the note, may revise the article and submit it again.
    client.force_login(writer)
    page = client.get(change_url(submitted)).text
    assert NOTE in page and 'name="_submit_for_review"' in page
    client.post(
        change_url(submitted), article_form(section, AuthorFactory(), _submit_for_review="1")
    )
    submitted.refresh_from_db()
    assert submitted.status == Article.Status.SUBMITTED


def test_returning_without_a_note_is_refused(client, desk_editor, section):
    submitted = DraftFactory(section=section, status=Article.Status.SUBMITTED)
    client.force_login(desk_editor)
    response = client.post(
        change_url(submitted), article_form(section, AuthorFactory(), status="returned")
    )
    assert response.status_code == 200
    [notes] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is EditorialNote
    ]
    assert notes.non_form_errors()
    submitted.refresh_from_db()
    assert submitted.status == Article.Status.SUBMITTED


def test_a_note_once_written_cannot_be_changed_or_deleted(client, desk_editor, section):
    article = DraftFactory(section=section)
    note = EditorialNote.objects.create(article=article, author=desk_editor, text=NOTE)
    client.force_login(desk_editor)
    form = article_form(section, AuthorFactory())
    form.update(
        {
            "editorial_notes-TOTAL_FORMS": "1",
            "editorial_notes-INITIAL_FORMS": "1",
            "editorial_notes-0-id": note.pk,
            "editorial_notes-0-article": article.pk,
            "editorial_notes-0-text": "نص آخر",
            "editorial_notes-0-DELETE": "on",
        }
    )
    client.post(change_url(article), form)
    note.refresh_from_db()
    assert note.text == NOTE


def test_notes_never_reach_readers_the_feeds_or_the_json_ld(client, section):
    article = ArticleFactory(section=section)
    EditorialNote.objects.create(article=article, text=NOTE)
    page = client.get(article.get_absolute_url()).text
    assert article.title in page and NOTE not in page
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert NOTE not in json.dumps(json.loads(ld), ensure_ascii=False)
    for feed in (
        reverse("articles:feed"),
        reverse("articles:feed-atom"),
        reverse("articles:section-feed", args=[section.slug]),
    ):
        body = client.get(feed).content.decode()
        assert article.title in body and NOTE not in body


@pytest.mark.parametrize("status", [Article.Status.SUBMITTED, Article.Status.RETURNED])
def test_articles_in_review_are_not_public(client, section, status):
    article = ArticleFactory(section=section, status=status)
    assert article not in Article.objects.published()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get(reverse("articles:feed")).content.decode()


def test_editors_see_how_many_articles_await_review_in_the_header(
    client, desk_editor, writer, section
):
    DraftFactory.create_batch(2, section=section, status=Article.Status.SUBMITTED)
    client.force_login(desk_editor)
    html = client.get(reverse("admin:index")).text
    assert f"{CHANGELIST}?status__exact=submitted" in html
    # In the reader's language and its plural form: Arabic's dual says "two" without a digit.
    two = ngettext(
        "%(counter)s article awaiting review", "%(counter)s articles awaiting review", 2
    ) % {"counter": 2}
    assert re.search(rf'class="submitted-articles"[^>]*>\s*{re.escape(two)}\s*<', html)
    client.force_login(writer)  # writers cannot publish: no count for them
    assert 'class="submitted-articles"' not in client.get(reverse("admin:index")).text


def test_the_list_marks_submitted_and_returned_articles(client, desk_editor, section):
    DraftFactory(section=section, status=Article.Status.SUBMITTED)
    DraftFactory(section=section, status=Article.Status.RETURNED)
    client.force_login(desk_editor)
    html = client.get(CHANGELIST).text
    assert 'class="badge badge--submitted"' in html
    assert 'class="badge badge--returned"' in html
