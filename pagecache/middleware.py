"""Whole pages for anonymous readers, kept in the cache and shared by all of them.

The middleware sits outside sessions, CSRF and authentication, so a page found in the cache
costs no SQL query and no per-visitor work. What differs between readers is never stored:
a request that carries a session (editors) or a one-time message (after posting a comment)
skips the cache, and a response that sets a cookie or is marked private is not kept. The
cookie banner and the forms' CSRF tokens are added per reader outside it (see
consent.middleware.CookieConsentMiddleware and static/js/consent.js).

A page is kept with the versions of what it shows (pagecache.dependencies), read in the
same round trip as the page: a change to one article renders that article's page again,
and the lists that show it, and leaves every other page in the cache. A page is kept no
longer than the next moment pages change by themselves (a scheduled article going public).
"""

import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_cache_control

from pagecache.dependencies import page_dependencies, page_lifetime, read_versions, version_key


def shared_query(request: HttpRequest) -> str:
    """The request's parameters that some page reads (PAGE_CACHE_QUERY_KEYS), sorted.

    Everything else (`utm_*`, `fbclid`, a random string) is dropped, so it can neither make
    a new cached page nor appear in one (the language links repeat the address).
    """
    wanted = settings.PAGE_CACHE_QUERY_KEYS
    return urlencode(
        sorted(
            (key, value) for key, values in request.GET.lists() if key in wanted for value in values
        )
    )


def use_query(request: HttpRequest, query: str) -> None:
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


def page_key(request: HttpRequest) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}"


def cached_page(request: HttpRequest, key: str) -> HttpResponse | None:
    """The page kept for this address, if what it shows has not changed since: one cache
    round trip for the page and the versions of what it depends on.

    A page is stored with those versions as they were before it was rendered: one stored
    under older versions is not served, and the next render replaces it. The versions are
    left on the request (`page_versions`, `site` first) for what else is kept with them
    (the banner follows `site`).
    """
    names = page_dependencies(request)
    found = cache.get_many([key, *(version_key(name) for name in names)])
    versions = read_versions(names, found)
    request.page_versions = versions
    entry = found.get(key)
    if entry is not None and entry[0] == versions:
        return entry[1]
    return None


def is_shared_request(request: HttpRequest) -> bool:
    """A reader nobody knows: no login session, no one-time message waiting."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
    )


def is_shared_response(response: HttpResponse) -> bool:
    """The same bytes would be right for any anonymous reader."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def drop_reader_variations(response: HttpResponse) -> None:
    """A shared page depends on its address alone.

    Django says `Vary: Cookie` whenever the session was looked at (to learn that the reader
    is anonymous) and `Vary: Accept-Language` on addresses without a language prefix, where
    the language is Arabic whatever the browser asks. Left in, they would split a proxy's
    cache per reader. Readers with a session or a message never get a shared page.
    """
    kept = [
        header.strip()
        for header in response.get("Vary", "").split(",")
        if header.strip() and header.strip().lower() not in ("cookie", "accept-language")
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif response.has_header("Vary"):
        del response["Vary"]


def mark_shared(response: HttpResponse) -> None:
    """Proxies and CDNs may keep the page a short while, and serve it stale while they
    fetch a fresh copy; browsers check again each time."""
    drop_reader_variations(response)
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
        stale_while_revalidate=settings.PAGE_CACHE_SHARED_STALE_SECONDS,
    )


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_shared_request(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                # An editor's page (or a reader's notice) must never be kept by a proxy.
                response["Cache-Control"] = "private"
            return response
        # The page is rendered from the parameters it is kept under, whatever else was sent;
        # the middleware outside (redirects, the banner's address) sees the request as sent.
        sent_query = request.META.get("QUERY_STRING", "")
        use_query(request, shared_query(request))
        try:
            response = self.shared_response(request)
        finally:
            use_query(request, sent_query)
        return response

    def shared_response(self, request: HttpRequest) -> HttpResponse:
        if settings.PAGE_CACHE:
            key = page_key(request)
            cached = cached_page(request, key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if is_shared_response(response):
            mark_shared(response)
            # One piece: a feed is written in ~900 small pieces, and the server sends each
            # piece in its own socket write, every time the page is served (6 ms, not 1 ms).
            response.content = response.content
            if settings.PAGE_CACHE:
                cache.set(key, (request.page_versions, response), timeout=page_lifetime())
                response["X-Page-Cache"] = "miss"
        return response
