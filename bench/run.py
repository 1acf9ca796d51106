"""Throughput and latency of the reader pages on a generated archive: `make bench`.

    .venv/bin/python bench/run.py --size 1000 [--comments 10000] [--mode uncached|app-cached|
        proxy-cached|all] [--seconds 15]

1. Database: BENCH_DATABASE_URL, by default postgres://postgres@127.0.0.1:5432/dima_bench_<size>
   (created if missing); cache: BENCH_REDIS_URL, by default redis://127.0.0.1:6379/14 (flushed
   before each server start: that database belongs to the benchmarks).
2. migrate, collectstatic, load_demo, load_demo_comments and make_data.py (bench/archive.py,
   which adds only what is missing, so a second run at the same size starts at once).
3. In this process, with an empty cache: each page's SQL queries (django.test.Client and
   CaptureQueriesContext) and the size of its uncompressed body.
4. For each mode, the production server as `make serve` starts it (gunicorn,
   deploy/gunicorn.conf.py, DEBUG=0, HTTPS=0) on a free port; once /healthz answers, for each
   page: a short warm-up, five requests one after another ("alone": the latency without
   queueing), then `wrk -t2 -c32 -d<seconds>s --latency --timeout 30s`. Before each step the
   machine must be idle again: a slow page's queued requests would weigh on the next one.
   uncached: PAGE_CACHE=0; app-cached: PAGE_CACHE=1; proxy-cached: nginx with
   deploy/nginx/dima.conf (over TLS, as shipped) in front of the PAGE_CACHE=1 server, which
   then runs with HTTPS=1 and TRUSTED_PROXY_COUNT=1 (see `start_proxy`).
5. One table (markdown) on stdout, machine facts above it; --json keeps the figures.

The server is stopped (its whole process group) on success, error, Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from machine import machine_facts, without_password
from nginx_server import Nginx, nginx_binary
from processes import stop_process_group

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
NGINX_CONF = ROOT / "deploy" / "nginx" / "dima.conf"
MODES = ("uncached", "app-cached", "proxy-cached")
WORDPRESS_PAGE = "WordPress + nginx page cache: article (plain HTTP)"
PLAIN_ARTICLE_PAGE = "article, nginx behind a TLS load balancer (plain HTTP)"
SEARCH_QUERY = "الحموشي"
SECTION_PAGE = 500
IDLE_CPU = 0.15  # below this share of busy CPU the machine counts as idle


# --------------------------------------------------------------------------- figures


@dataclass
class Page:
    name: str
    path: str
    queries: int | None = None
    html_bytes: int | None = None


@dataclass
class Comparison:
    """Dima's article through nginx without TLS, and WordPress behind its page cache."""

    plain_article: Page
    wordpress_base: str
    wordpress: Page


@dataclass
class Measure:
    mode: str
    page: str
    requests: int = 0
    alone_ms: float | None = None  # median of a few requests one after another, idle server
    requests_per_second: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    non_2xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    skipped: str = ""


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
_LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.M)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
_REQUESTS = re.compile(r"^\s*(\d+) requests in", re.M)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def parse_wrk(output: str, measure: Measure) -> Measure:
    """Requests/s, the 50 % and 99 % latencies, error counts from `wrk --latency` output."""
    rate = _RATE.search(output)
    if rate is None:
        raise RuntimeError(f"no Requests/sec in wrk's output:\n{output}")
    measure.requests_per_second = float(rate[1])
    measure.requests = int(_REQUESTS.search(output)[1])
    if not measure.requests:  # wrk prints zeros when nothing came back in time
        return measure
    for percent, value, unit in _LATENCY.findall(output):
        milliseconds = round(float(value) * _UNITS_MS[unit], 2)
        if percent == "50":
            measure.p50_ms = milliseconds
        else:
            measure.p99_ms = milliseconds
    if non_2xx := _NON_2XX.search(output):
        measure.non_2xx = int(non_2xx[1])  # wrk counts statuses >= 400 here
    if errors := _SOCKET.search(output):
        kinds = ("connect", "read", "write", "timeout")
        measure.socket_errors = {k: int(n) for k, n in zip(kinds, errors.groups(), strict=True)}
        measure.socket_errors = {k: n for k, n in measure.socket_errors.items() if n}
    return measure


