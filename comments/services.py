import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.freshness import article_page
from articles.models import Article, Author, public_lookups
from comments import moderation, tasks
from comments.fragments import discussion_changed
from comments.models import Comment, CommentReport, ModerationWord, thread_place
from outbox.services import enqueue_on_commit
from pagecache.dependencies import changed

# A second identical comment this soon after the first is the same form sent twice.
RESUBMIT_WINDOW = timedelta(minutes=10)


class CommentRejected(Exception):
    """A comment that will not be stored, with the field to show the reason at."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Submission:
    comment: Comment
    repeated: bool  # the same comment had already been received


def comments_open(article: Article) -> bool:
    """Whether readers may comment: open on the article, and not past the automatic closing."""
    if not article.comments_open:
        return False
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    return not days or timezone.now() - article.published_at < timedelta(days=days)


def hash_ip(ip: str | None) -> str:
    if not ip:
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"comment-ip:{ip}".encode(), hashlib.sha256).hexdigest()


def content_fingerprint(*, email: str, parent: Comment | None, body: str) -> str:
    text = "\x1f".join([email.lower(), str(parent.pk if parent else ""), body.strip()])
    return hashlib.sha256(text.encode()).hexdigest()


def moderation_words() -> moderation.Words:
    hold, refuse = [], []
    for word, action in ModerationWord.objects.values_list("normalized", "action"):
        (refuse if action == ModerationWord.Action.REFUSE else hold).append(word)
    return moderation.Words(hold=tuple(hold), refuse=tuple(refuse))


def commenter_is_known(*, email: str, name: str) -> bool:
    """Whether an approved comment came with this email and this name (compared normalised).

    One query: the distinct names of that email's approved comments, compared in Python.
    """
    names = (
        Comment.objects.approved()
        .filter(email=moderation.email_key(email))
        .order_by()
        .values_list("name", flat=True)
        .distinct()
    )
    return moderation.same_name(name, names)


def name_resembles_newsroom(name: str) -> bool:
    """A newsroom name, or the name of an author credited on a published article (one query)."""
    on_published = {f"articles__{lookup}": value for lookup, value in public_lookups().items()}
    authors = (
        Author.objects.filter(**on_published).order_by().values_list("name", flat=True).distinct()
    )
    return moderation.resembles_newsroom(name, authors)


@transaction.atomic
def comment_submit(
    *,
    article: Article,
    parent: Comment | None,
    name: str,
    email: str,
    url: str,
    body: str,
    ip: str | None,
    spam: bool = False,
) -> Submission:
    """Store a reader's comment once, pending, approved or as spam, or say why it is refused.

    `spam` is an outside opinion (Akismet): such a comment is kept for editors to review.
    """
    fingerprint = content_fingerprint(email=email, parent=parent, body=body)
    earlier = Comment.objects.filter(article=article, content_hash=fingerprint).first()
    if earlier is not None:
        return _repeat_or_refuse(earlier)

    ip_hash = hash_ip(ip)
    since = timezone.now() - timedelta(seconds=settings.COMMENTS_FLOOD_SECONDS)
    same_author = Q(email=email) | Q(ip_hash=ip_hash) if ip_hash else Q(email=email)
    if Comment.objects.filter(same_author, created_at__gte=since).exists():
        # The reader's own double submit may have landed since the check above.
        earlier = Comment.objects.filter(article=article, content_hash=fingerprint).first()
        if earlier is not None:
            return _repeat_or_refuse(earlier)
        raise CommentRejected("body", _("You are commenting too quickly. Please wait a moment."))

    words = moderation_words()
    fields = [name, email, url, body]
    if moderation.matching_word(fields, words.refuse):
        raise CommentRejected(
            "body", _("This comment contains words that are not allowed on this site.")
        )
    resembles = name_resembles_newsroom(name)
    held = moderation.should_hold(
        fields=fields,
        body=body,
        words=words,
        links_to_hold=settings.COMMENTS_LINKS_TO_HOLD,
        author_is_known=commenter_is_known(email=email, name=name),
        auto_approve_known=settings.COMMENTS_AUTO_APPROVE_KNOWN,
        name_resembles_newsroom=resembles,
    )
    thread, depth = thread_place(parent)
    comment = Comment(
        article=article,
        parent=parent,
        thread=thread,
        depth=depth,
        name=name,
        email=email,
        url=url,
        body=body,
        status=(
            Comment.Status.SPAM
            if spam
            else Comment.Status.PENDING
            if held
            else Comment.Status.APPROVED
        ),
        ip_address=ip or None,
        ip_hash=ip_hash,
        content_hash=fingerprint,
        name_resembles_newsroom=resembles,
    )
    try:
        with transaction.atomic():
            comment.save()
            if comment.is_public:
                comment_counts_change({article.pk: 1})
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request stored it.
        earlier = Comment.objects.get(article=article, content_hash=fingerprint)
        return _repeat_or_refuse(earlier)
    if comment.status == Comment.Status.PENDING:
        # Only the comment's id travels: the worker reads it, renders and sends the email.
        enqueue_on_commit(tasks.notify_editors, comment.pk)
    return Submission(comment=comment, repeated=False)


@dataclass(frozen=True)
class ImportedComment:
    """A comment written on another system (WordPress), keyed by that system's id."""

    key: str
    parent_key: str | None
    name: str
    email: str
    url: str
    body: str
    created_at: datetime
    status: str
    ip_address: str | None = None


