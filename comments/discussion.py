"""The comments section of an article page, as one request asks for it.

Which page of threads (`?comments-page=`), which comment a reply answers (`?replytocom=`),
which form (a fresh one, or the reader's own sent back with its errors), and whether the
section is the same for every reader and so may be kept (comments/fragments.py). What reads
the database is computed on first use: a section found in the cache costs no query.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest

from articles.models import Article
from comments import fragments
from comments.forms import CommentForm, ReportForm
from comments.models import Comment
from comments.selectors import ThreadPage, comment_threads
from comments.services import comments_open

PAGE_PARAM = "comments-page"


def positive_int(value: str | None, max_digits: int = 9) -> int | None:
    """A positive number from the address, or None; a page past a billion is no page."""
    if not value or len(value) > max_digits or not (value.isascii() and value.isdigit()):
        return None
    return int(value) or None


class Discussion:
    page_param = PAGE_PARAM
    seconds = fragments.SECONDS

    def __init__(self, request: HttpRequest, article: Article, *, form: CommentForm | None):
        """`form`: the reader's own, sent back by the posting view after validating it."""
        self.article = article
        self.sent_back = form
        self.page_number = positive_int(request.GET.get(PAGE_PARAM)) or 1
        self.reply_pk = positive_int(request.GET.get("replytocom"))
        self.is_open = comments_open(article)
        # A form sent back or a notice belongs to one reader; anything else may be kept.
        self.shared = form is None and not get_messages(request)
        self.retention_days = settings.COMMENTS_IP_RETENTION_DAYS

    @property
    def version(self) -> int:
        return fragments.discussion_version(self.article.pk)

    @cached_property
    def page(self) -> ThreadPage:
        return comment_threads(
            self.article, page=self.page_number, per_page=settings.COMMENTS_PER_PAGE
        )

    @cached_property
    def reply_to(self) -> Comment | None:
        if self.sent_back is not None:
            return self.sent_back.cleaned_data.get("parent")
        if not (self.is_open and self.reply_pk):
            return None
        return Comment.objects.approved().filter(article=self.article, pk=self.reply_pk).first()

    @cached_property
    def form(self) -> CommentForm | None:
        if not self.is_open:
            return None
        if self.sent_back is not None:
            return self.sent_back
        # Nothing of this reader's own: the section may be kept and served to anyone. The
        # remembered name, email and website are filled in by static/js/consent.js.
        return CommentForm(
            self.article, initial={"parent": self.reply_to.pk if self.reply_to else None}
        )

    @cached_property
    def report_form(self) -> ReportForm:
        """The reason asked under a comment when a reader reports it (static/js/comments.js):
        one copy in the page, so without ids."""
        return ReportForm(auto_id=False)
