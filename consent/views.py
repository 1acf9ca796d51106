from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from cookie_consent.cache import all_cookie_groups
from cookie_consent.models import CookieGroup

from consent import catalogue
from consent.forms import ConsentChoiceForm
from consent.models import ConsentReceipt
from consent.services import consent_record
from consent.state import has_decided, reader_choices
from consent.status import status_parts
from edge.csrf import answers_csrf_failure_of

ACCEPT_ALL, DECLINE_ALL, SAVE = "accept", "decline", "save"


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def safe_next(request: HttpRequest, target: str) -> str:
    """Back to the page the reader came from (a path on this site), never to another site."""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("consent:settings")


@require_GET
def cookie_settings(request: HttpRequest) -> HttpResponse:
    """The cookie policy: every group and cookie, and the reader's choice, to change at will."""
    groups = CookieGroup.objects.prefetch_related("cookie_set").order_by("ordering", "pk")
    choices = reader_choices(request)
    rows = [
        {
            "group": group,
            "name": catalogue.group_name(group),
            "description": catalogue.group_description(group),
            "accepted": group.is_required or choices.get(group.varname) is True,
            "cookies": [
                {"name": cookie.name, "description": catalogue.cookie_description(cookie)}
                for cookie in group.cookie_set.all()
            ],
        }
        for group in groups
    ]
    response = render(
        request,
        "consent/settings.html",
        {"rows": rows, "decided": has_decided(request)},
    )
    # The page shows this reader's own choice.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_POST
def choose(request: HttpRequest, action: str) -> HttpResponse:
    form = ConsentChoiceForm(request.POST)
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        if wants_json(request):
            return JsonResponse({"errors": errors}, status=400)
        return render(request, "consent/choice_error.html", {"errors": errors}, status=400)
    data = form.cleaned_data
    if action == ACCEPT_ALL:
        accepted = set(all_cookie_groups())
    elif action == DECLINE_ALL:
        accepted = set()
    else:
        accepted = set(data["groups"])
    Source = ConsentReceipt.Source
    source = data["source"] or (Source.SETTINGS if action == SAVE else Source.BANNER)
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse({"accepted": sorted(accepted)})
    else:
        response = HttpResponseRedirect(safe_next(request, data["next"]))
        if data["source"] == Source.SETTINGS:
            messages.success(request, _("Your cookie choices are saved."))
    consent_record(request, response, accepted=accepted, source=source)
    patch_cache_control(response, no_store=True)
    return response


@answers_csrf_failure_of(choose)
def confirm_choice(request: HttpRequest, action: str) -> HttpResponse:
    """The same choice again, with a form token: for a reader without JavaScript (edge.csrf)."""
    form = ConsentChoiceForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"groups": [], "next": "", "source": ""}
    groups = all_cookie_groups()
    response = render(
        request,
        "consent/confirm.html",
        {
            "action_url": reverse(f"consent:{action}"),
            "action": action,
            "groups": [catalogue.group_name(groups[varname]) for varname in data["groups"]],
            "chosen": data["groups"],
            "next": safe_next(request, data["next"]),
            "source": data["source"],
        },
        status=403,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
@never_cache
def status(request: HttpRequest) -> JsonResponse:
    """Per reader, never cached by anyone: what a cached page cannot carry.

    A form token for the forms on the page, whether the banner is still needed, and what
    other apps add (consent/status.py), each part only with consent to its cookie group.
    """
    response = JsonResponse(
        {
            "csrftoken": get_token(request),
            "decided": has_decided(request),
            "choices": reader_choices(request),
            **status_parts(request),
        }
    )
    patch_vary_headers(response, ["Cookie"])
    return response
