"""Fault-and-load check for Dima's production-like server (`make serve`, PostgreSQL + Redis).

What it does, in order:

1. setup: (re)creates the PostgreSQL database ``dima_faults``, runs ``migrate``, ``load_demo``
   and ``load_demo_comments`` into it, starts ``make serve`` on http://127.0.0.1:8140 (Redis
   database 14 as the cache) and finds the seed article, the lead story of the home page;
2. load: 30 s at 32 keep-alive connections, alternating the home page and the article;
3. database restart: 8 connections plus a comment poster for ~40 s, PostgreSQL stopped
   after ~10 s and started again 5 s later; every acknowledged comment must be stored once;
4. redis down: Redis shut down, 10 s of load, /healthz must say the cache is unavailable;
5. redis frozen: Redis stopped with SIGSTOP, 10 s of load, then SIGCONT.

Whatever happens (an error, Ctrl-C, SIGTERM), PostgreSQL and Redis are brought back, the
server's process group is killed and ``dima_faults`` is dropped.

Run it from the project directory, as root, on a machine where PostgreSQL (cluster ``main``
of the version under /etc/postgresql, 127.0.0.1:5432, user ``postgres``, trust auth) and Redis
(127.0.0.1:6379) may be stopped and restarted -- never on a shared or production host::

    .venv/bin/python bench/faults.py [--json results.json] [--log /tmp/dima-faults-server.log]

It takes about two minutes. The server's output goes to the log file. Exit code 0 when
every expectation holds: no 5xx and no socket error under load, no acknowledged comment
lost, no 5xx after the database came back, recovery within 10 s, only 200s while Redis is
down or frozen; 1 when one fails; 2 when the check could not run to the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import re
import secrets
import shlex
import signal
import string
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import redis
from processes import stop_process_group

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PORT = 8140
BASE_URL = f"http://{HOST}:{PORT}"
DB_NAME = "dima_faults"
PG_ADMIN_DSN = f"host={HOST} port=5432 user=postgres dbname=postgres"
PG_DSN = f"host={HOST} port=5432 user=postgres dbname={DB_NAME}"
REDIS_PORT = 6379
REDIS_DB = 14
# Exactly how CI starts it (see /var/log/redis/ci.log).
REDIS_START = shlex.split(
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no'
    " --dir /var/lib/redis --logfile /var/log/redis/ci.log"
)
PYTHON = str(ROOT / ".venv" / "bin" / "python")
REQUEST_TIMEOUT = 15.0  # seconds; gunicorn's own worker timeout is 30 s
MAX_RECOVERY_SECONDS = 10.0
ARTICLE_HREF = re.compile(r'href="(/articles/(\d+)/[^/"]+/)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_FIELD = re.compile(r'name="token" value="([^"]+)"')
ALERT_TEXT = re.compile(r'role="alert">(.*?)</', re.S)

# Set when the run must end (Ctrl-C, SIGTERM, a phase over): every loop below watches it.
STOP_ALL = threading.Event()


# --------------------------------------------------------------------------- results


@dataclass
class LoadStats:
    """Requests of one phase (or one time window of it): statuses, latency, socket errors."""

    name: str
    seconds: float = 0.0
    connections: int = 0
    requests: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    max_ms: float | None = None

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def count_5xx(self) -> int:
        return sum(n for code, n in self.statuses.items() if code.startswith("5"))

    @property
    def count_socket_errors(self) -> int:
        return sum(self.socket_errors.values())

    @property
    def all_200(self) -> bool:
        return self.requests > 0 and set(self.statuses) == {"200"} and not self.socket_errors

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(
            requests_per_second=round(self.requests_per_second, 1),
            count_5xx=self.count_5xx,
            count_socket_errors=self.count_socket_errors,
        )
        return data


@dataclass
class RestartResult:
    """The database restart: timings (seconds from the phase start), windows, comments."""

    stop_issued_s: float | None = None
    stopped_s: float | None = None
    start_issued_s: float | None = None
    db_back_s: float | None = None
    article_200_s: float | None = None
    healthz_200_s: float | None = None
    recovery_s: float | None = None
    healthz_during_outage: list = field(default_factory=list)  # [status, body]
    whole: LoadStats | None = None
    before: LoadStats | None = None
    outage: LoadStats | None = None
    after: LoadStats | None = None
    comments_attempted: int = 0
    comments_acknowledged: int = 0
    comments_found: int = 0
    comments_lost: int = 0
    comments_duplicated: int = 0
    comments_failed_in_outage: int = 0
    comments_failed_outside_outage: int = 0
    comments_stored_unacknowledged: int = 0
    comment_failures: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class RedisResult:
    """A Redis fault: the load during it and what /healthz said."""

    load: LoadStats
    healthz_status: int | None = None
    healthz_body: dict | str | None = None
    healthz_after_status: int | None = None
    healthz_after_body: dict | str | None = None


@dataclass
class Report:
    started_at: str
    machine: str
    load_average_before: tuple[float, ...] = ()
    load_average_after: tuple[float, ...] = ()
    article: str = ""
    load: LoadStats | None = None
    restart: RestartResult | None = None
    redis_down: RedisResult | None = None
    redis_frozen: RedisResult | None = None
    server_errors: dict[str, list[str]] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)
    error: str | None = None


# --------------------------------------------------------------------------- helpers


def log(message: str) -> None:
    stamp = datetime.now().strftime("%H:%M:%S")
    sys.stderr.write(f"[{stamp}] {message}\n")
    sys.stderr.flush()


def random_secret(length: int = 50) -> str:
    # No "$": django-environ reads a value starting with it as a reference to another variable.
    alphabet = string.ascii_letters + string.digits + "-_"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def django_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@{HOST}:5432/{DB_NAME}",
        REDIS_URL=f"redis://{HOST}:{REDIS_PORT}/{REDIS_DB}",
        HTTPS="0",
        DEBUG="0",
        SECRET_KEY=random_secret(),
        COMMENTS_FLOOD_SECONDS="0",
        COMMENTS_MIN_SECONDS="0",
        GUNICORN_ACCESS_LOG="",
        PORT=str(PORT),
    )
    return env


def run(command: list[str], *, timeout: float, check: bool = True, **kwargs):
    """Run a command to completion (bounded), raising when it fails (unless check=False)."""
    return subprocess.run(  # noqa: S603 (fixed argument lists, no shell)
        command, cwd=ROOT, timeout=timeout, check=check, **kwargs
    )


def fetch(path: str, *, timeout: float = 5.0, method: str = "GET", body=None, headers=None):
    """One request on a fresh connection: (status, headers, body bytes)."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def percentile(sorted_values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = min(max(1, math.ceil(fraction * len(sorted_values))), len(sorted_values))
    return sorted_values[rank - 1]


