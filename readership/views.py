from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from readership.services import view_recorded


# No CSRF token: the beacon changes nothing a forged request could abuse that a real one
# could not (one more view), sets no cookie and reads none. never_cache: no proxy keeps it.
@csrf_exempt
@require_POST
@never_cache
def article_viewed(request: HttpRequest, article_id: int) -> HttpResponse:
    """The beacon of an article's page (static/js/readership.js): one view, counted or not,
    answered the same way, with nothing in the answer."""
    view_recorded(article_id=article_id, user_agent=request.headers.get("User-Agent", ""))
    return HttpResponse(status=204)
