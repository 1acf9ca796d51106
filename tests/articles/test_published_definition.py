""" "Published" has one definition: the queryset and the article in memory agree on it."""

from datetime import timedelta

from django.utils import timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# The section fixture is only read, never changed, by each example.

offsets = st.integers(min_value=-(10**6), max_value=10**6).filter(lambda s: abs(s) > 60)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(status=st.sampled_from(Article.Status.values), seconds_from_now=offsets)
def test_is_public_and_is_scheduled_agree_with_the_querysets(section, status, seconds_from_now):
    article = ArticleFactory(
        section=section,
        status=status,
        published_at=timezone.now() + timedelta(seconds=seconds_from_now),
    )
    assert article.is_public == Article.objects.published().filter(pk=article.pk).exists()
    assert article.is_scheduled == Article.objects.scheduled().filter(pk=article.pk).exists()
    assert not (article.is_public and article.is_scheduled)
    article.delete()