def pg_version() -> str:
    versions = sorted(
        (p.name for p in Path("/etc/postgresql").iterdir() if p.name.isdigit()), key=int
    )
    if not versions:
        raise RuntimeError("no PostgreSQL cluster under /etc/postgresql")
    return versions[-1]


def pg_ctl(action: str, *extra: str) -> None:
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), "main", action]
    run([*command, *extra], timeout=60, capture_output=True)


def pg_accepts_connections() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=1):
            return True
    except psycopg.Error:
        return False


def redis_client(db: int = 0) -> redis.Redis:
    return redis.Redis(
        host=HOST, port=REDIS_PORT, db=db, socket_timeout=1, socket_connect_timeout=1
    )


def redis_pings() -> bool:
    try:
        return bool(redis_client().ping())
    except redis.RedisError:
        return False


def redis_pids() -> list[int]:
    """Pids of redis-server processes serving port 6379 (pgrep, checked against /proc)."""
    found = subprocess.run(  # noqa: S603
        ["pgrep", "-f", f"redis-server.*{REDIS_PORT}"],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=10,
    )
    pids = []
    for word in found.stdout.split():
        try:
            if Path(f"/proc/{word}/comm").read_text().strip() == "redis-server":
                pids.append(int(word))
        except OSError:
            continue
    return pids


