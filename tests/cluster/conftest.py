"""The cluster of deploy/cluster.py, started once for the end-to-end tests (`make test-cluster`).

These tests run only when asked for (`pytest -m cluster`): `make test` leaves them out. When
what the cluster needs is missing (nginx, redis-server, PostgreSQL), they are skipped with the
reason; DIMA_REQUIRE_CLUSTER=1 (`make test-cluster`, so CI) makes that an error.
"""

import json
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

from bench.machine import machine_facts
from bench.nginx_server import nginx_binary
from deploy.cluster import Cluster
from tests.cluster.client import Client

REQUIRE = os.environ.get("DIMA_REQUIRE_CLUSTER") == "1"
EDITOR = ("cluster-editor", "a-long-cluster-password-1")


def pytest_collection_modifyitems(config, items):
    """Out of every run that did not ask for them with `-m cluster`."""
    if "cluster" in (config.option.markexpr or ""):
        return
    kept, left_out = [], []
    for item in items:
        (left_out if item.get_closest_marker("cluster") else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def missing_tools() -> list[str]:
    missing = []
    if nginx_binary() is None:
        missing.append("nginx")
    missing.extend(tool for tool in ("redis-server", "openssl") if shutil.which(tool) is None)
    return missing


@pytest.fixture(scope="session")
def cluster():
    missing = missing_tools()
    if missing:
        message = f"the cluster needs {', '.join(missing)}: apt-get install {' '.join(missing)}"
        if REQUIRE:
            pytest.fail(message)
        pytest.skip(message)
    running = Cluster(
        # Not under pytest's own temporary directories: another pytest run on the machine
        # may remove old ones while this cluster still writes its logs there.
        workdir=Path(tempfile.mkdtemp(prefix="dima-cluster-")),
        base_port=int(os.environ.get("CLUSTER_TEST_PORT", "8250")),
        database_url=os.environ.get(
            "CLUSTER_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dima_cluster_test"
        ),
        fresh_database=True,
    )
    try:
        running.start()
    except Exception as error:
        if REQUIRE:
            raise
        pytest.skip(f"the cluster did not start: {error}")
    make_editor(running)
    yield running
    running.stop()
    shutil.rmtree(running.workdir, ignore_errors=True)


def make_editor(cluster: Cluster) -> None:
    """A staff member who edits articles, moderates comments and reads readers' stories (not
    a superuser)."""
    username, password = EDITOR
    code = textwrap.dedent(
        f"""
        from django.contrib.auth.models import Permission, User
        user = User.objects.create_user({username!r}, "editor@dima.invalid", {password!r},
                                        is_staff=True)
        user.user_permissions.set(Permission.objects.filter(
            content_type__app_label__in=["articles", "comments", "submissions"]))
        """
    )
    cluster.manage("shell", "-c", code)


def django_query(cluster: Cluster, code: str):
    """The JSON a snippet of code prints, run by manage.py in the cluster's environment."""
    result = cluster.manage("shell", "-c", textwrap.dedent(code))
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def editor(cluster) -> Client:
    return Client(cluster, address="10.0.0.9")


@pytest.fixture(scope="session")
def report():
    """Figures the tests measured, with the machine they ran on: printed, and written to
    DIMA_CLUSTER_REPORT when set (docs/bench/*-cluster.txt are such files)."""
    lines = [f"{key}: {value}" for key, value in machine_facts().items()]
    lines.append(f"load average at the start: {os.getloadavg()[0]:.2f}")
    lines.append("")
    yield lines
    lines.append(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    text = "\n".join(lines) + "\n"
    print("\n" + text)  # noqa: T201
    target = os.environ.get("DIMA_CLUSTER_REPORT")
    if target:
        Path(target).write_text(text)
