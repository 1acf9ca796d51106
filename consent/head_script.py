"""The one inline script of the site, allowed by its hash in the Content-Security-Policy.

It runs before the page is painted: a reader who has already chosen never sees the banner
flash, even when a shared cache served the page with it.
"""

import base64
import hashlib

HEAD_SCRIPT = (
    "if(/(?:^|; )cookie_consent=/.test(document.cookie))"
    'document.documentElement.classList.add("consent-decided")'
)
HEAD_SCRIPT_HASH = (
    f"'sha256-{base64.b64encode(hashlib.sha256(HEAD_SCRIPT.encode()).digest()).decode()}'"
)
