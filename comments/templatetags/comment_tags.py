import re
from datetime import datetime, tzinfo
from functools import lru_cache

from django import forms, template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language, gettext

from comments.discussion import Discussion
from comments.selectors import ThreadPage

register = template.Library()


@register.simple_tag(takes_context=True)
def discussion(context, article) -> Discussion:
    """The comments section of `article` as this request asks for it, for
    templates/comments/discussion.html; a form sent back comes as `comment_form`."""
    return Discussion(context["request"], article, form=context.get("comment_form"))


@lru_cache(maxsize=4096)
def moment(value: datetime, timezone: tzinfo, language: str) -> tuple[SafeString, SafeString]:
    """A comment's time, as |date:"c" and |date:"DATETIME_FORMAT" would show it in `timezone`
    and the active `language`, escaped: the same comments are shown on every request."""
    local = value.astimezone(timezone)
    return escape(local.isoformat()), escape(date_format(local, "DATETIME_FORMAT"))


@register.simple_tag
def comment_rows(page: ThreadPage) -> list[dict]:
    """The comments of a page in reading order, every value templates/comments/thread.html
    shows computed and escaped once, for one loop with no include per comment. Dicts, not
    objects: a template finds a key at its first try, an attribute at its second."""
    timezone, language = get_current_timezone(), get_language()
    # comments:report is "…/report/<pk>/": reversed once, not once a comment.
    report_prefix = reverse("comments:report", args=[0]).removesuffix("0/")
    rows = []
    for thread, closes in page.in_order():
        comment = thread.comment
        iso, when = moment(comment.created_at, timezone, language)
        rows.append(
            {
                "id": escape(comment.pk),  # as text: a number would go through number formatting
                "name": escape(comment.name),
                "url": escape(comment.url),
                "datetime": iso,
                "when": when,
                "text": comment_text(comment.body),
                "reply_title": escape(gettext("Reply to %(name)s") % {"name": comment.name}),
                "report_url": f"{report_prefix}{comment.pk}/",
                "has_replies": bool(thread.replies),
                "closes": range(closes),  # the reply lists that end after it
            }
        )
    return rows


# Rendered fields of forms not yet sent: (form class, field, language, value, id, prefix) -> HTML.
_FIELD_GROUPS: dict[tuple, SafeString] = {}


@register.simple_tag
def field_group(form: forms.Form, name: str) -> SafeString:
    """`form[name].as_field_group`: label, help text, errors and widget.

    A field of a form not yet sent shows the same HTML on every page in a language (the
    comment form's values are filled in by the browser), and Django's form templates cost
    more than the rest of the comments: it is rendered once. A form sent back is rendered
    with its values and errors each time.
    """
    field = form[name]
    if form.is_bound:
        return field.as_field_group()
    key = (type(form), name, get_language(), repr(field.value()), form.auto_id, form.prefix)
    html = _FIELD_GROUPS.get(key)
    if html is None:
        if len(_FIELD_GROUPS) > 256:  # a handful of fields in three languages: never, in fact
            _FIELD_GROUPS.clear()
        html = _FIELD_GROUPS[key] = field.as_field_group()
    return html


@register.filter
def comment_text(text: str) -> SafeString:
    """Escape a comment, link its addresses (rel nofollow ugc noopener) and keep its lines."""
    return _comment_html(str(text))


# A page shows the same comments again and again, and finding addresses (urlize) is the
# dearest part of a comment: each text is converted once. Depends on the text alone.
@lru_cache(maxsize=1024)
def _comment_html(text: str) -> SafeString:
    linked = urlize(text, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    paragraphs = re.split(r"\n\s*\n", linked.replace("\r\n", "\n").strip())
    return mark_safe(  # noqa: S308 (every piece was escaped by urlize)
        "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    )
