"""Edit locks: who is editing an article now, as WordPress's post lock.

Opening an article's admin page takes its lock when nobody else holds a fresh one; the page's
heartbeat keeps it fresh (`lock_refresh`); a lock not seen for EDIT_LOCK_SECONDS is stale and
goes to whoever opens the article next. Taking over moves a fresh lock on purpose.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from articles.models import Article, EditLock


def lock_is_stale(lock: EditLock, *, now: datetime | None = None) -> bool:
    seconds = settings.EDIT_LOCK_SECONDS
    return lock.seen_at <= (now or timezone.now()) - timedelta(seconds=seconds)


def lock_holder(article: Article) -> EditLock | None:
    """The article's fresh lock with its user, or None when nobody is editing it."""
    lock = EditLock.objects.select_related("user").filter(article=article).first()
    if lock is None or lock_is_stale(lock):
        return None
    return lock


def lock_take(*, article: Article, user, take_over: bool = False) -> EditLock:
    """Take the article's lock if it is free, stale, already `user`'s, or `take_over` is set.

    Answers the lock as it stands afterwards: its `user` is someone else when they hold a
    fresh lock and `take_over` is not set.
    """
    now = timezone.now()
    with transaction.atomic():
        lock, created = (
            EditLock.objects.select_for_update()
            .select_related("user")
            .get_or_create(article=article, defaults={"user": user, "since": now, "seen_at": now})
        )
        if created:
            return lock
        if lock.user_id == user.pk:
            lock.seen_at = now
            lock.save(update_fields=["seen_at"])
        elif take_over or lock_is_stale(lock, now=now):
            lock.user, lock.since, lock.seen_at = user, now, now
            lock.save(update_fields=["user", "since", "seen_at"])
        return lock


def lock_refresh(*, article: Article, user) -> EditLock:
    """The heartbeat: keep `user`'s lock fresh (or take it back if it went free meanwhile).

    Answers the lock as it stands; someone else's when they took it over.
    """
    renewed = EditLock.objects.filter(article=article, user=user).update(seen_at=timezone.now())
    if renewed:
        return EditLock.objects.select_related("user").get(article=article)
    return lock_take(article=article, user=user)


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()


def duration(since: datetime, *, now: datetime | None = None) -> str:
    """How long ago `since` was, for "منذ …": "لحظات", "دقيقتين", "5 دقائق", "ساعة"…"""
    minutes = int(((now or timezone.now()) - since).total_seconds() // 60)
    if minutes < 1:
        return gettext("a few moments")
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = minutes // 60
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def lock_message(lock: EditLock) -> str:
    """ "‹name› يحرر هذا المقال منذ دقيقتين"."""
    return gettext("%(name)s has been editing this article for %(duration)s.") % {
        "name": person_name(lock.user),
        "duration": duration(lock.since),
    }
