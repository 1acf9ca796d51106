import re

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

from comments import fragments
from comments.forms import CommentForm
from comments.models import Comment
from comments.selectors import comment_threads
from comments.services import comments_open

register = template.Library()

PAGE_PARAM = "comments-page"


def _positive_int(value: str | None, max_digits: int = 9) -> int | None:
    """A positive number from the address, or None; a page past a billion is no page."""
    if not value or len(value) > max_digits or not (value.isascii() and value.isdigit()):
        return None
    return int(value) or None


@register.simple_tag(takes_context=True)
def comments_section(context, article) -> SafeString:
    """The comments and the form. Shown as on every page (no form sent back, no notice),
    it is the same for every reader: rendered once and kept (comments/fragments.py)."""
    request = context["request"]
    shared = context.get("comment_form") is None and not context.get("messages")
    if not shared:
        return _render_comments_section(context, article, with_csrf=True)
    key = fragments.fragment_key(
        article.pk,
        page=_positive_int(request.GET.get(PAGE_PARAM)) or 1,
        reply_to=_positive_int(request.GET.get("replytocom")),
        is_open=comments_open(article),
    )
    html = cache.get(key)
    if html is None:
        html = _render_comments_section(context, article, with_csrf=False)
        cache.set(key, html, timeout=fragments.SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our own escaping template)


def _render_comments_section(context, article, *, with_csrf: bool) -> SafeString:
    """`with_csrf` only for a form sent back: a kept copy must carry no reader's token."""
    request = context["request"]
    page = comment_threads(
        article,
        page=_positive_int(request.GET.get(PAGE_PARAM)) or 1,
        per_page=settings.COMMENTS_PER_PAGE,
    )
    is_open = comments_open(article)
    form = context.get("comment_form")
    reply_to = None
    if is_open and form is None:
        reply_pk = _positive_int(request.GET.get("replytocom"))
        if reply_pk:
            reply_to = Comment.objects.approved().filter(article=article, pk=reply_pk).first()
        form = CommentForm(
            article,
            # Nothing of this reader's own: the page may be served from a shared cache.
            # The remembered name, email and website are filled in by static/js/consent.js.
            initial={"parent": reply_to.pk if reply_to else None},
        )
    elif form is not None:
        # A form sent back with its errors: it has been validated by the posting view.
        reply_to = form.cleaned_data.get("parent")
    return render_to_string(
        "comments/section.html",
        {
            "article": article,
            "page": page,
            "page_param": PAGE_PARAM,
            "form": form if is_open else None,
            "reply_to": reply_to,
            "max_depth": settings.COMMENTS_MAX_DEPTH,
            "retention_days": settings.COMMENTS_IP_RETENTION_DAYS,
            "messages": context.get("messages"),
            "request": request,
        },
        request=request if with_csrf else None,
    )


@register.filter
def comment_text(text: str) -> SafeString:
    """Escape a comment, link its addresses (rel nofollow ugc noopener) and keep its lines."""
    linked = urlize(text, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    paragraphs = re.split(r"\n\s*\n", linked.replace("\r\n", "\n").strip())
    return mark_safe(  # noqa: S308 (every piece was escaped by urlize)
        "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    )
