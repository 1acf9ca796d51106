from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the task worker of the configured queue: `db_worker` for the database queue, "
        "`rqworker --with-scheduler` with django-tasks-rq's job class for RQ (TASKS_BACKEND=rq)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst", action="store_true", help="Run the tasks waiting, then stop."
        )

    def handle(self, *args, burst: bool, **options):
        if settings.TASKS_BACKEND == "rq":
            # The scheduler moves deferred tasks (retries) to the queue when their time comes.
            call_command(
                "rqworker",
                "default",
                burst=burst,
                with_scheduler=True,
                job_class="django_tasks_rq.backend.Job",
            )
        else:
            call_command("db_worker", "--no-startup-delay", *(["--batch"] if burst else []))
