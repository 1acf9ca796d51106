"""One action turns a reader's story into a draft article: text, byline, photos and all."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from articles.models import Article, Author, EditorImage
from submissions.models import Submission, SubmissionPhoto
from submissions.publishing import SubmissionError, byline_name, submission_to_draft
from tests.submissions.conftest import CHANGELIST
from tests.submissions.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def public_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def turn(client, submission):
    return client.post(
        CHANGELIST, {"action": "turn_into_draft", "_selected_action": [submission.pk]}
    )


def test_a_story_becomes_a_draft_with_its_text_as_paragraphs(
    desk, desk_user, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(
        title="انقطاع الماء في الحي",
        story="السطر الأول\nالسطر الثاني\n\nفقرة <script>alert(1)</script> & أخرى\r\n\r\n\n",
        language="ar",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = turn(desk, submission)

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert article.title == "انقطاع الماء في الحي"
    assert article.status == Article.Status.DRAFT
    assert article.language == "ar"
    assert article.section.name == settings.SUBMISSIONS_SECTION
    assert article.created_by == desk_user
    assert article.body == (
        "<p>السطر الأول<br>السطر الثاني</p>"
        "<p>فقرة &lt;script&gt;alert(1)&lt;/script&gt; &amp; أخرى</p>"
    )
    submission.refresh_from_db()
    assert submission.state == Submission.State.REVIEW
    assert submission.article == article


def test_the_byline_is_the_contributors_name_under_the_label(desk):
    submission = SubmissionFactory(name="سلمى بناني", anonymous=False)
    turn(desk, submission)
    byline = Article.objects.get().bylines.select_related("author").get()
    assert byline.label == settings.SUBMISSIONS_BYLINE_LABEL == "صوتكم"
    assert byline.author.name == "سلمى بناني"
    assert not hasattr(byline.author, "user")  # an author of its own, no staff account


def test_an_anonymous_contributor_is_a_reader_from_their_city(desk):
    submission = SubmissionFactory(name="سلمى بناني", anonymous=True, city="طنجة", language="ar")
    turn(desk, submission)
    with translation.override("ar"):
        expected = gettext("A reader from %(city)s") % {"city": "طنجة"}
    author = Article.objects.get().authors.get()
    assert author.name == expected
    assert "سلمى" not in author.name and "طنجة" in author.name


def test_the_anonymous_form_follows_the_storys_language():
    story = Submission(name="", anonymous=True, city="Tanger", language="fr")
    with translation.override("fr"):
        expected = gettext("A reader from %(city)s") % {"city": "Tanger"}
    assert byline_name(story) == expected
    story.city = ""
    with translation.override("fr"):
        assert byline_name(story) == gettext("A reader")


def test_photos_move_into_the_public_pipeline_and_leave_the_private_storage(
    desk, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(name="سلمى", photos=["red", "green", "blue"])
    private = [photo.image for photo in submission.photos.all()]
    with django_capture_on_commit_callbacks(execute=True):
        turn(desk, submission)

    article = Article.objects.get()
    assert article.image.name.startswith("articles/")
    assert (article.image_width, article.image_height) == (640, 480)
    assert article.image_alt and "سلمى" in article.image_alt
    assert article.image_credit == "سلمى"
    assert article.renditions_ready  # the task ran once the draft was committed

    body_images = list(EditorImage.objects.order_by("pk"))
    assert len(body_images) == 2
    for image in body_images:
        assert f'src="{image.image.url}"' in article.body
        assert image.renditions_ready
    assert article.body.index("<p>") < article.body.index("<figure>")

    assert not SubmissionPhoto.objects.exists()
    for file in private:
        assert not file.storage.exists(file.name)


def test_the_featured_image_is_the_first_photo(desk, django_capture_on_commit_callbacks):
    from PIL import Image

    submission = SubmissionFactory(photos=["red", "blue"])
    with django_capture_on_commit_callbacks(execute=True):
        turn(desk, submission)
    article = Article.objects.get()
    with Image.open(article.image.open("rb")) as featured:
        red, green, blue = featured.convert("RGB").getpixel((10, 10))
    assert red > 200 and blue < 60
    with Image.open(EditorImage.objects.get().image.open("rb")) as body:
        red, green, blue = body.convert("RGB").getpixel((10, 10))
    assert blue > 200 and red < 60


def test_the_draft_passes_the_article_form(desk, django_capture_on_commit_callbacks):
    submission = SubmissionFactory(photos=1)
    with django_capture_on_commit_callbacks(execute=True):
        turn(desk, submission)
    article = Article.objects.get()
    article.full_clean()  # image_alt filled: the admin form would accept it as it is
    page = desk.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200


def test_a_story_is_turned_once_only(desk, desk_user):
    submission = SubmissionFactory()
    turn(desk, submission)
    response = turn(desk, submission)
    assert response.status_code == 302
    assert Article.objects.count() == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages  # the refusal is shown, not a crash
    with pytest.raises(SubmissionError):
        submission_to_draft(submission, user=desk_user)


def test_a_declined_story_cannot_be_turned(desk_user):
    submission = SubmissionFactory(state=Submission.State.DECLINED)
    with pytest.raises(SubmissionError):
        submission_to_draft(submission, user=desk_user)
    assert not Article.objects.exists()


def test_one_story_at_a_time(desk):
    stories = SubmissionFactory.create_batch(2)
    response = desk.post(
        CHANGELIST, {"action": "turn_into_draft", "_selected_action": [s.pk for s in stories]}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(CHANGELIST)
    assert not Article.objects.exists()


def test_staff_who_may_not_add_articles_cannot_turn_stories(client, django_user_model):
    from django.contrib.auth.models import Permission

    staff = django_user_model.objects.create_user("reader-desk", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="submissions"))
    client.force_login(staff)
    submission = SubmissionFactory()
    turn(client, submission)
    assert not Article.objects.exists()
    assert Submission.objects.get().state == Submission.State.RECEIVED


def test_a_png_photo_stays_a_png(desk_user):
    from django.core.files.base import ContentFile

    from tests.submissions.factories import photo_bytes

    submission = SubmissionFactory()
    for position in range(2):
        photo = SubmissionPhoto(submission=submission, position=position)
        photo.image.save("p.png", ContentFile(photo_bytes(image_format="PNG"), name="p.png"))
    article = submission_to_draft(submission, user=desk_user)
    assert article.image.name.endswith(".png")
    assert EditorImage.objects.get().image.name.endswith(".png")


def test_a_photo_missing_from_the_storage_changes_nothing_and_says_so(desk):
    submission = SubmissionFactory(photos=3)
    last = submission.photos.order_by("position").last()
    last.image.storage.delete(last.image.name)
    public_before = public_files()

    response = turn(desk, submission)

    assert response.status_code == 302
    assert [m.level_tag for m in response.wsgi_request._messages] == ["error"]
    assert not Article.objects.exists() and not EditorImage.objects.exists()
    assert SubmissionPhoto.objects.count() == 3
    assert Submission.objects.get().state == Submission.State.RECEIVED
    assert public_files() == public_before  # the copies already made are gone again


def test_declining_a_drafted_story_takes_its_draft_and_public_photos_with_it(
    desk, django_capture_on_commit_callbacks
):
    before = public_files()
    submission = SubmissionFactory(name="سلمى بناني", photos=["red", "green"])
    with django_capture_on_commit_callbacks(execute=True):
        turn(desk, submission)
    assert public_files() - before  # the photos and their renditions, in the public media
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(
            CHANGELIST,
            {"action": "decline", "_selected_action": [submission.pk], "post": "yes"},
        )
    submission.refresh_from_db()
    assert submission.state == Submission.State.DECLINED
    assert submission.article is None
    assert not Article.objects.exists() and not EditorImage.objects.exists()
    assert not Author.objects.filter(name="سلمى بناني").exists()
    assert public_files() == before


def test_a_story_whose_article_is_public_is_not_declined(desk, desk_user):
    submission = SubmissionFactory(photos=1)
    article = submission_to_draft(submission, user=desk_user)
    article.status = Article.Status.PUBLISHED
    article.save()
    desk.post(CHANGELIST, {"action": "decline", "_selected_action": [submission.pk], "post": "yes"})
    submission.refresh_from_db()
    assert submission.state != Submission.State.DECLINED
    assert Article.objects.filter(pk=article.pk).exists()
