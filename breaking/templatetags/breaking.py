from django import template

from breaking.services import strip_items

register = template.Library()


@register.inclusion_tag("breaking/strip.html")
def breaking_strip() -> dict:
    """The «عاجل» strip: nothing at all when no item is running."""
    return {"items": strip_items()}