def wait_until(predicate, *, timeout: float, interval: float = 0.2) -> float | None:
    """Poll until predicate() is true: the monotonic time it became true, or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic()
        time.sleep(interval)
    return None


def healthz() -> tuple[int | None, dict | str | None]:
    try:
        status, _headers, body = fetch("/healthz", timeout=5)
    except (OSError, http.client.HTTPException) as exc:
        return None, type(exc).__name__
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body[:200].decode(errors="replace")


# --------------------------------------------------------------------------- load


Sample = tuple[float, float, int]  # request start, end (monotonic), status (0: socket error)


@dataclass
class LoadRun:
    """Threads keeping keep-alive connections busy until `stop` is set or the deadline."""

    paths: list[str]
    connections: int
    deadline: float
    stop: threading.Event = field(default_factory=threading.Event)
    samples: list[Sample] = field(default_factory=list)
    errors: list[tuple[float, str]] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> LoadRun:
        self.started = time.monotonic()
        for index in range(self.connections):
            thread = threading.Thread(target=self._worker, args=(index,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def finish(self) -> LoadRun:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
        self.ended = time.monotonic()
        return self

    def _worker(self, index: int) -> None:
        samples: list[Sample] = []
        errors: list[tuple[float, str]] = []
        conn: http.client.HTTPConnection | None = None
        turn = index
        while time.monotonic() < self.deadline and not self.stop.is_set() and not STOP_ALL.is_set():
            path = self.paths[turn % len(self.paths)]
            turn += 1
            if conn is None:
                conn = http.client.HTTPConnection(HOST, PORT, timeout=REQUEST_TIMEOUT)
            began = time.monotonic()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                errors.append((began, type(exc).__name__))
                conn.close()
                conn = None
                time.sleep(0.05)  # a refused connection must not become a busy loop
            samples.append((began, time.monotonic(), status))
        if conn is not None:
            conn.close()
        with self._lock:
            self.samples.extend(samples)
            self.errors.extend(errors)

    def stats(self, name: str, start: float | None = None, end: float | None = None) -> LoadStats:
        """Statistics of the requests that started in [start, end)."""
        start = self.started if start is None else start
        end = self.ended if end is None else end
        chosen = [s for s in self.samples if start <= s[0] < end]
        latencies = sorted((s[1] - s[0]) * 1000 for s in chosen if s[2])
        statuses = Counter(str(s[2]) for s in chosen if s[2])
        errors = Counter(kind for began, kind in self.errors if start <= began < end)
        rounded = {
            key: (round(value, 1) if value is not None else None)
            for key, value in {
                "p50_ms": percentile(latencies, 0.50),
                "p95_ms": percentile(latencies, 0.95),
                "p99_ms": percentile(latencies, 0.99),
                "max_ms": latencies[-1] if latencies else None,
            }.items()
        }
        return LoadStats(
            name=name,
            seconds=round(max(0.0, min(end, self.ended) - max(start, self.started)), 2),
            connections=self.connections,
            requests=len(chosen),
            statuses=dict(sorted(statuses.items())),
            socket_errors=dict(errors),
            **rounded,
        )


def run_load(name: str, paths: list[str], connections: int, seconds: float) -> LoadStats:
    log(f"{name}: {seconds:.0f} s at {connections} connections")
    load = LoadRun(paths, connections, time.monotonic() + seconds).start()
    deadline = load.deadline
    while time.monotonic() < deadline and not STOP_ALL.is_set():
        time.sleep(0.2)
    return load.finish().stats(name)


# --------------------------------------------------------------------------- comments


@dataclass
class CommentAttempt:
    uid: str
    began: float
    ended: float
    outcome: str  # "acknowledged", or where and how it failed


def post_comment(article: str, article_id: str, number: int, uid: str) -> str:
    """GET the article with a fresh cookie jar, then POST a comment: the outcome."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", article)
        response = conn.getresponse()
        html = response.read().decode("utf-8", errors="replace")
        if response.status != 200:
            return f"GET {response.status}"
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        csrf_field, token_field = CSRF_FIELD.search(html), TOKEN_FIELD.search(html)
        if "csrftoken" not in jar or not csrf_field or not token_field:
            return "GET 200 without csrftoken cookie or form tokens"
        form = {
            "body": f"fault-check {uid}",
            "name": "Fault check",
            "email": f"fault-{number}@example.com",
            "url": "",
            "token": token_field.group(1),
            "honeypot": "",
            "csrfmiddlewaretoken": csrf_field.group(1),
        }
        conn.request(
            "POST",
            f"/comments/{article_id}/post/",
            body=urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={m.value}" for k, m in jar.items()),
                "Referer": BASE_URL + article,
            },
        )
        response = conn.getresponse()
        page = response.read().decode("utf-8", errors="replace")
        if response.status == 302:
            return "acknowledged"
        alerts = [re.sub(r"<[^>]+>|\s+", " ", a).strip() for a in ALERT_TEXT.findall(page)]
        return f"POST {response.status}" + (f" ({'; '.join(alerts)[:120]})" if alerts else "")
    except (OSError, http.client.HTTPException) as exc:
        return f"socket {type(exc).__name__}"
    finally:
        conn.close()


