from django.urls import reverse

import pytest

from tests.submissions.factories import newsroom_editor
from tests.submissions.photo_files import jpeg_bytes, png_bytes, upload

SUBMIT_URL = "/صوتكم/"
CHANGELIST = reverse("admin:submissions_submission_changelist")


@pytest.fixture
def desk_user(django_user_model):
    """A member of the newsroom's editors' group (محرر), with the rights its migration gives."""
    return newsroom_editor(django_user_model)


@pytest.fixture
def desk(client, desk_user):
    client.force_login(desk_user)
    return client


@pytest.fixture
def story_data(client):
    """The story form as a browser sends it, with the reader's own start time that
    consent.js asks /cookies/status/ for."""

    def data(**fields):
        started = client.get("/cookies/status/").json()["comment_form"]["started"]
        values = {
            "title": "انقطاع الماء في حي السلام منذ أسبوع",
            "story": (
                "منذ أسبوع لم يصل الماء إلى بيوت حي السلام.\n"
                "السكان يشترون الماء من الباعة المتجولين.\n\n"
                "راسلنا الجماعة مرتين ولم نتلق أي رد."
            ),
            "name": "مولاي احمد الجعفري",
            "email": "reader@example.com",
            "phone": "0612345678",
            "city": "سلا",
            "agree": "on",
            "started": started,
            "honeypot": "",
            **fields,
        }
        return {key: value for key, value in values.items() if value is not None}

    return data


@pytest.fixture
def post_story(client, story_data):
    """Post the story form with these fields changed (photos: a list of uploaded files)."""

    def post(*, photos=(), remote_addr="203.0.113.7", follow=False, **fields):
        data = story_data(**fields)
        if photos:
            data["photos"] = list(photos)
        return client.post(SUBMIT_URL, data, REMOTE_ADDR=remote_addr, follow=follow)

    return post


@pytest.fixture
def two_photos():
    return [
        upload("souk.jpg", jpeg_bytes(640, 480)),
        upload("street.png", png_bytes(320, 240), "image/png"),
    ]
