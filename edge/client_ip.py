"""The reader's IP address, the one place it is read from a request.

Comments keep it for COMMENTS_IP_RETENTION_DAYS to fight spam and floods, and the admin
login lockout counts failures per address (AXES_CLIENT_IP_CALLABLE). Behind proxies the
address comes from X-Forwarded-For, trusted only as far as TRUSTED_PROXY_COUNT says.
"""

from django.conf import settings
from django.http import HttpRequest

from ipware.ip import get_client_ip


def client_ip(request: HttpRequest) -> str | None:
    """The reader's address: REMOTE_ADDR, or X-Forwarded-For behind TRUSTED_PROXY_COUNT proxies.

    Without trusted proxies X-Forwarded-For is ignored: anyone can send one.
    """
    if not settings.TRUSTED_PROXY_COUNT:
        return request.META.get("REMOTE_ADDR") or None
    ip, _routable = get_client_ip(
        request,
        proxy_order="right-most",
        proxy_count=settings.TRUSTED_PROXY_COUNT,
        request_header_order=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
    )
    return ip