def comment_poster(article: str, article_id: str, load: LoadRun, out: list[CommentAttempt]):
    number = 0
    while time.monotonic() < load.deadline and not load.stop.is_set() and not STOP_ALL.is_set():
        number += 1
        uid = str(uuid.uuid4())
        began = time.monotonic()
        outcome = post_comment(article, article_id, number, uid)
        out.append(CommentAttempt(uid, began, time.monotonic(), outcome))
        load.stop.wait(0.3)


def stored_comment_counts() -> Counter:
    with psycopg.connect(PG_DSN, connect_timeout=5) as conn:
        rows = conn.execute(
            "SELECT body FROM comments_comment WHERE body LIKE %s", ("fault-check %",)
        ).fetchall()
    return Counter(body.removeprefix("fault-check ").strip() for (body,) in rows)


# --------------------------------------------------------------------------- setup


def recreate_database() -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database() -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def prepare_database(env: dict[str, str], log_file) -> None:
    log(f"setup: database {DB_NAME}, migrate, load_demo, load_demo_comments")
    recreate_database()
    redis_client(REDIS_DB).flushdb()  # the check's own cache database, nothing else
    for command in (
        ["migrate", "--noinput"],
        ["load_demo"],
        ["load_demo_comments"],
    ):
        run([PYTHON, "manage.py", *command], env=env, timeout=600, stdout=log_file, stderr=log_file)


