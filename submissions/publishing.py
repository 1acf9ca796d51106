"""What the editors do with a reader's story, and what follows by itself.

A story becomes a draft article (its photos move from the private storage into the public
image pipeline), or is declined with a note; a draft that goes public marks the story
published and tells the contributor; the retention rules of the privacy notice erase what
is no longer needed. Photo files leave the private storage when their rows are deleted
(submissions.signals), once the transaction commits.
"""

import re
import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from articles.images import (
    RENDITION_WIDTHS,
    original_extension,
    rendition_name,
    rendition_widths,
    renditions_later,
)
from articles.models import Article, Author, Byline, EditorImage, Section, public_lookups
from articles.services import article_revision
from outbox.services import enqueue_on_commit
from submissions.models import Submission, SubmissionPhoto


class SubmissionError(Exception):
    """An editor's request that cannot be done; the message says why, for the admin."""


def byline_name(submission: Submission) -> str:
    """The name the contributor asked to be published under, in the story's language."""
    name = " ".join(submission.name.split())
    if name and not submission.anonymous:
        return name
    city = " ".join(submission.city.split())
    with translation.override(submission.language):
        if city:
            return _("A reader from %(city)s") % {"city": city}
        return _("A reader")


def story_html(story: str) -> str:
    """The plain-text story as paragraphs: blank lines split them, a single newline is <br>."""
    text = story.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def _article_language(submission: Submission) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    return submission.language if submission.language in languages else settings.LANGUAGE_CODE


def _photo_copy(photo: SubmissionPhoto) -> ContentFile:
    """The photo's bytes (cleaned at upload) under a fresh name nobody can guess."""
    try:
        with photo.image.storage.open(photo.image.name, "rb") as source:
            data = source.read()
    except OSError:
        raise SubmissionError(
            _("A photo of this story cannot be read from the storage; nothing was changed.")
        ) from None
    extension = original_extension(photo.image.name) or "jpg"
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")


def _store(fieldfile, photo: SubmissionPhoto, written: list) -> None:
    copy = _photo_copy(photo)
    fieldfile.save(copy.name, copy, save=False)
    written.append((fieldfile.storage, fieldfile.name))


def submission_to_draft(submission: Submission, *, user) -> Article:
    """Turn a reader's story into a draft article with its photos; the story goes to review."""
    written: list = []  # public files: removed again if the draft is not made
    try:
        return _submission_to_draft(submission, user=user, written=written)
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise


@transaction.atomic
def _submission_to_draft(submission: Submission, *, user, written: list) -> Article:
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.article_id is not None:
        raise SubmissionError(_("This story has already been turned into an article."))
    if submission.state == Submission.State.DECLINED:
        raise SubmissionError(_("This story was declined: it cannot become an article."))
    if submission.state == Submission.State.PUBLISHED:
        raise SubmissionError(_("This story is already published."))

    name = byline_name(submission)
    with translation.override(submission.language):
        alt = _("Photo sent by %(name)s") % {"name": name}
    photos = list(submission.photos.all())
    section, _created = Section.objects.get_or_create(name=settings.SUBMISSIONS_SECTION)

    # Body images first, their renditions marked as pending, so that the article's save
    # (responsive_body_images) leaves their tags alone until the worker has made them.
    figures = []
    for photo in photos[1:]:
        body_image = EditorImage(uploaded_by=user)
        _store(body_image.image, photo, written)
        body_image.save()
        renditions_later(body_image)
        figure = format_html('<figure><img src="{}" alt="{}"></figure>', body_image.image.url, alt)
        figures.append(figure)

    article = Article(
        title=" ".join(submission.title.split())[:255],
        section=section,
        language=_article_language(submission),
        status=Article.Status.DRAFT,
        body=story_html(submission.story) + "".join(figures),
        created_by=user,
        last_edited_by=user,
    )
    if photos:
        _store(article.image, photos[0], written)
        article.image_alt = alt[:255]
        article.image_credit = name[:120]
    with article_revision(article, editor=user, comment=_("Created from a reader's story.")):
        article.save()
        author = Author.objects.create(name=name[:120])
        label = settings.SUBMISSIONS_BYLINE_LABEL
        Byline.objects.create(article=article, author=author, label=label)
    if photos:
        renditions_later(article)

    # The private files go once this commits (submissions.signals).
    SubmissionPhoto.objects.filter(submission=submission).delete()
    submission.state = Submission.State.REVIEW
    submission.article = article
    submission.public_files = [name for _storage, name in written]
    submission.save(update_fields=["state", "article", "public_files"])
    return article


