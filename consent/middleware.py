"""The reader's cookie choices applied to every response: the banner and a cookie guard."""

import logging

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from cookie_consent.middleware import CleanCookiesMiddleware

from consent.guard import unconsented_cookies
from consent.rendering import render_banner
from consent.state import has_decided

# The banner goes before this comment of base.html (or, on a page without it, before </body>).
BANNER_PLACE = b"<!--consent-banner-->"

logger = logging.getLogger(__name__)


class CookieConsentMiddleware(CleanCookiesMiddleware):
    """The reader's cookie choices, applied at the edge of every response.

    It sits outside the page cache (pagecache.middleware), so cached pages are the same for every
    reader and this adds what differs:

    - django-cookie-consent's own clean-up (the base class): cookies of groups not, or no
      longer, accepted that came with the request are deleted;
    - a guard on the response: a registered cookie of a group the reader has not accepted
      is dropped even when it is set by the very response that carries it (the library's
      clean-up only deletes cookies that came with the request);
    - the banner, before </body> of an HTML page, for a reader who has not chosen yet.

    The base class's __call__ runs this after the view, when COOKIE_CONSENT_ENABLED allows.
    """

    SKIP_PREFIXES = ("/admin/",)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            if request.COOKIES:  # else nothing came to clean: spare the groups' cache read
                super().process_response(request, response)
            self.drop_unconsented_cookies(request, response)
            if self.wants_banner(request, response):
                self.add_banner(request, response)
            elif self.is_page(request, response):
                # Without the banner this page is this reader's: no shared cache may keep it.
                patch_cache_control(response, private=True)
        except DatabaseError:
            logger.warning("Cookie groups unavailable; page sent without the banner")
        return response

    def drop_unconsented_cookies(self, request: HttpRequest, response: HttpResponse) -> None:
        for name in unconsented_cookies(request, response):
            del response.cookies[name]

    def is_page(self, request: HttpRequest, response: HttpResponse) -> bool:
        return (
            response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
            and not request.path.startswith(self.SKIP_PREFIXES)
        )

    def wants_banner(self, request: HttpRequest, response: HttpResponse) -> bool:
        return self.is_page(request, response) and not has_decided(request)

    def add_banner(self, request: HttpRequest, response: HttpResponse) -> None:
        # Where base.html marks it, right after the skip link, so that a keyboard reader
        # reaches the banner's choices within a few Tabs (the CSS keeps it at the bottom).
        content = response.content
        place = content.find(BANNER_PLACE)
        if place == -1:
            place = content.rfind(b"</body>")
        if place == -1:
            return
        response.content = content[:place] + render_banner(request).encode() + content[place:]
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