def start_server(env: dict[str, str], log_file) -> subprocess.Popen:
    log(f"setup: make serve on {BASE_URL} (output in {log_file.name})")
    server = subprocess.Popen(  # noqa: S603
        ["make", "serve"],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        process_group=0,  # its own group: make, gunicorn and its workers go down together
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not STOP_ALL.is_set():
        if server.poll() is not None:
            raise RuntimeError(f"make serve exited with {server.returncode}")
        if healthz()[0] == 200:
            return server
        time.sleep(0.5)
    raise RuntimeError("the server did not answer /healthz with 200 within 180 s")


def find_seed_article() -> tuple[str, str]:
    status, _headers, body = fetch("/", timeout=REQUEST_TIMEOUT)
    if status != 200:
        raise RuntimeError(f"home page answered {status}")
    html = body.decode("utf-8", errors="replace")
    lead = re.search(r'class="[^"]*\bcard--lead\b', html)
    if not lead:
        raise RuntimeError('no element with class "card--lead" on the home page')
    link = ARTICLE_HREF.search(html, lead.start())
    if not link:
        raise RuntimeError("no article link inside the lead card")
    return link.group(1), link.group(2)


# --------------------------------------------------------------------------- phases


def phase_load(paths: list[str]) -> LoadStats:
    return run_load("load", paths, connections=32, seconds=30)


def phase_db_restart(article: str, article_id: str, paths: list[str]) -> RestartResult:
    """Load and comments while PostgreSQL is stopped for 5 s and started again."""
    result = RestartResult()
    log("database restart: 8 connections + comment poster, PostgreSQL stop after 10 s")
    load = LoadRun(paths, 8, time.monotonic() + 120).start()
    t0 = load.started
    attempts: list[CommentAttempt] = []
    poster = threading.Thread(
        target=comment_poster, args=(article, article_id, load, attempts), daemon=True
    )
    poster.start()
    stop_issued = site_back = None

    def since_start(moment: float | None) -> float | None:
        return None if moment is None else round(moment - t0, 2)

    try:
        STOP_ALL.wait(max(0.0, t0 + 10 - time.monotonic()))
        stop_issued = time.monotonic()
        pg_ctl("stop", "-m", "fast")
        stopped = time.monotonic()
        log(f"database restart: PostgreSQL stopped in {stopped - stop_issued:.1f} s")
        result.healthz_during_outage = list(healthz())
        STOP_ALL.wait(max(0.0, stopped + 5 - time.monotonic()))
        start_issued = time.monotonic()
        pg_ctl("start")
        db_back = wait_until(pg_accepts_connections, timeout=60, interval=0.1)
        if db_back is None:
            raise RuntimeError("PostgreSQL did not accept connections within 60 s of start")
        log(
            "database restart: PostgreSQL accepts connections again,"
            f" {db_back - stopped:.1f} s after the stop"
        )
        first_200: dict[str, float] = {}
        probe_deadline = time.monotonic() + 30
        while len(first_200) < 2 and time.monotonic() < probe_deadline:
            for path in (article, "/healthz"):
                if path in first_200:
                    continue
                try:
                    status = fetch(path, timeout=5)[0]
                except (OSError, http.client.HTTPException):
                    status = 0
                if status == 200:
                    first_200[path] = time.monotonic()
            time.sleep(0.05)
        result.article_200_s = since_start(first_200.get(article))
        result.healthz_200_s = since_start(first_200.get("/healthz"))
        if len(first_200) == 2:
            site_back = max(first_200.values())
            result.recovery_s = round(site_back - db_back, 2)
            log(f"database restart: site answers 200 again {result.recovery_s} s after")
        else:
            result.errors.append("the site did not answer 200 within 30 s of the database")
        result.stop_issued_s = since_start(stop_issued)
        result.stopped_s = since_start(stopped)
        result.start_issued_s = since_start(start_issued)
        result.db_back_s = since_start(db_back)
        # At least 40 s in all, and 10 s of load after the recovery.
        until = max(t0 + 40, (site_back or time.monotonic()) + 10)
        STOP_ALL.wait(max(0.0, min(until, load.deadline) - time.monotonic()))
    except (subprocess.SubprocessError, RuntimeError) as exc:
        result.errors.append(str(exc))
    finally:
        load.finish()
        poster.join(timeout=2 * REQUEST_TIMEOUT + 5)

    outage_start = stop_issued or load.ended
    outage_end = site_back or load.ended
    result.whole = load.stats("database restart")
    result.before = load.stats("before stop", load.started, outage_start)
    result.outage = load.stats("outage", outage_start, outage_end)
    result.after = load.stats("after recovery", outage_end, load.ended)
    check_comments(result, attempts, outage_start, outage_end)
    return result


def check_comments(
    result: RestartResult, attempts: list[CommentAttempt], outage_start: float, outage_end: float
) -> None:
    """Every acknowledged comment must be stored exactly once."""
    stored = stored_comment_counts()
    acknowledged = [a for a in attempts if a.outcome == "acknowledged"]
    failed = [a for a in attempts if a.outcome != "acknowledged"]
    in_outage = [a for a in failed if a.ended >= outage_start and a.began < outage_end]
    result.comments_attempted = len(attempts)
    result.comments_acknowledged = len(acknowledged)
    result.comments_found = sum(1 for a in acknowledged if stored[a.uid] >= 1)
    result.comments_lost = sum(1 for a in acknowledged if stored[a.uid] == 0)
    result.comments_duplicated = sum(1 for a in attempts if stored[a.uid] > 1)
    result.comments_failed_in_outage = len(in_outage)
    result.comments_failed_outside_outage = len(failed) - len(in_outage)
    result.comments_stored_unacknowledged = sum(1 for a in failed if stored[a.uid] >= 1)
    result.comment_failures = dict(Counter(a.outcome for a in failed))


def phase_redis_down(paths: list[str]) -> RedisResult:
    log("redis down: redis-cli shutdown nosave")
    run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], timeout=10, check=False)
    if wait_until(lambda: not redis_pings(), timeout=10) is None:
        raise RuntimeError("Redis still answers PING after shutdown")
    result = RedisResult(load=run_load("redis down", paths, connections=8, seconds=10))
    result.healthz_status, result.healthz_body = healthz()
    log(f"redis down: /healthz {result.healthz_status} {result.healthz_body}; starting Redis")
    start_redis()
    wait_until(lambda: healthz()[1] == {"database": "ok", "cache": "ok"}, timeout=10)
    result.healthz_after_status, result.healthz_after_body = healthz()
    return result


