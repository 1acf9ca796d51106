"""Article work done by the task worker, away from the editor's request."""

from django.apps import apps
from django.conf import settings

from articles import notifications
from articles.body_images import responsive_body_images
from articles.freshness import articles_changed, public_ids
from articles.images import make_renditions
from articles.models import Article, EditorImage
from outbox.retry import retried_task


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
        if model is EditorImage:
            # The pages whose body shows the image.
            articles_changed(bodies_with_renditions_of(name), listed=False)
        else:
            # The article's page, and its card wherever it is shown (lists, related lists).
            listed = bool(public_ids([pk]))
            articles_changed([pk], listed=listed, related=listed)


def bodies_with_renditions_of(name: str) -> list[int]:
    """Articles saved while an image of their body waited for its renditions: give them now
    the srcset, dimensions and lazy loading their next save would (the body's text stays).
    Answers the articles whose body shows the image."""
    address = settings.MEDIA_URL.rstrip("/") + "/" + name
    showing = []
    for article in Article.objects.filter(body__contains=f'src="{address}"').only("pk", "body"):
        showing.append(article.pk)
        body = responsive_body_images(article.body)
        if body != article.body:
            Article.objects.filter(pk=article.pk).update(body=body)
    return showing
