"""Each choice leaves a receipt: proof of what was chosen, when, against which wording."""

import hashlib
import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from consent.models import BannerText, ConsentReceipt

pytestmark = pytest.mark.django_db


def test_a_choice_leaves_a_receipt_with_the_banner_wording_and_no_ip_address(client):
    response = client.post(
        "/cookies/save/", {"groups": ["functional"], "source": "banner"}, REMOTE_ADDR="203.0.113.9"
    )
    receipt = ConsentReceipt.objects.get()
    text = BannerText.objects.get(language="ar")
    assert receipt.choices == {"functional": True, "analytics": False}
    assert (
        receipt.banner_sha256 == hashlib.sha256(f"{text.title}\n{text.text}".encode()).hexdigest()
    )
    assert receipt.language == "ar" and receipt.source == "banner"
    assert f"receipt={receipt.pk.hex}" in response.cookies["cookie_consent"].value
    stored = [str(value) for value in ConsentReceipt.objects.values().get().values()]
    assert not any("203.0.113.9" in value for value in stored)


def test_a_new_wording_gives_receipts_a_new_fingerprint(client):
    client.post("/cookies/accept/")
    BannerText.objects.filter(language="ar").update(text="صيغة جديدة")
    BannerText.objects.get(language="ar").save()  # as the admin does: clears the cached text
    client.post("/cookies/decline/")
    first, second = ConsentReceipt.objects.order_by("created_at")
    assert first.banner_sha256 != second.banner_sha256
    assert second.choices == {"functional": False, "analytics": False}


def test_receipts_record_where_the_choice_was_made(client):
    client.post("/cookies/decline/", {"source": "closed"})
    client.post("/fr/cookies/save/", {"source": "settings", "groups": ["analytics"]})
    closed, settings_page = ConsentReceipt.objects.order_by("created_at")
    assert closed.source == "closed"
    assert settings_page.source == "settings" and settings_page.language == "fr"


def test_old_receipts_are_pruned_after_the_set_period(settings):
    settings.CONSENT_RECEIPT_DAYS = 30
    old = ConsentReceipt.objects.create(
        choices={}, banner_sha256="0" * 64, language="ar", source="banner"
    )
    ConsentReceipt.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = ConsentReceipt.objects.create(
        choices={}, banner_sha256="0" * 64, language="ar", source="banner"
    )
    out = io.StringIO()
    call_command("prune_consent_receipts", stdout=out)
    assert list(ConsentReceipt.objects.all()) == [recent]
    assert "1" in out.getvalue()