# --------------------------------------------------------------------------- helpers


def log(message: str) -> None:
    sys.stderr.write(f"[{datetime.now(UTC):%H:%M:%S}] {message}\n")
    sys.stderr.flush()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def run_facts() -> dict[str, str]:
    """The machine, and what else bears on a load test: the load average and wrk's version."""
    wrk = subprocess.run(  # noqa: S603
        [shutil.which("wrk") or "wrk", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        **machine_facts(),
        "load average": " ".join(f"{n:.2f}" for n in os.getloadavg()),
        "wrk": (wrk.stdout or wrk.stderr).split("\n", 1)[0].strip(),
    }


def ensure_postgres_database(url: str) -> None:
    """CREATE DATABASE when the one named in a postgres:// URL does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            log(f"setup: creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=3).flushdb()


def bench_database_url(name: str) -> str:
    return (
        os.environ.get("BENCH_DATABASE_URL") or f"postgres://postgres@{HOST}:5432/dima_bench_{name}"
    )


def bench_redis_url() -> str:
    return os.environ.get("BENCH_REDIS_URL") or f"redis://{HOST}:6379/14"


def wrk_missing() -> bool:
    if shutil.which("wrk"):
        return False
    sys.stderr.write("wrk is not installed: `make bench` installs it (as root).\n")
    return True


def interrupt_on_sigterm() -> None:
    """A benchmark stopped with SIGTERM stops its servers as Ctrl-C does."""

    def on_sigterm(_signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)


def server_env(database_url: str, *, page_cache: bool, **extra: str) -> dict[str, str]:
    """The environment of the benchmarks' servers: production settings over plain HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dima.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "HTTPS": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "GUNICORN_ACCESS_LOG": "",
        "PAGE_CACHE": "1" if page_cache else "0",
        **extra,
    }


def services_ready(database_url: str, redis_url: str) -> bool:
    """The benchmark's database made if missing and its Redis database emptied; says which
    service is missing otherwise."""
    try:
        if database_url.startswith("postgres"):
            ensure_postgres_database(database_url)
        flush_redis(redis_url)
    except Exception as exc:  # psycopg or redis
        sys.stderr.write(f"ERROR: {type(exc).__name__}: {exc}\n")
        return False
    return True


# --------------------------------------------------------------------------- data


def prepare_data(size: int, comments: int) -> None:
    from django.core.management import call_command

    from archive import MakeBenchData

    for command, options in (
        ("migrate", {"interactive": False, "verbosity": 0}),
        ("collectstatic", {"interactive": False, "verbosity": 0}),
        ("load_demo", {}),
        ("load_demo_comments", {}),
        (MakeBenchData(), {"articles": size, "comments": comments}),
    ):
        began = time.monotonic()
        call_command(command, **options)
        name = command if isinstance(command, str) else "make_data"
        log(f"setup: {name} took {time.monotonic() - began:.1f} s")


