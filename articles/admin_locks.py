"""No silent overwrites in the article admin: the edit lock's page and views, and a form that
refuses a save made from a stale copy (optimistic concurrency on `updated_at`).

Every write path moves `Article.updated_at` (auto_now on save, set by hand in the
QuerySet.update paths of articles.services), so it serves as the article's version.
"""

import hashlib
import json
from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import FileField
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from articles.locks import duration, lock_message, lock_refresh, lock_take, person_name
from articles.models import Article, EditLock

VERSION_FIELD = "loaded_version"


def _fingerprint(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:12]


def article_fingerprints(article: Article, field_names: list[str]) -> dict[str, str]:
    """A short hash of each field's value, so a refused save can say what changed meanwhile."""
    prints = {}
    for name in field_names:
        field = Article._meta.get_field(name)
        value = field.value_from_object(article)
        if field.many_to_many:
            value = sorted(item.pk for item in value)
        elif isinstance(field, FileField):
            value = value.name if value else ""
        prints[name] = _fingerprint(value)
    credits = [(b.author_id, b.label, b.position) for b in article.bylines.all()]
    prints["bylines"] = _fingerprint(credits)
    return prints


def version_token(article: Article, field_names: list[str]) -> str:
    return json.dumps(
        {
            "updated_at": article.updated_at.isoformat(),
            "fields": article_fingerprints(article, field_names),
        },
        separators=(",", ":"),
    )


def _field_label(name: str) -> str:
    if name == "bylines":
        return str(Article._meta.get_field("authors").verbose_name)
    return str(Article._meta.get_field(name).verbose_name)


class StaleSaveRefusingForm(forms.ModelForm):
    """The article admin's form, carrying the version the editor loaded.

    A save whose version is no longer the article's is refused with what changed meanwhile;
    the editor's own values stay in the form, which now carries the newer version, so saving
    again keeps their text on purpose.
    """

    loaded_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Computed only when the field is rendered from the saved article.
            self.fields[VERSION_FIELD].initial = lambda: version_token(
                self.instance, self.versioned_fields()
            )

    def versioned_fields(self) -> list[str]:
        names = {field.name for field in Article._meta.get_fields() if field.concrete}
        return [name for name in self.fields if name in names]

    def clean(self):
        cleaned_data = super().clean()
        loaded = cleaned_data.get(VERSION_FIELD)
        # Without a version (a client that does not send one) there is nothing to compare.
        if self.instance.pk and loaded:
            self.refuse_stale_save(loaded)
        return cleaned_data

    def refuse_stale_save(self, loaded: str) -> None:
        # Locked until the admin's transaction ends: no save slips between this check and ours.
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        try:
            version = json.loads(loaded)
            loaded_at = datetime.fromisoformat(version["updated_at"])
            loaded_prints = dict(version["fields"])
        except (ValueError, KeyError, TypeError):
            loaded_at, loaded_prints = None, None
        if current is None or loaded_at == current:
            return
        theirs = (
            Article.objects.select_related("last_edited_by")
            .prefetch_related("tags", "bylines")
            .get(pk=self.instance.pk)
        )
        field_names = self.versioned_fields()
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = version_token(theirs, field_names)
        if loaded_prints is None:
            raise ValidationError(
                _("This form's version mark is damaged: reload the article to edit it."),
                code="stale",
            )
        raise ValidationError(self.stale_save_messages(theirs, loaded_prints), code="stale")

    def stale_save_messages(self, theirs: Article, loaded_prints: dict) -> list[str]:
        now_prints = article_fingerprints(theirs, self.versioned_fields())
        changed = [
            _field_label(name)
            for name, value in now_prints.items()
            if loaded_prints.get(name) != value
        ]
        editor = theirs.last_edited_by
        lines = [
            gettext(
                "Someone else saved this article since you opened it: %(name)s, "
                "%(duration)s ago. Nothing of yours was saved and your text is still in the "
                "form below: look at what changed, then save again to keep your version."
            )
            % {
                "name": person_name(editor) if editor else gettext("an unknown editor"),
                "duration": duration(theirs.updated_at),
            }
        ]
        if changed:
            separator = pgettext("list separator", ", ")
            lines.append(
                gettext("Changed meanwhile: %(fields)s.") % {"fields": separator.join(changed)}
            )
        lines.append(gettext("Headline saved meanwhile: %(title)s") % {"title": theirs.title})
        if theirs.excerpt:
            lines.append(
                gettext("Excerpt saved meanwhile: %(excerpt)s") % {"excerpt": theirs.excerpt}
            )
        return lines


def _refusal(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


class EditLockAdminMixin:
    """The article's edit lock on its admin change page: taken on opening, kept by a heartbeat,
    shown to anyone else who opens it, with a button to take it over."""

    form = StaleSaveRefusingForm

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/lock/heartbeat/",
                wrap(self.lock_heartbeat_view),
                name=f"{name}_lock_heartbeat",
            ),
            path(
                "<path:object_id>/lock/take-over/",
                wrap(self.lock_take_over_view),
                name=f"{name}_lock_take_over",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_change_permission(request, article):
            lock = lock_take(article=article, user=request.user)
            extra_context = {**(extra_context or {}), "edit_lock": self.lock_context(lock, request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def lock_context(self, lock: EditLock, request: HttpRequest) -> dict:
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        return {
            "mine": lock.user_id == request.user.pk,
            "message": lock_message(lock),
            "heartbeat_url": reverse(f"{name}_lock_heartbeat", args=[lock.article_id]),
            "take_over_url": reverse(f"{name}_lock_take_over", args=[lock.article_id]),
            "heartbeat_seconds": settings.EDIT_LOCK_HEARTBEAT_SECONDS,
        }

    def _article_to_edit(self, request: HttpRequest, object_id: str):
        """The article, or a JSON refusal: missing (404) or not the user's to edit (403)."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return None, _refusal(gettext("This article does not exist."), 404)
        if not self.has_change_permission(request, article):
            return None, _refusal(gettext("You may not edit this article."), 403)
        return article, None

    def lock_heartbeat_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return _refusal(gettext("Send the heartbeat with POST."), 405)
        article, refusal = self._article_to_edit(request, object_id)
        if refusal:
            return refusal
        lock = lock_refresh(article=article, user=request.user)
        if lock.user_id == request.user.pk:
            return JsonResponse({"held": True})
        taken_over = gettext(
            "%(name)s has taken over this article. If they save before you do, your save "
            "will be refused and your text kept in the form."
        ) % {"name": person_name(lock.user)}
        return JsonResponse(
            {"held": False, "message": lock_message(lock), "taken_over": taken_over}
        )

    def lock_take_over_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponse(gettext("Take over with the page's button."), status=405)
        article, refusal = self._article_to_edit(request, object_id)
        if refusal:
            return refusal
        lock_take(article=article, user=request.user, take_over=True)
        messages.success(request, gettext("You are now editing this article."))
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        return redirect(name, article.pk)
