from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt

from pages.models import URL_MAX_LENGTH, Page


# The view only ever reads: exempt from CSRF so that a POST to an address with no page gets a
# 404 (and the redirects' fallback a chance), not a 403.
@csrf_exempt
def page_detail(request: HttpRequest, url: str) -> HttpResponse:
    """The page at this address: published, or any page for staff who may view pages."""
    url = "/" + url  # what follows the language prefix, if any
    if len(url) > URL_MAX_LENGTH:
        raise Http404  # no page has so long an address: spare the database the question
    page = get_object_or_404(Page.objects.visible_to(request.user), url=url)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = TemplateResponse(request, "pages/page.html", {"page": page})
    if not page.published:
        response.headers["X-Robots-Tag"] = "noindex"
    return response
