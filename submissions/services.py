import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import moderation
from comments.services import hash_ip, moderation_words
from outbox.services import enqueue_on_commit
from submissions import tasks
from submissions.models import Submission, SubmissionPhoto

# The same story again this soon is the same form sent twice: the reader gets the first.
RESUBMIT_WINDOW = timedelta(minutes=30)


class SubmissionRefused(Exception):
    """A story that will not be stored, with the field to show the reason at."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Received:
    submission: Submission
    repeated: bool  # the same story had already been received


def content_fingerprint(*, email: str, title: str, story: str) -> str:
    text = "\x1f".join([email.lower(), " ".join(title.split()), " ".join(story.split())])
    return hashlib.sha256(text.encode()).hexdigest()


def submission_receive(
    *,
    title: str,
    story: str,
    name: str,
    anonymous: bool,
    email: str,
    phone: str,
    city: str,
    photos: Sequence[UploadedFile],
    language: str,
    origin: str,
    ip: str | None,
    spam: bool = False,
) -> Received:
    """Store a reader's story with its photos, whole, once; or say why it is refused.

    The photos are already cleaned (submissions.photos). They are written to the private
    storage inside the transaction; if anything fails, the files written are removed, so a
    refused or failed story leaves nothing behind. Emails go out from the task worker once the
    story is committed: a receipt with the private link to the reader, a note to the editors.
    """
    fingerprint = content_fingerprint(email=email, title=title, story=story)
    if (earlier := Submission.objects.filter(content_hash=fingerprint).first()) is not None:
        return _repeat_or_refuse(earlier)

    ip_hash = hash_ip(ip)
    since = timezone.now() - timedelta(seconds=settings.SUBMISSIONS_FLOOD_SECONDS)
    same_sender = Q(email=email) | Q(ip_hash=ip_hash) if ip_hash else Q(email=email)
    if Submission.objects.filter(same_sender, created_at__gte=since).exists():
        raise SubmissionRefused(
            None, _("You sent a story a moment ago. Please wait a few minutes before the next.")
        )

    words = moderation_words()
    fields = [title, story, name, city, email]
    if moderation.matching_word(fields, words.refuse):
        raise SubmissionRefused(
            "story", _("Your story contains words that are not allowed on this site.")
        )
    submission = Submission(
        title=title,
        story=story,
        name=name,
        anonymous=anonymous,
        email=email,
        phone=phone,
        city=city,
        language=language,
        origin=origin,
        ip_address=ip or None,
        ip_hash=ip_hash,
        content_hash=fingerprint,
        likely_spam=spam,
        flagged_word=moderation.matching_word(fields, words.hold) or "",
    )
    stored: list[SubmissionPhoto] = []
    try:
        with transaction.atomic():
            submission.save()
            for position, photo in enumerate(photos):
                stored.append(SubmissionPhoto(submission=submission, position=position))
                stored[-1].image.save(photo.name, photo, save=False)
                stored[-1].save()
    except IntegrityError:
        _remove_files(stored)
        # The same form, sent twice at the same moment: the other request stored it.
        return _repeat_or_refuse(Submission.objects.get(content_hash=fingerprint))
    except BaseException:
        _remove_files(stored)
        raise
    enqueue_on_commit(tasks.email_receipt, submission.pk)
    enqueue_on_commit(tasks.notify_editors, submission.pk)
    return Received(submission=submission, repeated=False)


def _remove_files(photos: list[SubmissionPhoto]) -> None:
    for photo in photos:
        if photo.image.name:
            photo.image.storage.delete(photo.image.name)


def _repeat_or_refuse(earlier: Submission) -> Received:
    if timezone.now() - earlier.created_at < RESUBMIT_WINDOW:
        return Received(submission=earlier, repeated=True)
    raise SubmissionRefused(
        "story", _("We already received this story. Its private link is in your email.")
    )