def start_redis() -> None:
    run(REDIS_START, timeout=20, capture_output=True)
    if wait_until(redis_pings, timeout=15) is None:
        raise RuntimeError("Redis does not answer PING after redis-server --daemonize")


def phase_redis_frozen(paths: list[str]) -> RedisResult:
    pid = int(redis_client().info("server")["process_id"])
    log(f"redis frozen: kill -STOP {pid}")
    os.kill(pid, signal.SIGSTOP)
    try:
        result = RedisResult(load=run_load("redis frozen", paths, connections=8, seconds=10))
        result.healthz_status, result.healthz_body = healthz()
    finally:
        os.kill(pid, signal.SIGCONT)
        log(f"redis frozen: kill -CONT {pid}")
    wait_until(lambda: healthz()[1] == {"database": "ok", "cache": "ok"}, timeout=10)
    result.healthz_after_status, result.healthz_after_body = healthz()
    return result


# --------------------------------------------------------------------------- cleanup


def restore_services(server: subprocess.Popen | None) -> None:
    """PostgreSQL started, Redis running and not stopped, server gone, database dropped."""
    steps = [
        ("PostgreSQL", restore_postgres),
        ("Redis", restore_redis),
        ("server", lambda: server and stop_process_group(server)),
        ("database", drop_database),
        ("cache", lambda: redis_client(REDIS_DB).flushdb()),
    ]
    for name, step in steps:
        try:
            step()
        except Exception as exc:  # every step is tried, whatever the others do
            log(f"cleanup: {name} failed: {exc!r}")


def restore_postgres() -> None:
    if pg_accepts_connections():
        return
    log("cleanup: starting PostgreSQL")
    pg_ctl("start")
    if wait_until(pg_accepts_connections, timeout=60) is None:
        raise RuntimeError("PostgreSQL does not accept connections")


def restore_redis() -> None:
    for pid in redis_pids():
        os.kill(pid, signal.SIGCONT)
    if wait_until(redis_pings, timeout=3) is None:
        log("cleanup: starting Redis")
        start_redis()


# --------------------------------------------------------------------------- report


