"""Only a public article is marked, until a time in the coming BREAKING_MAX_HOURS, under a
headline that shows what it says; the admin says why it refuses, never with a 500."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from breaking.models import Breaking
from breaking.services import breaking_mark, breaking_mark_for
from tests.breaking.conftest import strip_of
from tests.factories import DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:breaking_breaking_add")
CHANGELIST = reverse("admin:breaking_breaking_changelist")


def errors_of(**fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        breaking_mark(**fields)
    return refused.value.message_dict


def in_an_hour():
    return timezone.now() + timedelta(hours=1)


def test_a_published_article_is_marked_for_an_hour(story, admin_user):
    item = breaking_mark_for(article=story, created_by=admin_user)
    assert item.created_by == admin_user
    assert timedelta(minutes=59) < item.ends_at - item.starts_at <= timedelta(hours=1)
    assert str(item) == story.title


@pytest.mark.parametrize("factory", [DraftFactory, ScheduledFactory])
def test_an_article_readers_cannot_see_is_refused(section, factory):
    hidden = factory(section=section)
    errors = errors_of(article=hidden, ends_at=in_an_hour())
    assert errors["article"] == [_("Only a published article can be marked as breaking news.")]
    assert not Breaking.objects.exists()


def test_an_end_in_the_past_is_refused(story):
    errors = errors_of(article=story, ends_at=timezone.now() - timedelta(minutes=1))
    assert errors["ends_at"] == [_("The end time must be in the future.")]


def test_an_end_beyond_the_longest_run_is_refused(story, settings):
    settings.BREAKING_MAX_HOURS = 48
    errors = errors_of(article=story, ends_at=timezone.now() + timedelta(hours=48, minutes=1))
    expected = ngettext(
        "Breaking news is shown at most %(hours)d hour from now.",
        "Breaking news is shown at most %(hours)d hours from now.",
        48,
    ) % {"hours": 48}
    assert errors["ends_at"] == [expected]
    assert breaking_mark(article=story, ends_at=timezone.now() + timedelta(hours=47))


def test_an_end_before_the_start_is_refused(story):
    errors = errors_of(
        article=story, starts_at=timezone.now() + timedelta(hours=2), ends_at=in_an_hour()
    )
    assert errors["ends_at"] == [_("The end time must come after the start time.")]


@pytest.mark.parametrize(
    "headline",
    [
        "عاجل\x00 زلزال",  # NUL
        "\u202eلازلز",  # right-to-left override: shows the text backwards
        "زلزال\u2066 الحسيمة\u2069",  # isolates
        "زل\u200bزال",  # zero-width space splitting a word
        "زلزال\nالحسيمة",  # a line break in a one-line strip
    ],
)
def test_a_headline_hiding_characters_is_refused_with_a_message(story, headline):
    errors = errors_of(article=story, ends_at=in_an_hour(), headline=headline)
    assert errors["headline"] == [
        _("The headline contains invisible control characters; please type it again.")
    ]


def test_a_headline_showing_nothing_is_refused(story):
    errors = errors_of(article=story, ends_at=in_an_hour(), headline="\u200f \u200f")
    assert errors["headline"] == [_("This headline shows nothing: please write it with letters.")]


def test_a_script_in_the_headline_is_kept_as_text_and_escaped(client, story):
    breaking_mark(article=story, ends_at=in_an_hour(), headline="<script>alert(1)</script>")
    strip = strip_of(client.get("/").text)
    assert "<script>alert(1)</script>" not in strip
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in strip


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headline=st.text(max_size=130))
def test_any_headline_is_either_refused_or_shown_escaped(client, story, headline):
    Breaking.objects.all().delete()
    try:
        breaking_mark(article=story, ends_at=in_an_hour(), headline=headline)
    except ValidationError as refused:
        assert set(refused.message_dict) == {"headline"}
        return
    strip = strip_of(client.get("/").text)
    assert strip is not None
    assert "<script" not in strip.lower()


# -- through the admin ------------------------------------------------------------------------


def form(article, **fields) -> dict:
    now = timezone.localtime()
    end = now + timedelta(hours=1)
    return {
        "article": article.pk,
        "headline": "",
        "starts_at_0": now.strftime("%Y-%m-%d"),
        "starts_at_1": now.strftime("%H:%M:%S"),
        "ends_at_0": end.strftime("%Y-%m-%d"),
        "ends_at_1": end.strftime("%H:%M:%S"),
        **fields,
    }


@pytest.fixture
def newsroom_editor(db, django_user_model, client):
    """A member of the محرر group and nothing else: what the group may do, they may do."""
    user = django_user_model.objects.create_user("mohrir", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="محرر"))
    client.force_login(user)
    return user


def test_editors_may_list_add_change_and_delete_breaking_news(newsroom_editor):
    for action in ("view", "add", "change", "delete"):
        assert newsroom_editor.has_perm(f"breaking.{action}_breaking"), action


def test_an_editor_marks_an_article_through_the_admin(client, newsroom_editor, story):
    add_form = client.get(ADD, {"article": story.pk})
    assert add_form.status_code == 200
    assert add_form.context["adminform"].form.initial["ends_at"] > timezone.now()
    response = client.post(ADD, form(story, headline="هزة في الحسيمة"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = Breaking.objects.get()
    assert item.created_by == newsroom_editor and item.headline == "هزة في الحسيمة"
    listed = client.get(CHANGELIST, {"state": "running"})
    assert list(listed.context["cl"].result_list) == [item]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"headline": "\u202eعاجل"},
            "headline",
            "The headline contains invisible control characters; please type it again.",
        ),
        ({"headline": "عاجل\x00"}, "headline", "Null characters are not allowed."),
        ({"headline": "ع" * 500}, "headline", None),  # Django's "at most 120 characters"
        ({"ends_at_0": "2001-01-01"}, "ends_at", "The end time must be in the future."),
        ({"ends_at_0": "not a date"}, "ends_at", "Enter a valid date."),
    ],
)
def test_the_admin_form_says_why_it_refuses(client, newsroom_editor, story, fields, field, message):
    response = client.post(ADD, form(story, **fields))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors[field], errors
    if message is not None:
        assert _(message) in errors[field], errors
    assert not Breaking.objects.exists()


def test_the_admin_refuses_a_draft_with_a_message(client, newsroom_editor, section):
    draft = DraftFactory(section=section)
    response = client.post(ADD, form(draft))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["article"] == [
        _("Only a published article can be marked as breaking news.")
    ]


def test_an_editor_ends_an_item_now_from_the_list(client, newsroom_editor, story, mark):
    item = mark(story)
    response = client.post(
        CHANGELIST, {"action": "end_now", "_selected_action": [item.pk]}, follow=True
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.ends_at <= timezone.now()
    assert strip_of(client.get("/").text) is None
