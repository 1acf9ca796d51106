from django.test import RequestFactory

import pytest

from edge.client_ip import client_ip


@pytest.fixture
def request_from():
    def make(remote: str, forwarded: str | None = None):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)

    return make


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings, request_from):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("203.0.113.5", "198.51.100.66")) == "203.0.113.5"


def test_behind_one_proxy_the_address_it_saw_is_used(settings, request_from):
    settings.TRUSTED_PROXY_COUNT = 1
    # The reader forged the first entry; nginx appended the address it really saw.
    request = request_from("10.0.0.2", "198.51.100.66, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"
