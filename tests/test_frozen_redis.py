"""A frozen Redis (a real redis-server stopped with SIGSTOP) costs a page a bounded delay.

Without a bound, every cache call of every page waited for its socket timeout. The circuit
breaker of dima/cache.py lets one call per process wait, then skips Redis for
CACHE_BREAKER_SECONDS: pages are rendered from the database, as on a cache miss.

Skipped when redis-server is not installed; DIMA_REQUIRE_REDIS_SERVER=1 (CI) makes that an error.
"""

import os
import shutil
import signal
import socket
import subprocess
import time

from django.core.cache import cache
from django.test import override_settings

import pytest

from bench.nginx_server import free_port
from dima import cache as dima_cache
from dima.cache import SOCKET_TIMEOUT, redis_cache
from tests.factories import ArticleFactory, CommentFactory

BREAKER_SECONDS = 2


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of its own, started as in production: a memory bound, LRU, no dumps."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed: apt-get install redis-server"
        if os.environ.get("DIMA_REQUIRE_REDIS_SERVER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            "64mb",
            "--maxmemory-policy",
            "allkeys-lru",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("redis-server did not start") from None
            time.sleep(0.05)
    yield process, f"redis://127.0.0.1:{port}/0"
    process.send_signal(signal.SIGCONT)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def breaker(monkeypatch):
    monkeypatch.setattr(dima_cache.breaker, "reset_timeout", BREAKER_SECONDS)
    dima_cache.breaker.close()
    yield dima_cache.breaker
    dima_cache.breaker.close()


def timed_get(client, url: str) -> float:
    started = time.monotonic()
    response = client.get(url)
    elapsed = time.monotonic() - started
    assert response.status_code == 200, url
    return elapsed


def test_a_frozen_redis_costs_a_page_at_most_one_socket_timeout(
    client, db, section, redis_server, breaker
):
    process, url = redis_server
    article = ArticleFactory(section=section, title="خبر يصمد")
    CommentFactory(article=article)
    pages = ["/", article.get_absolute_url(), section.get_absolute_url()]
    with override_settings(CACHES=redis_cache(url)):
        cache.set("probe", "here")
        assert cache.get("probe") == "here"
        # How long each page takes rendered from the database with Redis answering.
        rendered = {}
        for page in pages:
            cache.clear()
            rendered[page] = timed_get(client, page)

        process.send_signal(signal.SIGSTOP)
        try:
            frozen = [timed_get(client, page) for _ in range(4) for page in pages]
        finally:
            process.send_signal(signal.SIGCONT)

        slowest_render = max(rendered.values())
        # One call waited for its socket timeout (the breaker opened); none of the others did.
        assert frozen[0] < slowest_render + 2 * SOCKET_TIMEOUT + 0.2, (frozen, rendered)
        for elapsed in frozen[1:]:
            assert elapsed < slowest_render + 0.2, (frozen, rendered)
        assert "خبر يصمد" in client.get("/").text

        # Redis answers again: after CACHE_BREAKER_SECONDS one call tries it, and it is used.
        time.sleep(BREAKER_SECONDS + 0.1)
        client.get("/")
        cache.set("probe", "back")
        assert cache.get("probe") == "back"
        assert breaker.current_state == "closed"
