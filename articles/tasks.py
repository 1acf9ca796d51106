"""Article work done by the task worker, away from the editor's request."""

from django_tasks import task

from articles import notifications


@task()
def notify_review_requested(article_id: int) -> None:
    notifications.notify_review_requested(article_id)
