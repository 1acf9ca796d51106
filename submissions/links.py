"""The contributor's private link: no account, nothing to guess.

The address carries the submission's id and its nonce, signed with SECRET_KEY: without the
key, no address can be made up, and the database alone does not give one away (a copy of it
holds the nonce but not the signature). Changing the nonce revokes the link.
"""

from django.core import signing
from django.urls import reverse

from submissions.models import Submission

SALT = "submissions.status"


def status_token(submission: Submission) -> str:
    return signing.Signer(salt=SALT).sign_object({"s": submission.pk, "n": submission.link_nonce})


def status_path(submission: Submission) -> str:
    return reverse("submissions:status", kwargs={"token": status_token(submission)})


def submission_from_token(token: str) -> Submission | None:
    """The submission the link is for, or None for a link that is forged, broken or revoked."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
        pk, nonce = int(data["s"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, UnicodeDecodeError):
        return None
    submission = Submission.objects.select_related("article").filter(pk=pk).first()
    if submission is None or not signing.constant_time_compare(submission.link_nonce, nonce):
        return None
    return submission
