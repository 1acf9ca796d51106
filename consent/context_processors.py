from django.conf import settings

from consent.head_script import HEAD_SCRIPT


def consent(request):
    return {
        "consent_head_script": HEAD_SCRIPT,
        "matomo_url": settings.MATOMO_URL,
        "matomo_site_id": settings.MATOMO_SITE_ID,
    }
