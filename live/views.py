from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from live.feed import entries_json


@require_safe
def entries(request: HttpRequest, article_id: int) -> HttpResponse:
    """A live article's entries as JSON, polled by static/js/live.js."""
    body = entries_json(article_id)
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="application/json")
    seconds = settings.LIVE_JSON_MAX_AGE
    # Shared by every reader: browsers and proxies keep it a little less than a poll.
    patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds)
    return response
