"""What /cookies/status/ carries for other apps: one reader's own data, behind their consent.

A cached page is the same for every reader, so what is one reader's (the commenter
remembered by the comments app, say) reaches their browser through /cookies/status/. An app
adds its part here, named and tied to the cookie group it belongs to; consent sends it only
to a reader who accepted that group, and an empty dict to anyone else. A part that is no
cookie and stores nothing (the comment form's signed start time) has no group and goes to
every reader. Consent so knows no content app: they tell it what to carry (from their
AppConfig.ready()).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from consent.state import consents_to


@dataclass(frozen=True)
class StatusPart:
    group: str | None
    read: Callable[[HttpRequest], dict]


_parts: dict[str, StatusPart] = {}


def add_to_status(name: str, *, group: str | None, read: Callable[[HttpRequest], dict]) -> None:
    """Send `read(request)` as `name` in /cookies/status/, to readers who accepted `group`
    (to every reader when `group` is None: nothing stored, no consent needed)."""
    _parts[name] = StatusPart(group=group, read=read)


def status_parts(request: HttpRequest) -> dict[str, dict]:
    return {
        name: part.read(request) if part.group is None or consents_to(request, part.group) else {}
        for name, part in _parts.items()
    }
