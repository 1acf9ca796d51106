"""What every page's <head> needs from consent, including the site's one inline script.

The head script (static/js/consent-head.js, read once by the settings, which allow it in the
Content-Security-Policy by the hash of the same text) runs before the page is painted: a
reader who has already chosen never sees the banner flash, even when a shared cache served
the page with it. A choice counts only if it covers each group's current version
(data-consent on <html>: group=version ...): when a cookie is added to a group, the reader is
asked again, as on the server. It is also the one reader of the consent cookie in the
browser: consent.js asks it (window.dimaConsent) what the reader allows.
"""

from django.conf import settings

from cookie_consent.cache import all_cookie_groups


def consent(request):
    return {
        "consent_head_script": settings.CONSENT_HEAD_SCRIPT,
        # What a choice must cover, for the head script.
        "consent_versions": lambda: " ".join(
            f"{varname}={group.get_version()}" for varname, group in all_cookie_groups().items()
        ),
        "matomo_url": settings.MATOMO_URL,
        "matomo_site_id": settings.MATOMO_SITE_ID,
    }
