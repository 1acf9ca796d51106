"""Optional Akismet check, used only when AKISMET_API_KEY is configured."""

import logging
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

import akismet

logger = logging.getLogger(__name__)


def akismet_client() -> akismet.SyncClient | None:
    if not settings.AKISMET_API_KEY:
        return None
    return _client(settings.AKISMET_CLIENT, settings.AKISMET_API_KEY, settings.AKISMET_SITE_URL)


@lru_cache(maxsize=2)
def _client(client_path: str, key: str, url: str) -> akismet.SyncClient:
    """One client a process, so its HTTP connection is reused between comments."""
    return import_string(client_path)(config=akismet.Config(key=key, url=url))


def looks_like_spam(
    *, name: str, email: str, url: str, body: str, ip: str | None, user_agent: str, permalink: str
) -> bool:
    """Akismet's opinion; False without a key, or when Akismet cannot be reached in time."""
    client = akismet_client()
    if client is None or not ip:
        return False
    try:
        verdict = client.comment_check(
            user_ip=ip,
            user_agent=user_agent,
            permalink=permalink,
            comment_type="comment",
            comment_author=name,
            comment_author_email=email,
            comment_author_url=url,
            comment_content=body,
            blog_lang="ar",
            blog_charset="UTF-8",
        )
    except akismet.AkismetError:
        # Moderation still applies: a comment is never lost because Akismet is away.
        logger.warning("Akismet could not check a comment", exc_info=True)
        return False
    return bool(verdict)
