import re

import pytest

from tests.factories import ArticleFactory


@pytest.fixture
def article(db, section):
    return ArticleFactory(title="مقال للنقاش", section=section)


@pytest.fixture
def comment_data(client):
    """The comment form of an article as a browser would send it, freshly issued, with the
    reader's start time that consent.js asks /cookies/status/ for."""

    def data(article, **fields):
        page = client.get(article.get_absolute_url())
        token = re.search(r'name="token" value="([^"]+)"', page.text)[1]
        started = client.get("/cookies/status/").json()["comment_form"]["started"]
        values = {
            "body": "مقال مفيد، شكراً.",
            "name": "سلمى",
            "email": "salma@example.com",
            "url": "",
            "token": token,
            "started": started,
            "honeypot": "",
            **fields,
        }
        return {key: value for key, value in values.items() if value is not None}

    return data


@pytest.fixture
def post_comment(client, comment_data):
    """Post the comment form of `article` with these fields changed."""

    def post(article, *, follow=False, remote_addr="203.0.113.7", **fields):
        return client.post(
            f"/comments/{article.pk}/post/",
            comment_data(article, **fields),
            follow=follow,
            REMOTE_ADDR=remote_addr,
        )

    return post
