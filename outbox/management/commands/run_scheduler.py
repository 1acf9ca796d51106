import logging
import signal

from django.core.management.base import BaseCommand

from outbox.schedule import scheduler


class Command(BaseCommand):
    help = (
        "Queue TASKS_SCHEDULE's tasks on their cron lines, for the task worker (one scheduler "
        "per site; `make run` and `make serve` start it; docs/tasks.md)."
    )

    def handle(self, *args, **options):
        handler = logging.StreamHandler(self.stdout)
        for name in ("outbox.schedule", "apscheduler"):
            logger = logging.getLogger(name)
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            logger.propagate = False
        jobs = scheduler()

        def stop(signum, frame):
            if jobs.running:
                jobs.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        for job in jobs.get_jobs():
            self.stdout.write(f"{job.name}: {job.trigger}")
        jobs.start()
