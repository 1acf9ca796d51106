"""What the site does over time by itself: TASKS_SCHEDULE's tasks, each enqueued on its cron
line by `manage.py run_scheduler` (APScheduler) for the task worker to run."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

logger = logging.getLogger(__name__)


def enqueue(task_path: str) -> None:
    try:
        result = import_string(task_path).enqueue()
    except Exception:  # the database or Redis away for a moment: the next run tries again
        logger.exception("Scheduled task %s could not be queued", task_path)
        return
    logger.info("Scheduled task %s queued (%s)", task_path, result.id)


def scheduler() -> BlockingScheduler:
    """Every TASKS_SCHEDULE entry on its cron line (TIME_ZONE), or, when
    TASKS_SCHEDULE_EVERY_SECONDS is set (tests, demos), every that many seconds.

    Each is also queued once at start: upkeep missed while the site was down is caught up
    (every scheduled task is safe to run again).
    """
    timezone = settings.TIME_ZONE
    every = settings.TASKS_SCHEDULE_EVERY_SECONDS
    jobs = BlockingScheduler(
        timezone=timezone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )
    for task_path, cron in settings.TASKS_SCHEDULE.items():
        import_string(task_path)  # a misspelt path stops the scheduler at once
        trigger = (
            IntervalTrigger(seconds=every, timezone=timezone)
            if every
            else CronTrigger.from_crontab(cron, timezone=timezone)
        )
        jobs.add_job(enqueue, trigger, args=[task_path], id=task_path, name=task_path)
        catch_up = f"{task_path} (at start)"
        jobs.add_job(enqueue, args=[task_path], id=catch_up, name=catch_up)
    return jobs