def server_errors(log_path: Path, start: int, end: int | None) -> list[str]:
    """Distinct error lines the server printed between two offsets of its log."""
    with log_path.open("rb") as handle:
        handle.seek(start)
        text = handle.read(None if end is None else end - start).decode(errors="replace")
    pattern = re.compile(
        r"^(Internal Server Error: .*|\S*(?:Error|Exception)\b: .*|.*\[(?:ERROR|CRITICAL)\].*)$",
        re.M,
    )
    counts = Counter(line.strip()[:200] for line in pattern.findall(text))
    return [f"{n}× {line}" for line, n in counts.most_common(8)]


def evaluate(report: Report) -> dict[str, bool]:
    restart = report.restart
    checks = {
        "load: no 5xx": bool(report.load and report.load.requests and not report.load.count_5xx),
        "load: no socket errors": bool(report.load and not report.load.count_socket_errors),
        "restart: no lost comments": bool(
            restart and restart.comments_acknowledged and not restart.comments_lost
        ),
        "restart: no 5xx after recovery": bool(
            restart and restart.after and restart.after.requests and not restart.after.count_5xx
        ),
        f"restart: recovery < {MAX_RECOVERY_SECONDS:.0f} s": bool(
            restart and restart.recovery_s is not None and restart.recovery_s < MAX_RECOVERY_SECONDS
        ),
        "redis down: all 200": bool(report.redis_down and report.redis_down.load.all_200),
        "redis frozen: all 200": bool(report.redis_frozen and report.redis_frozen.load.all_200),
    }
    return checks


def fmt(value, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}{unit}"
    return f"{value}{unit}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


LOAD_HEADERS = (
    "phase|time|conns|requests|req/s|p50 ms|p95 ms|p99 ms|statuses|5xx|socket errors".split("|")
)


def load_row(stats: LoadStats) -> list[str]:
    return [
        stats.name,
        fmt(stats.seconds, " s"),
        str(stats.connections),
        str(stats.requests),
        fmt(stats.requests_per_second),
        fmt(stats.p50_ms),
        fmt(stats.p95_ms),
        fmt(stats.p99_ms),
        " ".join(f"{k}:{v}" for k, v in stats.statuses.items()) or "-",
        str(stats.count_5xx),
        " ".join(f"{k}:{v}" for k, v in stats.socket_errors.items()) or "0",
    ]


def summary(report: Report) -> str:
    loads = [report.load]
    if report.restart:
        r = report.restart
        loads += [r.whole, r.before, r.outage, r.after]
    loads += [report.redis_down and report.redis_down.load]
    loads += [report.redis_frozen and report.redis_frozen.load]
    rows = [load_row(stats) for stats in loads if stats]
    parts = [
        f"Dima fault check, {report.started_at}, {report.machine}, article {report.article}",
        "load average (1, 5, 15 min) before "
        + " ".join(f"{x:.2f}" for x in report.load_average_before)
        + ", after "
        + " ".join(f"{x:.2f}" for x in report.load_average_after),
        "",
        table(LOAD_HEADERS, rows),
    ]
    if report.restart:
        r = report.restart
        parts += [
            "",
            "database restart (seconds from the phase start): "
            f"stop issued {fmt(r.stop_issued_s)}, stopped {fmt(r.stopped_s)}, "
            f"start issued {fmt(r.start_issued_s)}, accepting connections {fmt(r.db_back_s)}, "
            f"article 200 {fmt(r.article_200_s)}, /healthz 200 {fmt(r.healthz_200_s)}, "
            f"recovery {fmt(r.recovery_s, ' s')}; /healthz while down: "
            + " ".join(json.dumps(x) for x in r.healthz_during_outage),
            f"comments: attempted {r.comments_attempted}, acknowledged {r.comments_acknowledged}, "
            f"found {r.comments_found}, lost {r.comments_lost}, "
            f"duplicated {r.comments_duplicated}, failed in outage {r.comments_failed_in_outage}, "
            f"failed outside outage {r.comments_failed_outside_outage}, "
            f"stored without acknowledgement {r.comments_stored_unacknowledged}",
        ]
        if r.comment_failures:
            parts.append(
                "comment failures: "
                + "; ".join(f"{n}× {k}" for k, n in sorted(r.comment_failures.items()))
            )
        parts += [f"error: {e}" for e in r.errors]
    for name, redis_result in (
        ("redis down", report.redis_down),
        ("redis frozen", report.redis_frozen),
    ):
        if redis_result:
            parts.append(
                f"{name}: /healthz during {redis_result.healthz_status} "
                f"{json.dumps(redis_result.healthz_body)}, after "
                f"{redis_result.healthz_after_status} {json.dumps(redis_result.healthz_after_body)}"
            )
    for phase, lines in report.server_errors.items():
        if lines:
            parts.append(f"server log, {phase}:")
            parts += [f"    {line}" for line in lines]
    if report.error:
        parts.append(f"ERROR: {report.error}")
    parts.append("")
    parts += [f"[{'PASS' if ok else 'FAIL'}] {name}" for name, ok in report.checks.items()]
    return "\n".join(parts)


