from datetime import timedelta

from django.utils import timezone

import factory

from articles.models import Article, Author, Byline, Section, Tag
from comments.models import thread_place
from comments.services import comment_counts_change


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"قسم {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"وسم {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"كاتب رقم {n}")
    bio = "صحافي في ديما مسموع."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"خبر عاجل رقم {n}")
    section = factory.SubFactory(SectionFactory)
    excerpt = "ملخص قصير للخبر."
    body = "<p>الفقرة الأولى من الخبر.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def bylines(article, create, extracted, **kwargs):
        """Give every article one author unless a list of (author, label) is passed."""
        if not create:
            return
        credits = extracted if extracted is not None else [(AuthorFactory(), "")]
        for position, (author, label) in enumerate(credits):
            Byline.objects.create(article=article, author=author, label=label, position=position)

    @factory.post_generation
    def tags(article, create, extracted, **kwargs):
        if create and extracted:
            article.tags.set(extracted)


class DraftFactory(ArticleFactory):
    status = Article.Status.DRAFT


class ScheduledFactory(ArticleFactory):
    published_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "comments.Comment"

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"قارئ {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    body = factory.Sequence(lambda n: f"تعليق رقم {n}")
    status = "approved"
    content_hash = factory.Sequence(lambda n: f"hash-{n}")
    parent = None
    thread = factory.LazyAttribute(lambda o: thread_place(o.parent)[0])
    depth = factory.LazyAttribute(lambda o: thread_place(o.parent)[1])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        created_at = kwargs.pop("created_at", None)
        comment = super()._create(model_class, *args, **kwargs)
        if created_at is not None:  # auto_now_add ignores a given value
            model_class.objects.filter(pk=comment.pk).update(created_at=created_at)
            comment.created_at = created_at
        if comment.is_public:
            comment_counts_change({comment.article_id: 1})
        return comment
