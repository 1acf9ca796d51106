from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.images import clean_upload
from articles.models import Article, Author, Byline, Section, Tag
from articles.services import article_revision, article_save
from articles.slugs import arabic_slugify
from comments.models import Comment
from comments.services import ImportedComment, comments_import
from demo.illustrations import illustration
from demo.loader import DemoArticle


def paragraphs_to_html(paragraphs: list[str]) -> str:
    return format_html_join("\n", "<p>{}</p>", ((p,) for p in paragraphs))


@transaction.atomic
def demo_article_create(
    *, demo: DemoArticle, sections: dict[str, Section], image_palette: int
) -> Article | None:
    """Create one demo article with its byline, tags and a drawn image; None if it exists.

    As an editor's save through the admin: the drawn image is cleaned as an upload is, the
    article saved by `article_save` (which writes the renditions), then bylines and tags.
    """
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
        video_url=demo.video_url,
        image_caption=demo.image_caption,
        image_credit="ديما مسموع",
    )
    name = f"{arabic_slugify(demo.title, max_length=60) or 'article'}.jpg"
    article.image = clean_upload(ContentFile(illustration(demo.title, image_palette), name=name))
    article.image_alt = demo.image_caption or "رسم توضيحي"
    with article_revision(article, comment=_("Created by the demo loader.")):
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


def demo_discussion_create(*, article: Article, items: list[dict]) -> int:
    """Add the demo's comments and their replies, dated after the article; return how many."""
    comments: list[ImportedComment] = []

    def gather(items: list[dict], parent_key: str | None) -> None:
        for n, item in enumerate(items):
            key = f"{parent_key}.{n}" if parent_key else str(n)
            comments.append(
                ImportedComment(
                    key=key,
                    parent_key=parent_key,
                    name=item["name"],
                    email=item["email"],
                    url="",
                    body=item["body"],
                    created_at=article.published_at + timedelta(minutes=item["minutes_after"]),
                    status=Comment.Status.APPROVED,
                )
            )
            gather(item.get("replies", []), key)

    gather(items, None)
    return len(comments_import(article=article, comments=comments))
