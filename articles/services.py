from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import Truncator

from articles.demo.illustrations import illustration
from articles.demo.loader import DemoArticle
from articles.images import clean_upload, make_renditions
from articles.models import Article, Author, Byline, Section, Tag
from articles.slugs import arabic_slugify
from pagecache.generation import pages_changed_on_commit


def paragraphs_to_html(paragraphs: list[str]) -> str:
    return format_html_join("\n", "<p>{}</p>", ((p,) for p in paragraphs))


@transaction.atomic
def demo_article_create(
    *, demo: DemoArticle, sections: dict[str, Section], image_palette: int
) -> Article | None:
    """Create one demo article with its byline, tags and a drawn image; None if it exists."""
    if Article.objects.filter(title=demo.title).exists():
        return None
    article = Article(
        title=demo.title,
        section=sections[demo.section],
        excerpt=demo.excerpt or Truncator(demo.paragraphs[0]).words(30),
        body=paragraphs_to_html(demo.paragraphs),
        status=Article.Status.PUBLISHED,
        published_at=timezone.make_aware(demo.published_at),
        comments_open=demo.comments_open,
        image_caption=demo.image_caption,
        image_credit="ديما مسموع",
    )
    name = f"{arabic_slugify(demo.title, max_length=60) or 'article'}.jpg"
    article.image = clean_upload(ContentFile(illustration(demo.title, image_palette), name=name))
    article.image_alt = demo.image_caption or "رسم توضيحي"
    article_save(article=article, image_changed=True)
    for position, credit in enumerate(demo.byline):
        author = author_for(credit["author"])
        Byline.objects.create(
            article=article, author=author, label=credit.get("label", ""), position=position
        )
    article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in demo.tags])
    return article


def author_for(slug_or_name: str) -> Author:
    """Find an author by slug or display name, creating one from the name if neither matches."""
    slug = arabic_slugify(slug_or_name)
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        author = Author.objects.filter(name=slug_or_name).first()
    return author or Author.objects.create(name=slug_or_name)


def articles_set_status(articles, status: str, *, editor) -> int:
    """Publish or unpublish several articles at once (the admin's bulk actions).

    `QuerySet.update()` sends no signal: the change is announced here, once committed, so
    that cached pages drop the articles (or show them) as a save through the form does.
    """
    count = articles.update(status=status, last_edited_by=editor, updated_at=timezone.now())
    if count:
        pages_changed_on_commit()
    return count


def article_save(*, article: Article, editor=None, image_changed: bool = False) -> Article:
    """Save an article as the newsroom does: who wrote and edited it, and, when its featured
    image is new, the image's renditions once the row (and so the file) is stored.

    The image itself arrives already cleaned (articles.images.clean_upload, which the
    admin form's image field calls).
    """
    if editor is not None:
        if article.pk is None:
            article.created_by = editor
        article.last_edited_by = editor
    article.save()
    if image_changed and article.image:
        make_renditions(article.image)
    return article
