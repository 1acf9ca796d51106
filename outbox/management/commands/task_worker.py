from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the task worker of the configured queue: `db_worker` for the database queue, "
        "`rqworker --with-scheduler` for RQ (TASKS_BACKEND=rq)."
    )

    def handle(self, *args, **options):
        if settings.TASKS_BACKEND == "rq":
            call_command("rqworker", "default", with_scheduler=True)
        else:
            call_command("db_worker", "--no-startup-delay")
