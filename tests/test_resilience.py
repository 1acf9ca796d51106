"""Pages, the admin login and the health check keep working when Redis is down or frozen."""

import socket
import threading
import time

from django.core.cache import caches
from django.test import override_settings

import pytest

from dima.cache import redis_cache
from tests.factories import ArticleFactory, CommentFactory


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def frozen_redis():
    """A server that accepts connections and never answers, like a Redis stopped with SIGSTOP."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture
def site(db, section):
    article = ArticleFactory(section=section, title="خبر يصمد")
    CommentFactory(article=article)
    return article


def assert_site_serves(client, article, admin_user) -> None:
    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "خبر يصمد" in client.get("/").text
    assert client.get("/admin/login/").status_code == 200
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin_user.username, "password": "password"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"database": "ok", "cache": "unavailable"}


def test_site_works_while_redis_is_down(client, site, admin_user):
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0")):
        caches.close_all()
        assert_site_serves(client, site, admin_user)


def test_site_works_while_redis_is_frozen(client, site, admin_user, frozen_redis):
    with override_settings(CACHES=redis_cache(frozen_redis)):
        caches.close_all()
        started = time.monotonic()
        assert_site_serves(client, site, admin_user)
        # Each cache call waits at most its socket timeout: slower, but bounded.
        assert time.monotonic() - started < 30


def test_health_check_reports_ok_with_a_working_cache(client, db):
    response = client.get("/healthz", HTTP_HOST="10.0.0.12")  # a load balancer's probe
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.fixture
def unreachable_database():
    """Point the connection at a database that cannot be reached, like one being restarted."""
    from django.db import connection

    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-directory/db.sqlite3"
    else:
        connection.settings_dict["PORT"] = closed_port()
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(original)


@pytest.mark.django_db(transaction=True)
def test_pages_answer_503_while_the_database_is_unreachable(client, unreachable_database):
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "الموقع غير متاح لحظياً" in response.content.decode()
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["database"] == "unavailable"
