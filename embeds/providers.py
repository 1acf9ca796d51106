"""Which addresses may become an embedded player, and the frame each becomes.

Parsing is strict on purpose: printable ASCII only (no NUL, no bidi controls, no look-alike
Unicode host), http or https, a host from a short list spelled exactly (no port, no user,
no `youtube.com.evil.com`), and an id of the provider's own shape. The frame's address is
then written by Dima from that id, so no part of an editor's address reaches it unchecked.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAX_URL_LENGTH = 500
PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]+")

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_TIME = re.compile(r"(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?")
FACEBOOK_PAGE_VIDEO = re.compile(r"/([A-Za-z0-9.]{1,80})/videos/(\d{1,20})/?")
FACEBOOK_SHORT = re.compile(r"/([A-Za-z0-9_-]{1,32})/?")
X_STATUS = re.compile(r"/([A-Za-z0-9_]{1,15})/status(?:es)?/(\d{1,20})/?")
DIGITS = re.compile(r"\d{1,20}")

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
YOUTUBE_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}
FACEBOOK_SHORT_HOSTS = {"fb.watch"}
X_HOSTS = {
    "x.com",
    "www.x.com",
    "mobile.x.com",
    "twitter.com",
    "www.twitter.com",
    "mobile.twitter.com",
}

UNSUPPORTED = _("Paste the address of a YouTube or Facebook video, or of a post on X.")


@dataclass(frozen=True)
class Provider:
    key: str
    name: Promise
    # The one origin its frame is loaded from: the page's CSP frame-src gets it.
    origin: str
    title: Promise
    action: Promise


YOUTUBE = Provider(
    "youtube",
    _("YouTube"),
    "https://www.youtube-nocookie.com",
    _("YouTube video"),
    _("Play video"),
)
FACEBOOK = Provider(
    "facebook",
    _("Facebook"),
    "https://www.facebook.com",
    _("Facebook video"),
    _("Play video"),
)
X = Provider(
    "x",
    _("X (Twitter)"),
    "https://platform.twitter.com",
    _("Post on X"),
    _("Show the post"),
)
PROVIDERS = (YOUTUBE, FACEBOOK, X)
ORIGINS = frozenset(provider.origin for provider in PROVIDERS)


@dataclass(frozen=True)
class Embed:
    provider: Provider
    id: str
    # The original, in its canonical spelling: the link readers follow without the frame.
    url: str
    # The frame's address, on `provider.origin`; loaded only once the reader clicks.
    src: str

    @property
    def title(self) -> Promise:
        return self.provider.title


def parse(url: str) -> Embed:
    """The embed a supported address stands for; ValidationError for anything else."""
    if not isinstance(url, str) or len(url) > MAX_URL_LENGTH:
        raise ValidationError(UNSUPPORTED, code="unsupported")
    if not PRINTABLE_ASCII.fullmatch(url):
        raise ValidationError(UNSUPPORTED, code="unsupported")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValidationError(UNSUPPORTED, code="unsupported") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationError(UNSUPPORTED, code="unsupported")
    # The whole authority must be a known host: no port, no user, no trailing dot.
    host = parts.netloc.lower()
    query = parse_qs(parts.query, keep_blank_values=True)
    embed = None
    if host in YOUTUBE_HOSTS | YOUTUBE_NOCOOKIE_HOSTS | {"youtu.be"}:
        embed = _youtube(host, parts.path, query)
    elif host in FACEBOOK_HOSTS | FACEBOOK_SHORT_HOSTS:
        embed = _facebook(host, parts.path, query)
    elif host in X_HOSTS:
        embed = _x(parts.path)
    if embed is None:
        raise ValidationError(UNSUPPORTED, code="unsupported")
    return embed


def find(url: str) -> Embed | None:
    """`parse`, with None for an address that is not a supported embed."""
    try:
        return parse(url)
    except ValidationError:
        return None


def validate_supported_url(url: str) -> None:
    """A model field's validator: only addresses Dima can embed."""
    parse(url)


def _one(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name, [])
    return values[0] if len(values) == 1 else None


def _start_seconds(query: dict[str, list[str]]) -> int:
    value = _one(query, "t") or _one(query, "start") or ""
    if DIGITS.fullmatch(value):
        return min(int(value), 86_400)
    match = YOUTUBE_TIME.fullmatch(value)
    if not value or not match:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return min(hours * 3600 + minutes * 60 + seconds, 86_400)


def _youtube(host: str, path: str, query: dict[str, list[str]]) -> Embed | None:
    video_id = None
    if host == "youtu.be":
        video_id = path.removeprefix("/").removesuffix("/")
    elif host in YOUTUBE_NOCOOKIE_HOSTS:
        if path.startswith("/embed/"):
            video_id = path.removeprefix("/embed/").removesuffix("/")
    elif path in ("/watch", "/watch/"):
        video_id = _one(query, "v")
    else:
        for prefix in ("/shorts/", "/embed/"):
            if path.startswith(prefix):
                video_id = path.removeprefix(prefix).removesuffix("/")
    if video_id is None or not YOUTUBE_ID.fullmatch(video_id):
        return None
    start = _start_seconds(query)
    src = f"{YOUTUBE.origin}/embed/{video_id}?autoplay=1"
    url = f"https://www.youtube.com/watch?v={video_id}"
    if start:
        src += f"&start={start}"
        url += f"&t={start}s"
    return Embed(YOUTUBE, video_id, url, src)


def _facebook(host: str, path: str, query: dict[str, list[str]]) -> Embed | None:
    if host in FACEBOOK_SHORT_HOSTS:
        match = FACEBOOK_SHORT.fullmatch(path)
        if not match:
            return None
        video_id = match[1]
        url = f"https://fb.watch/{video_id}/"
    elif path in ("/watch", "/watch/"):
        video_id = _one(query, "v")
        if video_id is None or not DIGITS.fullmatch(video_id):
            return None
        url = f"https://www.facebook.com/watch/?v={video_id}"
    else:
        match = FACEBOOK_PAGE_VIDEO.fullmatch(path)
        if not match:
            return None
        page, video_id = match.groups()
        url = f"https://www.facebook.com/{page}/videos/{video_id}/"
    src = f"{FACEBOOK.origin}/plugins/video.php?" + urlencode({"href": url, "show_text": "false"})
    return Embed(FACEBOOK, video_id, url, src)


def _x(path: str) -> Embed | None:
    match = X_STATUS.fullmatch(path)
    if not match:
        return None
    user, status_id = match.groups()
    # dnt: X is asked not to use the frame for personalisation.
    src = f"{X.origin}/embed/Tweet.html?id={status_id}&dnt=true"
    return Embed(X, status_id, f"https://x.com/{user}/status/{status_id}", src)
