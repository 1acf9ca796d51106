from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from consent.models import ConsentReceipt


class Command(BaseCommand):
    help = "Delete consent receipts older than CONSENT_RECEIPT_DAYS (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        days = settings.CONSENT_RECEIPT_DAYS
        deleted, _ = ConsentReceipt.objects.older_than(
            timezone.now() - timedelta(days=days)
        ).delete()
        self.stdout.write(f"{deleted} consent receipts older than {days} days deleted.")
