"""Old addresses answer 301 to their new page; pages that exist never pay for the look-up.

The table is consulted only when nothing else answered: a 404, or CommonMiddleware's
"add a slash" redirect for an address that has no page either (so `/archives/123` goes to its
new page in one step, not two). The exception is WordPress's home-page queries (`/?p=123`):
the home page answers any query string, so those are looked up before the view runs, and
only when such a parameter is present.

The middleware sits outside the page cache: a redirect added for an address whose page was
cached (the home page at `/?p=123`) is answered at once.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from redirects.paths import has_wordpress_query, request_address
from redirects.services import redirect_find


def is_added_slash_redirect(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether `response` is CommonMiddleware's redirect to the address with a slash added."""
    return (
        response.status_code == 301
        and not request.path_info.endswith("/")
        and response.get("Location") == request.get_full_path(force_append_slash=True)
    )


class RedirectFallbackMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == "/" and has_wordpress_query(request.GET):
            moved = self.moved(request)
            if moved is not None:
                return moved
        response = self.get_response(request)
        if response.status_code == 404 or is_added_slash_redirect(request, response):
            return self.moved(request) or response
        return response

    def moved(self, request: HttpRequest) -> HttpResponse | None:
        found = redirect_find(request_address(request.path_info, request.GET.lists()))
        return HttpResponsePermanentRedirect(found.new_path) if found is not None else None