@transaction.atomic
def comments_import(
    *,
    article: Article,
    comments: Sequence[ImportedComment],
    stored: Mapping[str, Comment] | None = None,
) -> dict[str, Comment]:
    """Store an article's comments from elsewhere with their threads, dated as written.

    A parent is found among `comments` or among `stored` (comments of the article imported
    earlier, by key); a reply whose parent is neither starts a thread of its own. A reply
    deeper than COMMENTS_MAX_DEPTH hangs under the deepest level the comment form allows.
    A comment identical to one already there (same email, place and text) is left out.
    Inserted one depth at a time (a reply needs its parent's id); the article's approved
    count is recounted. Returns the new comments by key.
    """
    placed: dict[str, Comment] = dict(stored or {})
    waiting = {c.key: c for c in comments if c.key not in placed}
    fingerprints = set(
        Comment.objects.filter(article=article).values_list("content_hash", flat=True)
    )
    new: dict[str, Comment] = {}
    cutoff = timezone.now() - timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)
    stuck = False
    while waiting:
        level: list[Comment] = []
        unplaced = set(waiting)  # as the pass begins: a parent placed in it goes in with it
        for key, item in list(waiting.items()):
            if item.parent_key in unplaced and item.parent_key != key and not stuck:
                continue  # its parent goes in first
            del waiting[key]
            parent = placed.get(item.parent_key) if item.parent_key not in unplaced else None
            while parent is not None and parent.depth + 1 >= settings.COMMENTS_MAX_DEPTH:
                parent = parent.parent
            fingerprint = content_fingerprint(email=item.email, parent=parent, body=item.body)
            if fingerprint in fingerprints:
                continue
            fingerprints.add(fingerprint)
            thread, depth = thread_place(parent)
            keep_ip = item.ip_address and item.created_at >= cutoff
            comment = Comment(
                article=article,
                parent=parent,
                thread=thread,
                depth=depth,
                name=item.name,
                email=item.email,
                url=item.url,
                body=item.body,
                status=item.status,
                ip_address=item.ip_address if keep_ip else None,
                ip_hash=hash_ip(item.ip_address) if keep_ip else "",
                content_hash=fingerprint,
                created_at=item.created_at,
            )
            placed[key] = new[key] = comment
            level.append(comment)
        # Parents that point at each other in a circle: what is left starts new threads.
        stuck = not level
        if not level:
            continue
        Comment.objects.bulk_create(level)
    if new:
        comment_counts_recount([article.pk])
        changed(article_page(article.pk))
        transaction.on_commit(partial(discussion_changed, article.pk))
    return new


