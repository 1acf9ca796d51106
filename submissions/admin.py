from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.images import original_extension
from submissions.models import Submission, SubmissionPhoto
from submissions.publishing import (
    SubmissionError,
    submission_to_draft,
    submissions_decline,
    submissions_review,
)

PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
# A reader's file, shown on the newsroom's own domain: nothing in it may run or be sniffed.
PHOTO_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
THUMBNAIL_WIDTH = 64
PREVIEW_WIDTH = 240


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the contributor (optional)"),
        help_text=_("Shown to the contributor on their private page."),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=2000,
        required=False,
    )


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["title", "state", "created_at", "city", "thumbnails", "article_link"]
    list_filter = ["state", "created_at", "likely_spam"]
    list_select_related = ["article"]
    search_fields = ["title", "story", "name", "email", "city"]
    date_hierarchy = "created_at"
    actions = ["turn_into_draft", "mark_review", "decline"]
    list_per_page = 50
    # What the reader sent stays as they sent it: only the note to them is the editors'.
    readonly_fields = [
        "title",
        "story",
        "name",
        "anonymous",
        "email",
        "phone",
        "city",
        "language",
        "photo_previews",
        "state",
        "article_link",
        "created_at",
        "decided_at",
        "contact_erased_at",
        "ip_address",
        "likely_spam",
        "flagged_word",
    ]
    fieldsets = [
        (None, {"fields": ["title", "story", "photo_previews"]}),
        (
            _("Contributor"),
            {"fields": ["name", "anonymous", "email", "phone", "city", "language"]},
        ),
        (
            _("Decision"),
            {"fields": ["state", "article_link", "editor_note", "created_at", "decided_at"]},
        ),
        (
            _("Checks and privacy"),
            {"fields": ["likely_spam", "flagged_word", "ip_address", "contact_erased_at"]},
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("photos")

    def has_add_permission(self, request) -> bool:
        return False  # stories come from readers

    def has_draft_permission(self, request) -> bool:
        user = request.user
        return user.has_perm("submissions.change_submission") and user.has_perm(
            "articles.add_article"
        )

    # -- the photos, served only through a view that checks permissions ---------------------

    def get_urls(self):
        photo = path(
            "<path:object_id>/photos/<int:photo_id>/",
            # cacheable: the view sets its own Cache-Control (private, no-store).
            self.admin_site.admin_view(self.photo_view, cacheable=True),
            name="submissions_submission_photo",
        )
        return [photo, *super().get_urls()]

    def photo_view(self, request: HttpRequest, object_id: str, photo_id: int) -> FileResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            submission_id = int(unquote(object_id))
        except ValueError:
            raise Http404 from None
        photo = SubmissionPhoto.objects.filter(pk=photo_id, submission_id=submission_id).first()
        content_type = PHOTO_TYPES.get(original_extension(photo.image.name)) if photo else None
        if content_type is None:
            raise Http404
        try:
            file = photo.image.storage.open(photo.image.name, "rb")
        except OSError:
            raise Http404 from None
        response = FileResponse(file, content_type=content_type)
        response["Content-Disposition"] = "inline"
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = PHOTO_POLICY
        return response

    def _photo_tags(self, submission: Submission, width: int, *, linked: bool) -> str:
        tags = []
        for photo in submission.photos.all():  # prefetched
            url = reverse("admin:submissions_submission_photo", args=[submission.pk, photo.pk])
            height = round(width * photo.height / photo.width) if photo.width else width
            tags.append((url, width, height))
        image = '<img src="{0}" alt="" width="{1}" height="{2}" loading="lazy" class="thumbnail">'
        if linked:
            image = '<a href="{0}" target="_blank" rel="noopener">' + image + "</a> "
        return format_html_join("", image, tags)

    @admin.display(description=_("photos"))
    def thumbnails(self, submission: Submission) -> str:
        return self._photo_tags(submission, THUMBNAIL_WIDTH, linked=False)

    @admin.display(description=_("photos"))
    def photo_previews(self, submission: Submission) -> str:
        return self._photo_tags(submission, PREVIEW_WIDTH, linked=True) or "—"

    @admin.display(description=_("article"))
    def article_link(self, submission: Submission) -> str:
        if submission.article is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[submission.article.pk]),
            submission.article.title,
        )

    # -- actions ---------------------------------------------------------------------------

    @admin.action(description=_("Turn into a draft article"), permissions=["draft"])
    def turn_into_draft(self, request, queryset):
        submissions = list(queryset[:2])
        if len(submissions) != 1:
            self.message_user(
                request, _("Choose one story at a time to turn into a draft."), messages.WARNING
            )
            return None
        try:
            article = submission_to_draft(submissions[0], user=request.user)
        except SubmissionError as error:
            self.message_user(request, str(error), messages.ERROR)
            return None
        self.message_user(
            request,
            _("The story is now a draft article: check it, then publish it."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    @admin.action(
        description=_("Mark the selected stories as under review"), permissions=["change"]
    )
    def mark_review(self, request, queryset):
        count = submissions_review(queryset)
        message = ngettext(
            "%(count)d story marked as under review.",
            "%(count)d stories marked as under review.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Decline the selected stories…"), permissions=["change"])
    def decline(self, request, queryset):
        form = DeclineForm(request.POST if request.POST.get("post") == "yes" else None)
        if form.is_valid():
            count = submissions_decline(queryset, note=form.cleaned_data["note"])
            message = ngettext("%(count)d story declined.", "%(count)d stories declined.", count)
            self.message_user(request, message % {"count": count}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decline the selected stories"),
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/submissions/submission/decline_confirmation.html", context
        )
