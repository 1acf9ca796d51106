from datetime import timedelta

from django.utils import timezone

import factory

from articles.models import Article, Author, Byline, Section, Tag


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
