"""The one inline script of the site, allowed by its hash in the Content-Security-Policy.

It runs before the page is painted: a reader who has already chosen never sees the banner
flash, even when a shared cache served the page with it. A choice counts only if it covers
each group's current version (data-consent on <html>: group=version ...): when a cookie
is added to a group, the reader is asked again, as on the server.
"""

import base64
import hashlib

HEAD_SCRIPT = (
    "(function(){var d=document.documentElement,"
    'm=/(?:^|; )cookie_consent="?([^";]*)/.exec(document.cookie),c={};'
    "if(!m)return;"
    'm[1].split("|").forEach(function(p){p=p.split("=");c[p[0]]=p[1]});'
    'if((d.dataset.consent||"").split(" ").every(function(g){g=g.split("=");'
    'return!g[0]||c[g[0]]==="-1"||(c[g[0]]||"")>=g[1]}))'
    'd.classList.add("consent-decided")})()'
)
HEAD_SCRIPT_HASH = (
    f"'sha256-{base64.b64encode(hashlib.sha256(HEAD_SCRIPT.encode()).digest()).decode()}'"
)
