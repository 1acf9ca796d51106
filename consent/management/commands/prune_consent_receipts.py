from django.conf import settings
from django.core.management.base import BaseCommand

from consent.services import receipts_prune


class Command(BaseCommand):
    help = (
        "Delete consent receipts older than CONSENT_RECEIPT_DAYS (the scheduler runs it daily; "
        "see docs/tasks.md)."
    )

    def handle(self, *args, **options):
        deleted = receipts_prune()
        days = settings.CONSENT_RECEIPT_DAYS
        self.stdout.write(f"{deleted} consent receipts older than {days} days deleted.")
