"""The editors' queue of readers' stories, and the only way to their photos: a staff view."""

import re

from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import ngettext

import pytest

from submissions.models import Submission
from tests.submissions.conftest import CHANGELIST
from tests.submissions.factories import SubmissionFactory, photo_bytes

pytestmark = pytest.mark.django_db


def change_url(submission) -> str:
    return reverse("admin:submissions_submission_change", args=[submission.pk])


def photo_url(submission, photo) -> str:
    return reverse("admin:submissions_submission_photo", args=[submission.pk, photo.pk])


def test_queue_lists_stories_with_what_editors_need(desk):
    submission = SubmissionFactory(title="حفرة في شارع الزيتون", city="فاس", photos=2)
    html = desk.get(CHANGELIST).text
    for text in ["حفرة في شارع الزيتون", "فاس", str(Submission.State.RECEIVED.label)]:
        assert text in html
    for photo in submission.photos.all():
        assert photo_url(submission, photo) in html


def test_queue_filters_by_state_and_spam_and_searches(desk):
    received = SubmissionFactory(title="قصة جديدة")
    declined = SubmissionFactory(title="قصة مرفوضة", state=Submission.State.DECLINED)
    spam = SubmissionFactory(title="قصة مشبوهة", likely_spam=True)
    searched = SubmissionFactory(title="عادية", story="الحافلة رقم 12 لم تمر", email="x@y.ma")

    html = desk.get(CHANGELIST, {"state__exact": "declined"}).text
    assert declined.title in html and received.title not in html
    html = desk.get(CHANGELIST, {"likely_spam__exact": "1"}).text
    assert spam.title in html and received.title not in html
    for query in ["الحافلة", "x@y.ma", "عادية"]:
        html = desk.get(CHANGELIST, {"q": query}).text
        assert searched.title in html and received.title not in html


def test_editors_cannot_rewrite_what_the_reader_sent_but_write_a_note(desk):
    submission = SubmissionFactory(title="العنوان الأصلي", story="النص الأصلي", photos=1)
    page = desk.get(change_url(submission)).text
    assert 'name="title"' not in page and 'name="story"' not in page
    assert 'name="editor_note"' in page
    assert photo_url(submission, submission.photos.get()) in page

    response = desk.post(
        change_url(submission),
        {"title": "عنوان آخر", "story": "نص آخر", "editor_note": "شكرا لك"},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.title, submission.story) == ("العنوان الأصلي", "النص الأصلي")
    assert submission.editor_note == "شكرا لك"


def test_no_address_of_the_media_storage_reaches_a_photo(desk):
    submission = SubmissionFactory(photos=2)
    pages = desk.get(CHANGELIST).text + desk.get(change_url(submission)).text
    for photo in submission.photos.all():
        assert photo.image.name not in pages
    assert settings.MEDIA_URL + "submissions" not in pages
    sources = re.findall(r'<img[^>]+src="([^"]+)"', pages)
    photo_sources = [src for src in sources if "/photos/" in src]
    assert len(photo_sources) == 4  # two thumbnails, two previews
    assert all(src.startswith("/admin/submissions/submission/") for src in photo_sources)


def test_editor_sees_the_photo_through_the_private_view(desk):
    submission = SubmissionFactory(photos=1)
    photo = submission.photos.get()
    response = desk.get(photo_url(submission, photo))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == photo.image.open("rb").read()
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == "inline"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_png_is_served_as_a_png(desk):
    from django.core.files.base import ContentFile

    from submissions.models import SubmissionPhoto

    submission = SubmissionFactory()
    photo = SubmissionPhoto(submission=submission)
    photo.image.save("x.png", ContentFile(photo_bytes(image_format="PNG"), name="x.png"))
    assert desk.get(photo_url(submission, photo))["Content-Type"] == "image/png"


def test_the_photo_view_refuses_anyone_else(client, django_user_model):
    submission = SubmissionFactory(photos=1)
    url = photo_url(submission, submission.photos.get())

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))

    staff = django_user_model.objects.create_user("writer", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 403
    assert not hasattr(response, "streaming_content")


def test_the_photo_view_serves_a_photo_only_under_its_own_story(desk):
    submission = SubmissionFactory(photos=1)
    other = SubmissionFactory(photos=1)
    assert desk.get(photo_url(submission, other.photos.get())).status_code == 404
    assert desk.get(f"/admin/submissions/submission/abc/photos/{1}/").status_code == 404
    missing = submission.photos.get()
    missing.image.storage.delete(missing.image.name)
    assert desk.get(photo_url(submission, missing)).status_code == 404


def test_header_counts_new_stories_for_editors_only(client, desk, django_user_model):
    SubmissionFactory.create_batch(2)
    SubmissionFactory(state=Submission.State.DECLINED)
    html = desk.get(reverse("admin:index")).text
    link = re.search(r'<a class="new-submissions" href="([^"]+)">([^<]+)</a>', html)
    assert link is not None
    assert link[1] == CHANGELIST + "?state__exact=received"
    expected = ngettext("%(counter)s new reader's story", "%(counter)s new readers' stories", 2) % {
        "counter": 2
    }
    assert link[2] == expected

    staff = django_user_model.objects.create_user("writer", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    client.force_login(staff)
    assert "new-submissions" not in client.get(reverse("admin:index")).text


def test_queue_costs_the_same_whatever_the_stories_and_photos(desk, django_assert_max_num_queries):
    SubmissionFactory.create_batch(2, photos=1)
    with django_assert_max_num_queries(16) as few:
        assert desk.get(CHANGELIST).status_code == 200
    SubmissionFactory.create_batch(8, photos=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert desk.get(CHANGELIST).status_code == 200
