"""Recording a reader's cookie choice: the consent cookie, the clean-up, and the receipt."""

from datetime import timedelta

from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.utils.translation import get_language

from cookie_consent.cache import all_cookie_groups
from cookie_consent.conf import settings
from cookie_consent.util import get_cookie_dict_from_request, set_cookie_dict_to_response

from consent.banner import banner_text
from consent.models import ConsentReceipt

RECEIPT_KEY = "receipt"


def consent_record(
    request: HttpRequest,
    response: HttpResponseBase,
    *,
    accepted: set[str],
    source: str,
) -> ConsentReceipt:
    """Accept the groups in `accepted`, decline every other optional group, keep a receipt.

    Declining deletes the group's cookies the reader already has. The consent cookie lives
    COOKIE_CONSENT_MAX_AGE (6 months by default); after that the banner asks again.
    """
    groups = all_cookie_groups()
    choices = {varname: varname in accepted for varname in groups}
    cookie = get_cookie_dict_from_request(request)
    for varname, group in groups.items():
        if choices[varname]:
            cookie[varname] = group.get_version()
        else:
            cookie[varname] = settings.COOKIE_CONSENT_DECLINE
            if group.is_deletable:
                for registered in group.cookie_set.all():
                    if registered.name in request.COOKIES:
                        response.delete_cookie(
                            registered.name, registered.path, registered.domain or None
                        )
    receipt = ConsentReceipt.objects.create(
        choices=choices,
        banner_sha256=banner_text(get_language()).fingerprint,
        language=get_language(),
        source=source,
    )
    cookie[RECEIPT_KEY] = receipt.pk.hex
    set_cookie_dict_to_response(response, cookie)
    return receipt


def receipts_prune() -> int:
    """Delete the consent receipts older than CONSENT_RECEIPT_DAYS; return how many."""
    cutoff = timezone.now() - timedelta(days=django_settings.CONSENT_RECEIPT_DAYS)
    deleted, _ = ConsentReceipt.objects.older_than(cutoff).delete()
    return deleted
