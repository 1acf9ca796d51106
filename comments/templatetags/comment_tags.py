import re

from django import template
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

from comments.discussion import Discussion

register = template.Library()


@register.simple_tag(takes_context=True)
def discussion(context, article) -> Discussion:
    """The comments section of `article` as this request asks for it, for
    templates/comments/discussion.html; a form sent back comes as `comment_form`."""
    return Discussion(context["request"], article, form=context.get("comment_form"))


@register.filter
def comment_text(text: str) -> SafeString:
    """Escape a comment, link its addresses (rel nofollow ugc noopener) and keep its lines."""
    linked = urlize(text, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    paragraphs = re.split(r"\n\s*\n", linked.replace("\r\n", "\n").strip())
    return mark_safe(  # noqa: S308 (every piece was escaped by urlize)
        "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
    )