def choose_pages() -> list[Page]:
    """The pages measured, found in the database: the biggest section, tag and author."""
    from django.db.models import Count, Q

    from articles.models import Article, Author, Section, Tag
    from articles.views import PAGE_SIZE
    from demo.loader import SEED_FILE, parse_seed

    _site, seed = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
    article = Article.objects.get(title=seed.title)
    published = Article.objects.published()
    ids = published.values("pk")

    def biggest(model, relation: str):
        return (
            model.objects.annotate(n=Count(relation, filter=Q(**{f"{relation}__in": ids})))
            .order_by("-n", "pk")
            .first()
        )

    section = biggest(Section, "articles")
    tag = biggest(Tag, "articles")
    author = biggest(Author, "articles")
    in_section = published.filter(section=section).count()
    # The last full page when the section has fewer than 500: a page of 12 cards either way.
    deep = max(1, min(SECTION_PAGE, in_section // PAGE_SIZE))
    # Page `deep` continues from the last article of the page before it (articles/pagination.py).
    deep_path = section.get_absolute_url()
    if deep > 1:
        newest = published.filter(section=section).newest().values_list("pk", flat=True)
        deep_path += f"?before={newest[(deep - 1) * PAGE_SIZE - 1]}"
    return [
        Page("home", "/"),
        Page("article (seed, 50 comments)", article.get_absolute_url()),
        Page(f"section ({in_section} articles)", section.get_absolute_url()),
        Page("tag", tag.get_absolute_url()),
        Page("author", author.get_absolute_url()),
        Page(f"search ({SEARCH_QUERY})", f"/search/?q={SEARCH_QUERY}"),
        Page("RSS feed", "/feed/"),
        Page(f"section page {deep}", deep_path),
    ]


def count_queries(pages: list[Page]) -> None:
    """SQL queries and body size of each page, rendered here with an empty cache."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"host": HOST})
    for page in pages:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        if response.status_code != 200:
            raise RuntimeError(f"{page.name} ({page.path}) answered {response.status_code}")
        page.queries = len(queries)
        page.html_bytes = len(response.content)


def dataset_facts() -> dict[str, int]:
    from articles.models import Article
    from comments.models import Comment

    return {
        "published articles": Article.objects.published().count(),
        "approved comments": Comment.objects.approved().count(),
    }


# --------------------------------------------------------------------------- servers


class Server:
    """A process group (gunicorn and its workers, or nginx) stopped as one."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log_file):
        self.name = name
        self.process = subprocess.Popen(  # noqa: S603 (fixed argument lists, no shell)
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            process_group=0,
        )

    def wait_healthy(self, base_url: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer /healthz with 200 within {timeout:.0f} s")

    def stop(self) -> None:
        stop_process_group(self.process)


def start_app(env: dict[str, str], port: int, mode: str, log_file) -> Server:
    env = {**env, "PORT": str(port), "PAGE_CACHE": "0" if mode == "uncached" else "1"}
    if mode == "proxy-cached":  # as in production behind nginx (deploy/nginx/README.md)
        env.update(HTTPS="1", TRUSTED_PROXY_COUNT="1")
    command = [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "dima.wsgi"]
    server = Server("gunicorn", command, env, log_file)
    server.wait_healthy(f"http://{HOST}:{port}")
    return server


def start_proxy(app_port: int, workdir: Path, terminate_tls: bool = True):
    """nginx with deploy/nginx/dima.conf in front of the app: (nginx, base URL, TLS context).

    The file's placeholders are filled in by bench/nginx_server.py, exactly as for the nginx
    tests (free ports, a self-signed certificate for localhost, a cache directory under
    `workdir`), so the benchmark runs the configuration that is shipped. A string instead
    when it cannot run.
    """
    if not NGINX_CONF.exists():
        return f"skipped: {NGINX_CONF.relative_to(ROOT)} not present"
    if nginx_binary() is None:
        return "skipped: nginx is not installed (make nginx)"
    from django.conf import settings

    directory = workdir / ("nginx" if terminate_tls else "nginx-behind-tls")
    directory.mkdir(parents=True)
    proxy = Nginx(
        directory,
        upstream=f"{HOST}:{app_port}",
        static_root=Path(settings.STATIC_ROOT),
        media_root=Path(settings.MEDIA_ROOT),
        terminate_tls=terminate_tls,
    )
    if not terminate_tls:
        return proxy, f"http://localhost:{proxy.https_port}", None
    return proxy, f"https://localhost:{proxy.https_port}", proxy.tls


def wordpress_anchor() -> tuple[str, Page] | None:
    """The WordPress site being replaced, behind its nginx page cache, when it runs here
    (../shared/anchors/wordpress): (base URL, its seed article), measured in the same run."""
    base = os.environ.get("BENCH_WORDPRESS", "http://127.0.0.1:8082")
    try:
        article_url = Path("/var/lib/wp-bench/article-url").read_text().strip()
        path = "/" + article_url.split("://", 1)[1].split("/", 1)[1]
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
            body = response.read()
    except (OSError, IndexError, urllib.error.URLError):
        return None
    return base, Page(WORDPRESS_PAGE, path, html_bytes=len(body))


# --------------------------------------------------------------------------- load


def run_wrk(url: str, seconds: int, connections: int, threads: int) -> str:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "30s",  # gunicorn's own; wrk's 2 s default would drop slow answers from the figures
        url,
    ]
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    return result.stdout


def cpu_busy(interval: float = 1.0) -> float:
    """Share of the machine's CPU time that was not idle during `interval` (Linux)."""

    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = values[3] + values[4]  # idle and iowait
        return sum(values), idle

    total, idle = sample()
    time.sleep(interval)
    total2, idle2 = sample()
    return 1 - (idle2 - idle) / max(1, total2 - total)


def wait_until_idle(timeout: float) -> bool:
    if not Path("/proc/stat").exists():
        time.sleep(5)
        return True
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cpu_busy() < IDLE_CPU:
            return True
    return False


def cancel_statements(database_url: str) -> int:
    """Cancel what still runs in the benchmark's own database (PostgreSQL)."""
    if not database_url.startswith("postgres"):
        return 0
    import psycopg

    with psycopg.connect(database_url, autocommit=True, connect_timeout=5) as conn:
        return len(
            conn.execute(
                "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = "
                "current_database() AND state = 'active' AND pid <> pg_backend_pid()"
            ).fetchall()
        )


def settle(database_url: str) -> None:
    """Wait for the requests still queued by the previous run (the server, PostgreSQL) to end.

    wrk stops sending when its time is up, but the server finishes what it had accepted: on
    a slow page that is minutes of work that would be counted against the next page. After a
    minute, the statements still running in the benchmark's database are cancelled.
    """
    if wait_until_idle(60):
        return
    if cancelled := cancel_statements(database_url):
        log(f"cancelled {cancelled} statements left running by the previous run")
    if not wait_until_idle(120):
        log("warning: the machine is still busy (another program?); measuring anyway")


def alone_ms(url: str, context=None, times: int = 5) -> float:
    """Median latency of `times` requests sent one after another."""
    latencies = []
    for _ in range(times):
        began = time.monotonic()
        with urllib.request.urlopen(url, timeout=120, context=context) as response:  # noqa: S310
            response.read()
        latencies.append((time.monotonic() - began) * 1000)
    return round(statistics.median(latencies), 1)


def measure_pages(mode: str, base: str, pages: list[Page], args, results: list, tls=None):
    for page in pages:
        url = f"{base}{quote(page.path, safe='/?=&%')}"  # reverse() quotes already
        settle(args.database_url)
        if args.warmup:
            run_wrk(url, args.warmup, connections=4, threads=1)
            settle(args.database_url)
        measure = Measure(mode, page.name, alone_ms=alone_ms(url, tls))
        log(f"{mode}: {page.name} for {args.seconds} s (alone: {measure.alone_ms} ms)")
        output = run_wrk(url, args.seconds, args.connections, args.threads)
        results.append(parse_wrk(output, measure))
    settle(args.database_url)


def run_mode(
    mode: str, env: dict[str, str], pages, args, workdir: Path, results, comparison=None
) -> None:
    if env.get("REDIS_URL"):
        flush_redis(env["REDIS_URL"])  # the benchmark's own cache database: a cold start
    app_port = free_port()
    log(f"{mode}: gunicorn on http://{HOST}:{app_port}/")
    app = start_app(env, app_port, mode, args.log_file)
    proxy = None
    try:
        base, tls = f"http://{HOST}:{app_port}", None
        if mode == "proxy-cached":
            started = start_proxy(app_port, workdir)
            if isinstance(started, str):
                log(f"{mode}: {started}")
                results += [Measure(mode, page.name, skipped=started) for page in pages]
                return
            proxy, base, tls = started
            log(f"{mode}: nginx on {base}/")
        measure_pages(mode, base, pages, args, results, tls)
        if mode == "proxy-cached" and comparison is not None:
            # Like for like with WordPress's plain-HTTP cache: the same nginx configuration as
            # it runs behind a TLS load balancer (deploy/nginx/README.md), then WordPress.
            proxy.stop()
            proxy, base, tls = start_proxy(app_port, workdir, terminate_tls=False)
            measure_pages(mode, base, [comparison.plain_article], args, results)
            measure_pages(mode, comparison.wordpress_base, [comparison.wordpress], args, results)
    finally:
        for server in (proxy, app):
            if server is not None:
                server.stop()


# --------------------------------------------------------------------------- report


def table(pages: list[Page], measures: list[Measure], with_mode: bool) -> str:
    by_name = {page.name: page for page in pages}
    head = ["page", "alone ms", "req/s", "p50 ms", "p99 ms", "non-2xx", "SQL queries", "HTML bytes"]
    if with_mode:
        head.insert(0, "mode")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    notes = []
    for m in measures:
        page = by_name[m.page]
        if m.skipped:
            figures = [m.skipped, "", "", "", ""]
        else:
            figures = [
                f"{m.alone_ms:.1f}",
                f"{m.requests_per_second:.1f}",
                f"{m.p50_ms:.1f}" if m.p50_ms is not None else "–",
                f"{m.p99_ms:.1f}" if m.p99_ms is not None else "–",
                str(m.non_2xx),
            ]
        queries = "–" if page.queries is None else str(page.queries)
        row = [page.name, *figures, queries, str(page.html_bytes)]
        if with_mode:
            row.insert(0, m.mode)
        lines.append("| " + " | ".join(row) + " |")
        if m.socket_errors:
            notes.append(f"{m.mode} / {m.page}: socket errors {m.socket_errors}")
        if not m.skipped and not m.requests:
            notes.append(f"{m.mode} / {m.page}: no answer came back during the run, no latency")
    return "\n".join(lines + [""] + notes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=1000, help="bench articles")
    parser.add_argument("--comments", type=int, help="their comments (default: 10 × size)")
    parser.add_argument("--mode", choices=[*MODES, "all"], default="uncached")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS") or 15))
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--log",
        type=Path,
        default=Path(tempfile.gettempdir()) / "dima-bench-server.log",
        help="the servers' output (default: %(default)s)",
    )
    args = parser.parse_args()
    comments = args.comments if args.comments is not None else 10 * args.size
    database_url = args.database_url = bench_database_url(str(args.size))
    redis_url = bench_redis_url()
    if wrk_missing():
        return 2
    interrupt_on_sigterm()
    facts = run_facts()
    env = server_env(database_url, page_cache=False)
    env.pop("REDIS_URL", None)
    if not services_ready(database_url, redis_url):
        return 2

    # This process: the data and the query counts, with a per-process cache it may clear.
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connections

    prepare_data(args.size, comments)
    pages = choose_pages()
    count_queries(pages)
    facts.update({k: str(v) for k, v in dataset_facts().items()})
    connections.close_all()

    modes = list(MODES) if args.mode == "all" else [args.mode]
    wordpress = wordpress_anchor() if "proxy-cached" in modes else None
    comparison = None
    if wordpress is not None:
        wordpress_base, wordpress_page = wordpress
        log(f"WordPress anchor found: {wordpress_base}{wordpress_page.path} (measured after Dima)")
        article = pages[1]  # choose_pages(): the seed article comes second
        comparison = Comparison(
            replace(article, name=PLAIN_ARTICLE_PAGE), wordpress_base, wordpress_page
        )
    servers_env = {**env, "REDIS_URL": redis_url}
    measures: list[Measure] = []
    code = 0
    with args.log.open("wb") as log_file, tempfile.TemporaryDirectory() as workdir:
        args.log_file = log_file
        try:
            for mode in modes:
                run_mode(mode, servers_env, pages, args, Path(workdir) / mode, measures, comparison)
        except KeyboardInterrupt:
            log("interrupted: servers stopped")
            code = 130
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            log(f"error: {exc} (server output in {args.log})")
            code = 1

    facts.update(
        database=without_password(database_url),
        cache=without_password(redis_url),
        load=f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s --latency "
        f"--timeout 30s, after {args.warmup} s of warm-up per page and an idle machine",
    )
    sys.stdout.write("\n".join(f"{key}: {value}" for key, value in facts.items()) + "\n\n")
    if comparison is not None:
        pages = [*pages, comparison.plain_article, comparison.wordpress]
    sys.stdout.write(table(pages, measures, with_mode=len(modes) > 1) + "\n")
    if args.json:
        report = {
            "facts": facts,
            "pages": [asdict(p) for p in pages],
            "measures": [asdict(m) for m in measures],
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
