"""Article work done by the task worker, away from the editor's request."""

from django.apps import apps

from articles import notifications
from articles.images import make_renditions
from outbox.retry import retried_task
from pagecache.generation import pages_changed


@retried_task()
def notify_review_requested(article_id: int) -> None:
    notifications.notify_review_requested(article_id)


@retried_task()
def make_renditions_for(model_label: str, pk: int, name: str) -> None:
    """Write the renditions of the image `name` of one row (an Article or an EditorImage),
    then let pages use them. Nothing to do if the row is gone or has another image since."""
    model = apps.get_model(model_label)
    instance = model.objects.filter(pk=pk, image=name).first()
    if instance is None:
        return
    make_renditions(instance.image)
    if model.objects.filter(pk=pk, image=name).update(renditions_ready=True):
        pages_changed()
