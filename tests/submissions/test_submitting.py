"""A reader sends a story: stored whole once, a receipt page, an email with the private link."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from comments.models import ModerationWord
from submissions.models import Submission
from tests.submissions.conftest import SUBMIT_URL
from tests.submissions.photo_files import jpeg_bytes, upload
from tests.workers import DATABASE_QUEUE

pytestmark = pytest.mark.django_db

TYPED = {"title": "انقطاع الماء في حي السلام منذ أسبوع", "city": "سلا"}


def assert_kept(response, **typed) -> None:
    """The form came back with everything the reader typed still in it."""
    assert response.status_code in (400, 403)
    for value in {**TYPED, **typed}.values():
        assert value in response.text
    assert "منذ أسبوع لم يصل الماء إلى بيوت حي السلام." in response.text


def test_the_page_explains_what_is_published_and_has_the_form(client):
    response = client.get(SUBMIT_URL)
    assert response.status_code == 200
    assert "ما ننشره" in response.text
    assert 'enctype="multipart/form-data"' in response.text
    assert "09-08" in response.text


def test_the_page_has_french_and_english_forms(client):
    assert client.get(f"/fr{SUBMIT_URL}").status_code == 200
    response = client.get(f"/en{SUBMIT_URL}")
    assert response.status_code == 200
    assert 'lang="en"' in response.text


def test_every_page_links_to_it_from_the_footer(client, seed_like_article):
    link = f'href="{reverse("submissions:submit")}"'
    assert link in client.get(seed_like_article.get_absolute_url()).text


def test_a_story_with_two_photos_is_stored_and_the_reader_lands_on_its_private_page(
    client, post_story, two_photos
):
    response = post_story(photos=two_photos)
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/%D8%B5%D9%88%D8%AA%D9%83%D9%85/")
    assert submission.photos.count() == 2
    assert submission.state == Submission.State.RECEIVED
    assert submission.name == "مولاي احمد الجعفري"
    assert submission.story.count("\n\n") == 1  # the paragraphs kept
    page = client.get(response["Location"])
    assert "وصلتنا قصتك" in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "no-referrer"


def test_the_reader_gets_an_email_with_the_private_link_and_the_editors_are_told(
    client, post_story, editor, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission

    editor.email = "desk@dima.example"
    editor.save()
    editor.user_permissions.add(Permission.objects.get(codename="change_submission"))
    with django_capture_on_commit_callbacks(execute=True):
        post_story()
    receipt = next(m for m in mail.outbox if m.to == ["reader@example.com"])
    link = re.search(r"http://testserver(/\S+)", receipt.body)[1]
    assert client.get(link).context["submission"] == Submission.objects.get()
    # Editors hear of it, without the reader's private link.
    editors = [m for m in mail.outbox if m.to == ["desk@dima.example"]]
    assert len(editors) == 1 and link not in editors[0].body


def test_the_private_link_is_not_in_the_task_table(
    post_story, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_QUEUE
    with django_capture_on_commit_callbacks(execute=True):
        post_story()
    assert DBTaskResult.objects.count() == 2  # the receipt and the editors' note, queued
    assert not DBTaskResult.objects.filter(args_kwargs__icontains="reader@example.com").exists()


def test_a_photo_keeps_no_place_or_camera_data(post_story):
    from tests.submissions.photo_files import jpeg_with_gps_and_orientation

    post_story(photos=[upload("gps.jpg", jpeg_with_gps_and_orientation())])
    photo = Submission.objects.get().photos.get()
    from PIL import Image

    with photo.image.open() as file, Image.open(file) as image:
        assert not image.getexif()


def test_photos_are_stored_outside_the_public_media(post_story, settings, two_photos):
    post_story(photos=two_photos)
    for photo in Submission.objects.get().photos.all():
        path = photo.image.path
        assert not path.startswith(str(settings.MEDIA_ROOT))
        assert re.fullmatch(r"submissions/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png)", photo.image.name)


def test_anonymous_stories_need_no_name(post_story):
    post_story(name="", anonymous="on")
    submission = Submission.objects.get()
    assert submission.anonymous and submission.name == ""


def test_a_name_is_asked_for_unless_the_reader_chooses_to_be_a_reader_from_their_city(
    post_story,
):
    response = post_story(name="")
    assert_kept(response)
    assert "اكتب اسمك" in response.text
    assert not Submission.objects.exists()


def test_a_double_submit_stores_one_story(client, post_story):
    first = post_story()
    second = post_story()
    assert Submission.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_the_same_story_sent_again_later_is_refused_with_a_message(post_story, time_machine):
    post_story()
    time_machine.move_to(timezone.now() + timedelta(hours=1), tick=False)
    response = post_story()
    assert_kept(response)
    assert "تلقينا هذه القصة من قبل" in response.text
    assert Submission.objects.count() == 1


def test_a_second_story_from_the_same_email_at_once_is_refused(post_story):
    post_story()
    response = post_story(title="قصة أخرى عن الحي نفسه", remote_addr="198.51.100.9")
    assert_kept(response, title="قصة أخرى عن الحي نفسه")
    assert "انتظر" in response.text
    assert Submission.objects.count() == 1


def test_a_second_story_from_the_same_address_at_once_is_refused(post_story):
    post_story()
    response = post_story(title="قصة أخرى عن الحي نفسه", email="other@example.com")
    assert response.status_code == 400
    assert Submission.objects.count() == 1


def test_a_story_sent_too_fast_comes_back_with_its_text(post_story, settings):
    settings.SUBMISSIONS_MIN_SECONDS = 30
    response = post_story()
    assert_kept(response)
    assert "أُرسلت قصتك أسرع مما يكتب أي إنسان" in response.text
    assert not Submission.objects.exists()


def test_a_story_without_a_start_time_is_shown_back_to_be_sent_again(post_story):
    response = post_story(started="")
    assert_kept(response)
    assert 'name="started" value="' in response.text
    assert not Submission.objects.exists()


def test_a_filled_honeypot_is_refused(post_story):
    response = post_story(honeypot="http://spam.example")
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_a_link_stuffed_story_is_refused_with_a_message(post_story):
    links = " ".join(f"https://spam{n}.example" for n in range(5))
    response = post_story(story=f"اشتر الآن من هنا {links} عروض لا تفوت أبداً")
    assert response.status_code == 400
    assert "روابط كثيرة" in response.text
    assert not Submission.objects.exists()


def test_an_empty_form_is_refused_with_a_message_per_field(post_story):
    response = post_story(title="", story="", email="", agree=None)
    assert response.status_code == 400
    assert "هذا الحقل مطلوب" in response.text
    assert not Submission.objects.exists()


def test_words_refused_after_arabic_normalisation_refuse_the_story(post_story):
    ModerationWord.objects.create(word="كلمة ممنوعة", action=ModerationWord.Action.REFUSE)
    response = post_story(story="في هذه القصة كلمةٌ مَمنوعة وسط نص طويل بما يكفي ليقبل.")
    assert response.status_code == 400
    assert "كلمات غير مسموح بها" in response.text
    assert not Submission.objects.exists()


def test_words_to_check_flag_the_story_for_the_editor(post_story):
    ModerationWord.objects.create(word="رشوة", action=ModerationWord.Action.HOLD)
    post_story(story="طلب منا الموظف رشوة مقابل الوثيقة، وهذا ما حدث بالتفصيل في المقاطعة.")
    assert Submission.objects.get().flagged_word == "رشوه"


def test_a_refused_form_asks_for_the_photos_again(post_story, two_photos):
    response = post_story(photos=two_photos, name="")
    assert_kept(response)
    assert "اختر صورك من جديد" in response.text
    assert not Submission.objects.exists()


def test_a_bad_photo_refuses_the_whole_story_and_keeps_nothing(post_story, settings):
    from pathlib import Path

    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    before = sorted(private.rglob("*"))
    response = post_story(
        photos=[upload("good.jpg", jpeg_bytes()), upload("page.jpg", b"<html>hi</html>")]
    )
    assert_kept(response)
    assert not Submission.objects.exists()
    assert sorted(private.rglob("*")) == before


def test_more_than_five_photos_are_refused(post_story):
    photos = [upload(f"p{n}.jpg", jpeg_bytes()) for n in range(6)]
    response = post_story(photos=photos)
    assert response.status_code == 400
    assert "5" in response.text
    assert not Submission.objects.exists()


def test_a_photo_over_the_size_limit_is_named_in_the_message(post_story, settings):
    settings.SUBMISSIONS_PHOTO_BYTES = 2000
    response = post_story(photos=[upload("big.jpg", jpeg_bytes(400, 400, quality=100))])
    assert response.status_code == 400
    assert "big.jpg" in response.text
    assert not Submission.objects.exists()


def test_without_a_csrf_token_the_form_comes_back_filled_to_press_again(story_data, settings):
    """As from a cached page without JavaScript: no token, no start time. One press more."""
    from django.test import Client

    settings.SUBMISSIONS_MIN_SECONDS = 5
    client = Client(enforce_csrf_checks=True)
    response = client.post(SUBMIT_URL, story_data(started=""), REMOTE_ADDR="203.0.113.7")
    assert_kept(response)
    assert "اضغط" in response.text
    assert response["Cache-Control"] == "private, no-store"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)[1]
    started = re.search(r'name="started" value="([^"]+)"', response.text)[1]
    # Pressed again at once: the form was written before the first press.
    data = story_data(csrfmiddlewaretoken=token, started=started)
    again = client.post(SUBMIT_URL, data, REMOTE_ADDR="203.0.113.7")
    assert again.status_code == 302
    assert Submission.objects.count() == 1


def test_akismet_spam_is_kept_and_marked_for_the_editors(post_story, settings):
    from comments.spam import _client
    from tests.comments.test_akismet import AkismetSaysSpam

    settings.AKISMET_API_KEY = "test-key"
    settings.AKISMET_CLIENT = f"{AkismetSaysSpam.__module__}.AkismetSaysSpam"
    _client.cache_clear()
    try:
        post_story()
    finally:
        _client.cache_clear()
    assert Submission.objects.get().likely_spam


def test_the_form_page_is_shared_by_every_reader_when_cached(client, settings):
    settings.PAGE_CACHE = True
    first = client.get(SUBMIT_URL)
    second = client.get(SUBMIT_URL)
    assert "public" in first["Cache-Control"]
    assert second.content == first.content
    assert 'name="csrfmiddlewaretoken" value=""' in first.text
    assert 'name="started" id="id_started"' in first.text  # no one's start time in it


def test_the_form_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    from tests.factories import SectionFactory

    for n in range(12):
        SectionFactory(name=f"قسم {n}")
    # Cold site-wide caches: the menu, the banner's texts, the cookie groups and the
    # breaking-news strip, whatever the number of sections.
    with django_assert_max_num_queries(5):
        client.get(SUBMIT_URL)
