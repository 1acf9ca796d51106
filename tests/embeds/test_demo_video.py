"""`make run` shows a video: one demo article has one above its text and a post in its body."""

from io import StringIO

from django.core.management import call_command

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_article_with_a_video_and_a_post_in_its_body(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # again: nothing twice
    videos = Article.objects.published().filter(has_video=True)
    assert videos.count() == 1
    article = videos.get()
    assert article.video_url == "https://www.youtube.com/watch?v=jNQXAC9IVRw"
    html = client.get(article.get_absolute_url()).text
    assert html.count('<figure class="embed ') == 2
    assert "embed--youtube embed--lead" in html and "embed--x" in html
    assert article.title in client.get("/فيديو/").text
