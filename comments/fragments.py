"""The comments caches: what is kept, and what makes it stale.

What is kept:
- each article's comments section, rendered, as every reader sees it (no form sent back, no
  notice): by `{% cache %}` in templates/comments/discussion.html, for SECONDS, under the
  article's discussion version, the page of threads, the comment replied to (`?replytocom=`),
  whether comments are open, and the language;
- whole pages (pagecache/), which hold that section too.

What invalidates what, once the change is committed:
- a comment saved or deleted, unless it is new and held for moderation
  (comments/signals.py), and comments approved, hidden or deleted in bulk, or sent back
  to moderation by readers' reports (comments.services): `discussion_changed` moves that
  article's discussion version on (its other sections are never read again) and
  `pages_changed` starts a new page generation;
- comments opening or closing (on the article, or by COMMENTS_CLOSE_AFTER_DAYS) is part of
  the key: the section is rendered again when the page is;
- an article edited starts a new page generation but leaves kept sections alone: they show
  no article field but its comment count (moved on with its comments) and its address (the
  "cancel reply" link, which redirects from an old address to the new one);
- the comment form's signed time token ages while a section is kept, which only loosens the
  "sent too fast" check by up to SECONDS.
"""

from pagecache.versions import current_version, next_version

SECONDS = 3600


def _version_key(article_id: int) -> str:
    return f"comments:version:{article_id}"


def discussion_version(article_id: int) -> int:
    return current_version(_version_key(article_id))


def discussion_changed(article_id: int) -> None:
    next_version(_version_key(article_id))