def comment_counts_recount(article_ids: Sequence[int]) -> None:
    """Set each article's `comment_count` to its approved comments, counted afresh."""
    approved = Comment.objects.approved().filter(article=OuterRef("pk"))
    counted = Subquery(
        approved.order_by().values("article").annotate(n=Count("pk")).values("n")[:1]
    )
    Article.objects.filter(pk__in=article_ids).update(comment_count=Coalesce(counted, 0))


def comment_counts_change(changes: Mapping[int, int]) -> None:
    """Add to each article's `comment_count` its change in approved comments.

    The one place the count is written: the services, the test factory and the bench's bulk
    inserts all go through it. Articles with the same change share one UPDATE.
    """
    articles_by_change: dict[int, list[int]] = {}
    for article_id, change in changes.items():
        if change:
            articles_by_change.setdefault(change, []).append(article_id)
    for change, article_ids in articles_by_change.items():
        Article.objects.filter(pk__in=article_ids).update(comment_count=F("comment_count") + change)


def _repeat_or_refuse(earlier: Comment) -> Submission:
    if timezone.now() - earlier.created_at < RESUBMIT_WINDOW:
        return Submission(comment=earlier, repeated=True)
    raise CommentRejected("body", _("Duplicate comment: it looks as though you already said that."))


@transaction.atomic
def comments_set_status(comment_ids: list[int], status: str) -> int:
    """Move comments to `status`, keeping each article's approved count exact; return changes."""
    changed = list(
        Comment.objects.select_for_update()
        .filter(pk__in=comment_ids)
        .exclude(status=status)
        .values_list("pk", "article_id", "status", "report_count")
    )
    if not changed:
        return 0
    Comment.objects.filter(pk__in=[pk for pk, *_ in changed]).update(status=status)
    delta: dict[int, int] = {}
    for _pk, article_id, old_status, _reports in changed:
        if status == Comment.Status.APPROVED:
            delta[article_id] = delta.get(article_id, 0) + 1
        elif old_status == Comment.Status.APPROVED:
            delta[article_id] = delta.get(article_id, 0) - 1
    _apply_count_changes(delta)
    if status == Comment.Status.APPROVED:
        # An editor's approval answers the reports that held the comment: they stop counting,
        # or the next single report would hold it again.
        _dismiss_reports([pk for pk, _, _, reports in changed if reports])
    return len(changed)


@transaction.atomic
def comments_delete(comment_ids: list[int]) -> int:
    """Delete comments with the replies below them, keeping approved counts exact."""
    selected = Comment.objects.select_for_update().filter(pk__in=comment_ids)
    roots = {c.thread_id or c.pk for c in selected.only("pk", "thread_id")}
    family = {
        c.pk: c
        for c in Comment.objects.select_for_update()
        .filter(Q(pk__in=roots) | Q(thread__in=roots))
        .only("pk", "parent_id", "article_id", "status")
    }
    gone = set(comment_ids) & family.keys()
    while below := {pk for pk, c in family.items() if c.parent_id in gone} - gone:
        gone |= below
    delta: dict[int, int] = {}
    for pk in gone:
        if family[pk].status == Comment.Status.APPROVED:
            delta[family[pk].article_id] = delta.get(family[pk].article_id, 0) - 1
    Comment.objects.filter(pk__in=gone).delete()
    _apply_count_changes(delta)
    return len(gone)


def _apply_count_changes(delta: dict[int, int]) -> None:
    comment_counts_change(delta)
    if any(delta.values()):
        # Comments appeared or went away in bulk (no save signals): those articles' pages.
        changed(*(article_page(article_id) for article_id in delta))
        for article_id in delta:
            transaction.on_commit(partial(discussion_changed, article_id))


# What an erased reporter's fingerprint starts with; a fingerprint is hex, so never this.
ERASED_REPORTER = "erased:"


