"""The contributor's private page: reached by its signed link alone, it says where the story is."""

import json

from django.core import signing

import pytest

from submissions.links import status_path, status_token
from submissions.models import Submission
from tests.factories import ArticleFactory
from tests.submissions.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def current_step(response) -> str:
    text = response.text
    start = text.index('aria-current="step">') + len('aria-current="step">')
    return text[start : text.index("<", start)]


def test_a_new_story_shows_received(client):
    response = client.get(status_path(SubmissionFactory(title="حفرة في الشارع")))
    assert response.status_code == 200
    assert "حفرة في الشارع" in response.text
    assert current_step(response) == "وصلت"
    assert 'name="robots" content="noindex, nofollow"' in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_story_under_review_says_so(client):
    submission = SubmissionFactory(state=Submission.State.REVIEW)
    assert current_step(client.get(status_path(submission))) == "قيد المراجعة"


def test_a_published_story_links_to_its_article(client, section):
    article = ArticleFactory(section=section, title="الماء يعود إلى الحي")
    submission = SubmissionFactory(state=Submission.State.PUBLISHED, article=article)
    response = client.get(status_path(submission))
    assert current_step(response) == "نُشرت"
    assert f'href="{article.get_absolute_url()}"' in response.text


def test_a_declined_story_shows_the_editors_note_escaped(client):
    submission = SubmissionFactory(
        state=Submission.State.DECLINED, editor_note="نحتاج صوراً أوضح.\n<b>شكراً</b>"
    )
    response = client.get(status_path(submission))
    assert current_step(response) == "لم تُقبل"
    assert "نحتاج صوراً أوضح.<br>&lt;b&gt;شكراً&lt;/b&gt;" in response.text
    assert "30 يوماً" in response.text


@pytest.mark.parametrize(
    "token", ["x", "eyJzIjoxLCJuIjoiYSJ9:forged-signature", "a" * 3000, "a:b:c"]
)
def test_a_forged_or_broken_link_finds_nothing(client, token):
    SubmissionFactory()
    response = client.get(f"/صوتكم/متابعة/{token}/")
    assert response.status_code == 404
    assert "هذا الرابط غير صالح" in response.text


def test_a_nul_in_the_link_is_refused_before_anything(client):
    assert client.get("/صوتكم/متابعة/%00/").status_code == 400


def test_another_storys_id_under_a_valid_signature_cannot_be_made(client):
    first, second = SubmissionFactory(), SubmissionFactory()
    payload, signature = status_token(first).rsplit(":", 1)
    data = json.loads(signing.b64_decode(payload.encode()))
    assert data["s"] == first.pk
    data["s"] = second.pk
    forged = signing.b64_encode(json.dumps(data, separators=(",", ":")).encode()).decode()
    assert client.get(f"/صوتكم/متابعة/{forged}:{signature}/").status_code == 404


def test_a_new_nonce_revokes_the_old_link(client):
    submission = SubmissionFactory()
    old = status_path(submission)
    submission.link_nonce = "revoked"
    submission.save()
    assert client.get(old).status_code == 404
    assert client.get(status_path(submission)).status_code == 200


def test_the_page_is_private_and_sends_no_referer(client):
    response = client.get(status_path(SubmissionFactory()))
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    submission = SubmissionFactory(photos=3)
    # Cold site-wide caches: the menu, the banner's texts and the cookie groups (2), the
    # breaking-news strip, then the story with its article.
    with django_assert_max_num_queries(6):
        client.get(status_path(submission))
