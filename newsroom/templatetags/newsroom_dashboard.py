from django import template

from newsroom.dashboard import Dashboard, newsroom_dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard(context) -> Dashboard:
    return newsroom_dashboard(context["request"].user)
