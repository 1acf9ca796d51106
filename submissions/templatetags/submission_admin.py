from django import template

from submissions.models import Submission

register = template.Library()


@register.simple_tag(takes_context=True)
def new_submission_count(context) -> int | None:
    """How many readers' stories wait for a first look, for staff who may view them."""
    user = context["request"].user
    if not user.has_perm("submissions.view_submission"):
        return None
    return Submission.objects.received().count()
