from django.conf import settings
from django.core.management.base import BaseCommand

from comments.services import prune_ip_addresses


class Command(BaseCommand):
    help = (
        "Erase the IP addresses of comments older than COMMENTS_IP_RETENTION_DAYS, and their "
        "keyed fingerprints (the scheduler runs it daily; see docs/tasks.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.COMMENTS_IP_RETENTION_DAYS,
            help="Retention period in days (default: the COMMENTS_IP_RETENTION_DAYS setting).",
        )

    def handle(self, *args, days: int, **options):
        erased = prune_ip_addresses(older_than_days=days)
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased the IP address (and its fingerprint) of {erased} comments "
                f"older than {days} days."
            )
        )
