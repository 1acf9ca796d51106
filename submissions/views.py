from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from comments.spam import looks_like_spam
from edge.client_ip import client_ip
from edge.csrf import answers_csrf_failure_of
from submissions.forms import SubmissionForm
from submissions.links import status_path, submission_from_token
from submissions.services import SubmissionRefused, submission_receive
from submissions.uploads import stream_uploads_to_disk

PRIVATE_PAGE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    # The address is the key to the page: it must not leave in a Referer header.
    "Referrer-Policy": "no-referrer",
}


@csrf_exempt  # checked in `_receive`, once the upload handlers are in place
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    """The «صوتكم» page: what the newsroom publishes, and the form (a cached page for all)."""
    if request.method == "POST":
        # Before anything reads the body: every photo goes to a temporary file, never memory.
        stream_uploads_to_disk(request)
        return _receive(request)
    return _form_page(request, SubmissionForm())


@csrf_protect
def _receive(request):
    form = SubmissionForm(
        request.POST, request.FILES, refused_uploads=getattr(request, "refused_uploads", ())
    )
    if form.is_valid():
        data = form.cleaned_data
        ip = client_ip(request)
        spam = looks_like_spam(
            name=data["name"],
            email=data["email"],
            url="",
            body=f"{data['title']}\n\n{data['story']}",
            ip=ip,
            user_agent=request.headers.get("User-Agent", ""),
            permalink=request.build_absolute_uri(request.path),
        )
        try:
            received = submission_receive(
                **{key: data[key] for key in ("title", "story", "name", "anonymous", "email")},
                **{key: data[key] for key in ("phone", "city", "photos")},
                language=get_language(),
                origin=f"{request.scheme}://{request.get_host()}",
                ip=ip,
                spam=spam,
            )
        except SubmissionRefused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            if received.repeated:
                messages.info(request, _("We had already received this story: here it is."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! We received your story. We also sent this page's private "
                        "address to your email: keep it to follow your story."
                    ),
                )
            return redirect(status_path(received.submission))
    return _form_back(request, form, status=400)


@answers_csrf_failure_of(submit)
def resend_submission_form(request):
    """The story came without a valid CSRF token (edge.csrf): shown back, ready to resend."""
    form = SubmissionForm(request.POST)
    form.is_valid()
    form.errors.clear()
    form.add_error(None, _("Your story has not been sent yet. Please press “Send” again."))
    return _form_back(request, form, status=403, already_written=True)


def _form_back(
    request, form: SubmissionForm, *, status: int, already_written: bool = False
) -> TemplateResponse:
    """The form shown back to its reader: their words kept, a fresh start time, and a word
    about photos, which a browser never sends twice."""
    form.renew_started(already_written=already_written)
    chose_photos = bool(request.FILES.getlist("photos") or getattr(request, "refused_uploads", []))
    response = _form_page(request, form, status=status, photos_lost=chose_photos)
    response["Cache-Control"] = "private, no-store"
    return response


def retention_days() -> dict[str, int]:
    """The limits and periods the form, its privacy notice and the status page state (the
    retention rules run by themselves: submissions.tasks.apply_retention)."""
    return {
        "max_photos": settings.SUBMISSIONS_MAX_PHOTOS,
        "max_photo_bytes": settings.SUBMISSIONS_PHOTO_BYTES,
        "ip_retention_days": settings.COMMENTS_IP_RETENTION_DAYS,
        "declined_days": settings.SUBMISSIONS_DECLINED_DAYS,
        "contact_days": settings.SUBMISSIONS_CONTACT_DAYS,
    }


def _form_page(request, form: SubmissionForm, *, status: int = 200, **context) -> TemplateResponse:
    return TemplateResponse(
        request,
        "submissions/submit.html",
        {"form": form, **retention_days(), **context},
        status=status,
    )


@require_safe
def status(request, token: str):
    """The contributor's private page: where their story stands, reached by its link alone."""
    submission = submission_from_token(token)
    # private_page: the address is the key, so no analytics sees it (templates/base.html).
    if submission is None:
        response = TemplateResponse(
            request, "submissions/link_invalid.html", {"private_page": True}, status=404
        )
    else:
        context = {"submission": submission, "private_page": True, **retention_days()}
        response = TemplateResponse(request, "submissions/status.html", context)
    for header, value in PRIVATE_PAGE_HEADERS.items():
        response[header] = value
    return response
