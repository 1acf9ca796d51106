from django import template

from articles.models import Article

register = template.Library()


@register.simple_tag(takes_context=True)
def submitted_article_count(context) -> int | None:
    """How many articles wait for review, for staff who may publish them."""
    user = context["request"].user
    if not user.has_perm("articles.publish_article"):
        return None
    return Article.objects.filter(status=Article.Status.SUBMITTED).count()
