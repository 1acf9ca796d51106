from django.conf import settings

from cookie_consent.cache import all_cookie_groups

from consent.head_script import HEAD_SCRIPT


def consent(request):
    return {
        "consent_head_script": HEAD_SCRIPT,
        # What a choice must cover, for the head script and consent.js (see head_script.py).
        "consent_versions": lambda: " ".join(
            f"{varname}={group.get_version()}" for varname, group in all_cookie_groups().items()
        ),
        "matomo_url": settings.MATOMO_URL,
        "matomo_site_id": settings.MATOMO_SITE_ID,
    }