def report_dict(report: Report) -> dict:
    data = asdict(report)
    for key in ("load",):
        if report.load:
            data[key] = report.load.as_dict()
    if report.restart:
        for key in ("whole", "before", "outage", "after"):
            stats = getattr(report.restart, key)
            if stats:
                data["restart"][key] = stats.as_dict()
    for key in ("redis_down", "redis_frozen"):
        value = getattr(report, key)
        if value:
            data[key]["load"] = value.load.as_dict()
    data["passed"] = bool(report.checks) and all(report.checks.values())
    return data


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--log",
        type=Path,
        default=Path("/tmp/dima-faults-server.log"),  # noqa: S108
        help="where the server's output goes (default: %(default)s)",
    )
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.stderr.write("faults.py restarts PostgreSQL and Redis: run it as root.\n")
        return 2

    def on_sigterm(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    report = Report(
        started_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=f"{os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}",
        load_average_before=os.getloadavg(),
    )
    server = None
    offsets: list[tuple[str, int]] = []
    with args.log.open("wb") as log_file:

        def mark(phase: str) -> None:
            log_file.flush()
            offsets.append((phase, log_file.tell()))

        try:
            env = django_env()
            mark("setup")
            prepare_database(env, log_file)
            server = start_server(env, log_file)
            article, article_id = find_seed_article()
            report.article = article
            log(f"setup: seed article {article}")
            paths = ["/", article]
            mark("load")
            report.load = phase_load(paths)
            mark("database restart")
            report.restart = phase_db_restart(article, article_id, paths)
            mark("redis down")
            report.redis_down = phase_redis_down(paths)
            mark("redis frozen")
            report.redis_frozen = phase_redis_frozen(paths)
            mark("end")
        except KeyboardInterrupt:
            report.error = "interrupted"
        except Exception as exc:  # reported, then cleaned up
            report.error = f"{type(exc).__name__}: {exc}"
        finally:
            STOP_ALL.set()
            log("cleanup: PostgreSQL, Redis, server, database")
            restore_services(server)
            log_file.flush()
    if not offsets or offsets[-1][0] != "end":
        offsets.append(("end", args.log.stat().st_size))
    for (phase, start), (_next, end) in pairwise(offsets):
        if phase != "end":
            report.server_errors[phase] = server_errors(args.log, start, end)
    report.load_average_after = os.getloadavg()
    report.checks = evaluate(report)
    sys.stdout.write(summary(report) + "\n")
    if args.json:
        args.json.write_text(json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n")
    if report.error:
        code = 2  # interrupted or broken: the figures are incomplete
    else:
        code = 0 if all(report.checks.values()) else 1
    sys.stdout.write(f"exit code {code}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