def submissions_review(submissions) -> int:
    """Put received (or declined) stories under review; answers how many changed."""
    return Submission.objects.filter(
        pk__in=list(submissions.values_list("pk", flat=True)),
        state__in=[Submission.State.RECEIVED, Submission.State.DECLINED],
    ).update(state=Submission.State.REVIEW, decided_at=None)


@transaction.atomic
def submissions_decline(submissions, *, note: str) -> int:
    """Decline stories not published yet, with a note the contributor sees on their page.

    A story already turned into a draft takes its draft with it: the article, its author
    made for the contributor and the photos it put in the public media are deleted, as the
    privacy notice promises for a declined story. A story whose article is public is not
    declined (it is published). Answers how many were declined.
    """
    declined = 0
    for submission in (
        # Only the stories' rows: PostgreSQL locks no row of an outer join's nullable side.
        Submission.objects.select_for_update(of=("self",))
        .filter(pk__in=list(submissions.values_list("pk", flat=True)))
        .filter(state__in=[Submission.State.RECEIVED, Submission.State.REVIEW])
        .select_related("article")
    ):
        if submission.article is not None:
            if submission.article.is_public:
                continue
            _discard_draft(submission)
        submission.state = Submission.State.DECLINED
        submission.decided_at = timezone.now()
        submission.editor_note = note.strip()
        submission.save(
            update_fields=["state", "decided_at", "editor_note", "article", "public_files"]
        )
        declined += 1
    return declined


def _discard_draft(submission: Submission) -> None:
    """Delete the draft made from `submission`, with what it wrote to the public media."""
    article = submission.article
    authors = list(article.authors.all())
    names = set(submission.public_files)
    body_images = EditorImage.objects.filter(image__in=names)
    widths = dict(body_images.values_list("image", "width"))
    if article.image.name in names:
        widths[article.image.name] = article.image_width
    body_images.delete()
    article.delete()
    for author in authors:
        if not author.bylines.exists():
            author.delete()
    renditions = [
        rendition_name(name, size, extension)
        for name, width in widths.items()
        for size in rendition_widths(width or RENDITION_WIDTHS[-1])
        for extension in ("webp", original_extension(name))
    ]
    doomed = sorted(names) + renditions
    transaction.on_commit(partial(_delete_files, storages["default"], doomed))
    submission.article = None
    submission.public_files = []


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def mark_published() -> int:
    """Stories whose article is now public become published; each contributor is emailed once.

    Each row changes by a conditional UPDATE: a second run at the same time finds the state
    changed already and sends nothing.
    """
    from submissions.tasks import email_published  # tasks imports this module

    public = {f"article__{lookup}": value for lookup, value in public_lookups().items()}
    ids = list(
        Submission.objects.waiting_for_publication().filter(**public).values_list("pk", flat=True)
    )
    marked = 0
    for pk in ids:
        with transaction.atomic():
            changed = Submission.objects.filter(pk=pk, state=Submission.State.REVIEW).update(
                state=Submission.State.PUBLISHED, decided_at=timezone.now()
            )
            if changed:
                marked += 1
                enqueue_on_commit(email_published, pk)
    return marked


@transaction.atomic
def apply_retention() -> dict[str, int]:
    """Delete old declined stories with their photos, erase old contact details and IPs."""
    now = timezone.now()
    declined = Submission.objects.filter(
        state=Submission.State.DECLINED,
        decided_at__lt=now - timedelta(days=settings.SUBMISSIONS_DECLINED_DAYS),
    )
    # The photos' rows are deleted one by one (post_delete): their files go on commit.
    _total, per_model = declined.delete()
    deleted = per_model.get(Submission._meta.label, 0)
    contacts = (
        Submission.objects.filter(
            state=Submission.State.PUBLISHED,
            decided_at__lt=now - timedelta(days=settings.SUBMISSIONS_CONTACT_DAYS),
            contact_erased_at__isnull=True,
        )
        .exclude(email="", phone="")
        .update(email="", phone="", contact_erased_at=now)
    )
    ips = (
        Submission.objects.filter(
            created_at__lt=now - timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)
        )
        .filter(Q(ip_address__isnull=False) | ~Q(ip_hash=""))
        .update(ip_address=None, ip_hash="")
    )
    return {"declined_deleted": deleted, "contacts_erased": contacts, "ips_erased": ips}
