"""The most SQL queries each page may run: one figure per page, held by every test of that page.

A reader's page is counted with the site-wide caches warm (tests.conftest.warm_site_wide_caches)
and the page itself uncached.
"""

HOME = 6
# With or without a discussion, on any page of its comments; the seventh query reads the
# article's corrections and updates (one query however many, none when it has none).
ARTICLE = 7
SECTION = 6
TAG = 6
AUTHOR = 6
SEARCH = 6
FEED = 6  # the site's, a section's, a tag's or an author's; RSS or Atom
PAGE = 1  # a standing page (pages/): the page itself

# What an editor's session adds to any page: the session, the user and the permissions (×2).
EDITOR_SESSION = 4

# Saving an article through the admin's change form (editor, one byline, one tag), and what its
# revision adds (articles/history.py): a savepoint and its release, the tags read to serialize
# the article and to follow them, the three "still there?" checks, the revision and its versions.
# The save itself is 25 queries, plus 7 since the corrections inline (its formset) and the
# stale-save check (the row locked and read again, its bylines fingerprinted) joined the form,
# plus 1 since the page cache moves on only what changed: the article as it was before the
# save, to know the lists it leaves (articles/signals.py), plus 1 when the title, slug, status
# or publication time changed: whether the breaking-news strip shows it (breaking/signals.py).
ADMIN_ARTICLE_SAVE = 34
ARTICLE_REVISION = 9

# The admin's sign-in (staff/): the page; a password sign-in without a second factor (django-axes'
# checks and log, the session renewed, the staff session described); with one, the password step
# (the user's devices read to choose the next step) and the code step (the device checked and its
# counter moved, then the sign-in).
ADMIN_LOGIN_PAGE = 6
ADMIN_LOGIN_PASSWORD = 30
ADMIN_LOGIN_PASSWORD_STEP = 12
ADMIN_LOGIN_CODE_STEP = 27