def prune_ip_addresses(*, older_than_days: int) -> int:
    """Erase the IP address of comments past the retention period, and its keyed fingerprint
    with it, and the fingerprint of reports as old; return how many comments.

    The fingerprint only serves the flood check, which looks back seconds; kept longer, anyone
    holding SECRET_KEY could find an IPv4 address again by hashing all 2³² of them. An old
    report keeps a placeholder of its own instead (one a report, so it still counts as one
    reader's): that reader could report the same comment once more.
    """
    cutoff = timezone.now() - timedelta(days=older_than_days)
    stale = Comment.objects.filter(created_at__lt=cutoff).filter(
        Q(ip_address__isnull=False) | ~Q(ip_hash="")
    )
    CommentReport.objects.filter(created_at__lt=cutoff).exclude(
        reporter_hash__startswith=ERASED_REPORTER
    ).update(reporter_hash=Concat(Value(ERASED_REPORTER), Cast("pk", CharField())))
    return stale.update(ip_address=None, ip_hash="")


class ReportRefused(Exception):
    """A report that will not be counted (too many from one address), with the reason."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Report:
    article_url: str  # the page the comment is (or was) shown on
    counted: bool  # False: this reader had reported the comment already
    held: bool = False  # the report sent the comment back to moderation


def comment_report(*, comment_id: int, ip: str | None, reason: str = "") -> Report:
    """Count one reader's report of a published comment; enough readers' reports send it back
    to moderation. Raises Comment.DoesNotExist for a comment readers cannot see, and
    ReportRefused for an address past COMMENTS_REPORTS_PER_HOUR or with no address.
    """
    reporter = hash_ip(ip)
    if not reporter:
        raise ReportRefused(_("Your report could not be counted. Please try again later."))
    try:
        return _report_once(comment_id=comment_id, reporter=reporter, reason=reason)
    except IntegrityError:
        # The same reader's report, sent twice at once: the other request counted it.
        comment = _reported(Comment.objects.all()).get(pk=comment_id)
        return Report(article_url=comment.article.get_absolute_url(), counted=False)


def _reported(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    return comments.select_related("article").only(
        "pk", "article_id", "report_count", "article__id", "article__slug"
    )


@transaction.atomic
def _report_once(*, comment_id: int, reporter: str, reason: str) -> Report:
    # The comment's row is locked: its reports are counted one after another, so the count
    # is exact and only the report that reaches the threshold moves the comment.
    comment = _reported(Comment.objects.reportable().select_for_update(of=("self",))).get(
        pk=comment_id
    )
    article_url = comment.article.get_absolute_url()
    since = timezone.now() - timedelta(hours=1)
    this_comment, last_hour = Q(comment=comment), Q(created_at__gte=since)
    seen = (
        CommentReport.objects.filter(reporter_hash=reporter)
        .filter(this_comment | last_hour)
        .aggregate(mine=Count("pk", filter=this_comment), recent=Count("pk", filter=last_hour))
    )
    if seen["mine"]:
        return Report(article_url=article_url, counted=False)
    if seen["recent"] >= settings.COMMENTS_REPORTS_PER_HOUR:
        raise ReportRefused(
            _("You have sent many reports in a short time. Please try again in an hour.")
        )
    CommentReport.objects.create(comment=comment, reporter_hash=reporter, reason=reason)
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    held = comment.report_count + 1 >= settings.COMMENTS_REPORTS_TO_MODERATION
    if held:
        # As an editor's "unapprove": the article's count and page follow.
        comments_set_status([comment.pk], Comment.Status.PENDING)
    return Report(article_url=article_url, counted=True, held=held)


@transaction.atomic
def comment_reports_dismiss(comment_ids: list[int]) -> int:
    """Dismiss the reports of these comments (kept, no longer counted); return how many
    comments had any. Their status is left alone: an editor approves a held one as usual."""
    reported = list(
        Comment.objects.select_for_update()
        .filter(pk__in=comment_ids, report_count__gt=0)
        .values_list("pk", flat=True)
    )
    _dismiss_reports(reported)
    return len(reported)


def _dismiss_reports(comment_ids: list[int]) -> None:
    if not comment_ids:
        return
    CommentReport.objects.filter(comment__in=comment_ids, dismissed_at=None).update(
        dismissed_at=timezone.now()
    )
    Comment.objects.filter(pk__in=comment_ids).update(report_count=0)
