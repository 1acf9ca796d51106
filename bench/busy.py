"""A busy news day: readers read while the newsroom publishes and approves (`make bench
BENCH_MODE=busy`).

    .venv/bin/python bench/busy.py [--size 1000] [--seconds 120] [--only nginx,app,wordpress]
        [--json docs/bench/<name>.json]

Three configurations, one after the other, on the same data:
  nginx      Dima behind the shipped deploy/nginx/dima.conf (TLS, bench/nginx_server.py, as
             `BENCH_MODE=proxy-cached` runs it) in front of gunicorn with PAGE_CACHE=1;
  app        Dima's gunicorn alone with its page cache in Redis (PAGE_CACHE=1);
  wordpress  the WordPress anchor behind its nginx fastcgi_cache (BENCH_WORDPRESS, by default
             http://127.0.0.1:8082; `bash ../shared/anchors/wordpress/setup.sh` sets it up).

For each: the caches start empty (Redis database 14 flushed, a new nginx cache directory,
WordPress's cache directory emptied), BUSY_WARMUP seconds of readers (default 10, not
counted), the machine idle again, then BENCH_SECONDS (default 120) of readers measured, during
which a driver
  - approves a comment every 5 s on one of the five most-read articles (in turn): a pending
    comment is written, then approved through the site's own code (Dima:
    comments.services.comments_set_status; WordPress: wp_set_comment_status, in
    bench/wordpress_driver.php);
  - publishes an article every 60 s, the first after 15 s (Dima: articles.services.article_save
    with a byline, in one transaction; WordPress: wp_insert_post);
  - after each change, asks for the page a reader would see it on (the article; the home page)
    through the readers' front, every POLL seconds without a cookie or a query string, until
    the change shows, and records the delay. A change not seen FRESHNESS_LIMIT seconds after it
    was made (default 60) is reported as never seen within the run.

Readers: wrk (-t2 -c32, --timeout 30s) with a generated Lua script. Each request is the home
page (10 %) or one of the 1,000 newest published articles, drawn with a Zipf popularity
(weight 1/rank, the newest article first). WordPress has only its seeded posts (about 31): the
same Zipf is spread over those, and the output says so. The Lua response() hook counts every
status that is not 2xx (redirects too) and the cache headers: X-Cache-Status (Dima's nginx),
X-Cache (WordPress's nginx), X-Page-Cache (Dima's app cache). A request counts as served from
a cache when the front cache answered it (HIT, STALE, UPDATING, REVALIDATED) or, below it,
Dima's app cache did (X-Page-Cache: hit). The hook costs wrk some CPU, the same in each
configuration.

What the driver wrote is deleted again after each configuration and at the end (articles
with a `busy-day-` slug, comments from busy-driver@example.invalid), so each configuration
starts from the same data and `make bench` keeps its figures.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import secrets
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CONFIGS = ("nginx", "app", "wordpress")
CONFIG_NAMES = {
    "nginx": "Dima behind its nginx (shipped dima.conf, TLS)",
    "app": "Dima, app cache only (gunicorn, Redis)",
    "wordpress": "WordPress behind its nginx page cache",
}
FRONT_HITS = frozenset({"HIT", "STALE", "UPDATING", "REVALIDATED"})
DRIVER_EMAIL = "busy-driver@example.invalid"
DRIVER_NAME = "قارئ في يوم مزدحم"
SLUG_PREFIX = "busy-day-"
COMMENT_EVERY = 5
ARTICLE_EVERY = 60
FIRST_ARTICLE_AT = 15
MOST_READ = 5  # the comments go to these articles, in turn
WORDPRESS_PHP = ROOT / "bench" / "wordpress_driver.php"
WORDPRESS_CACHE_DIR = Path("/var/cache/nginx/wp-bench")
WORDPRESS_SETUP = "bash ../shared/anchors/wordpress/setup.sh"


# --------------------------------------------------------------------------- popularity


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    """Popularity of ranks 1..n: the k-th most read is read 1/k^s as often as the first."""
    return [1 / rank**s for rank in range(1, n + 1)]


def cumulative(weights: list[float]) -> list[float]:
    """Running shares of the total, the last exactly 1.0 (what the Lua script searches)."""
    total = sum(weights)
    running, shares = 0.0, []
    for weight in weights:
        running += weight
        shares.append(running / total)
    shares[-1] = 1.0
    return shares


def pick(shares: list[float], u: float) -> int:
    """The index drawn by a uniform `u` in [0, 1): the first share >= u (as in the Lua)."""
    return min(bisect.bisect_left(shares, u), len(shares) - 1)


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lua_script(paths: list[str], home: str, home_share: float, s: float) -> str:
    """The wrk script: requests drawn from `paths` (most read first) and `home`, responses
    counted by status and by cache headers, a machine-readable summary at the end."""
    shares = cumulative(zipf_weights(len(paths), s))
    path_lines = ",\n".join(f"  {lua_string(p)}" for p in paths)
    share_lines = ",\n".join(f"  {share:.10f}" for share in shares)
    head = (
        f"-- generated by bench/busy.py: {len(paths)} articles, Zipf s={s}, home {home_share:.0%}"
    )
    return f"""{head}
local paths = {{
{path_lines}
}}
local shares = {{
{share_lines}
}}
local home = {lua_string(home)}
local home_share = {home_share}
local threads = {{}}
local made = {{}}
local home_request = nil
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 97 + (thread_number or 0) * 7919)
  home_request = wrk.format("GET", home)
  for i, p in ipairs(paths) do made[i] = wrk.format("GET", p) end
  caches = {{}}
  statuses = {{}}
end

local function draw()
  local u = math.random()
  local lo, hi = 1, #shares
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if shares[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

function request()
  if math.random() < home_share then return home_request end
  return made[draw()]
end

function response(status, headers, body)
  local front = headers["X-Cache-Status"] or headers["x-cache-status"]
    or headers["X-Cache"] or headers["x-cache"] or "-"
  local app = headers["X-Page-Cache"] or headers["x-page-cache"] or "-"
  local key = front .. "/" .. app
  caches[key] = (caches[key] or 0) + 1
  if status < 200 or status > 299 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BUSY\\tsummary\\t%.0f\\t%.0f\\t%.0f\\t%.0f\\t%.0f\\t%.0f\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout))
  for _, p in ipairs({{50, 90, 99}}) do
    io.write(string.format("BUSY\\tlatency\\tp%d\\t%.0f\\n", p, latency:percentile(p)))
  end
  io.write(string.format("BUSY\\tlatency\\tmax\\t%.0f\\n", latency.max))
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("caches") or {{}}) do
      io.write(string.format("BUSY\\tcache\\t%s\\t%.0f\\n", k, v))
    end
    for k, v in pairs(t:get("statuses") or {{}}) do
      io.write(string.format("BUSY\\tstatus\\t%s\\t%.0f\\n", tostring(k), v))
    end
  end
end
"""


# --------------------------------------------------------------------------- figures


@dataclass
class Change:
    kind: str  # "comment" or "article"
    token: str
    url: str  # the page it should show on
    at: float  # seconds into the measured run when it was committed
    seen_after: float | None = None  # seconds from the commit to the first page showing it
    error: str = ""
    # Not seen through the cache: whether the uncached site showed it (the driver did work).
    origin_shows: bool | None = None


@dataclass
class Result:
    config: str
    name: str
    articles: int = 0
    note: str = ""
    skipped: str = ""
    requests: int = 0
    seconds: float = 0.0
    requests_per_second: float | None = None
    p50_ms: float | None = None
    p90_ms: float | None = None
    p99_ms: float | None = None
    max_ms: float | None = None
    non_2xx: dict[str, int] = field(default_factory=dict)
    socket_errors: dict[str, int] = field(default_factory=dict)
    caches: dict[str, int] = field(default_factory=dict)  # "front/app" header values → count
    changes: list[Change] = field(default_factory=list)
    driver_errors: list[str] = field(default_factory=list)
    load_average: str = ""  # when the measured readers started: other work on the machine

    @property
    def errors(self) -> int:
        return sum(self.non_2xx.values()) + sum(self.socket_errors.values())


def parse_busy(output: str, result: Result) -> Result:
    """Fill `result` from the BUSY lines the Lua script's done() writes."""
    found = False
    for line in output.splitlines():
        parts = line.split("\t")
        if parts[0] != "BUSY":
            continue
        found = True
        if parts[1] == "summary":
            requests, duration, *errors = (int(float(v)) for v in parts[2:])
            result.requests = requests
            result.seconds = duration / 1e6
            result.requests_per_second = round(requests / (duration / 1e6), 1) if duration else 0
            kinds = ("connect", "read", "write", "timeout")
            result.socket_errors = {k: n for k, n in zip(kinds, errors, strict=True) if n}
        elif parts[1] == "latency" and result.requests:
            setattr(result, f"{parts[2]}_ms", round(float(parts[3]) / 1000, 2))
        elif parts[1] == "cache":
            result.caches[parts[2]] = result.caches.get(parts[2], 0) + int(float(parts[3]))
        elif parts[1] == "status":
            result.non_2xx[parts[2]] = result.non_2xx.get(parts[2], 0) + int(float(parts[3]))
    if not found:
        raise RuntimeError(f"no BUSY lines in wrk's output:\n{output}")
    return result


def cache_shares(caches: dict[str, int]) -> dict[str, float]:
    """Shares of responses: answered by the front cache, by Dima's app cache below it (or
    alone), or rendered. Keys of `caches` are "<front header>/<app header>", "-" if absent."""
    total = sum(caches.values())
    if not total:
        return {"front": 0.0, "app": 0.0, "rendered": 0.0, "cached": 0.0}
    front = app = 0
    for key, count in caches.items():
        front_status, _, app_status = key.partition("/")
        if front_status.upper() in FRONT_HITS:
            front += count
        elif app_status.lower() == "hit":
            app += count
    return {
        "front": front / total,
        "app": app / total,
        "rendered": (total - front - app) / total,
        "cached": (front + app) / total,
    }


def front_breakdown(caches: dict[str, int]) -> dict[str, int]:
    by_status: dict[str, int] = {}
    for key, count in caches.items():
        status = key.partition("/")[0]
        by_status[status] = by_status.get(status, 0) + count
    return dict(sorted(by_status.items(), key=lambda item: -item[1]))


def freshness(delays: list[float | None]) -> dict:
    """How long changes took to show: count, seen, median and max of those seen (seconds)."""
    seen = sorted(d for d in delays if d is not None)
    return {
        "changes": len(delays),
        "seen": len(seen),
        "median_s": round(statistics.median(seen), 1) if seen else None,
        "max_s": round(seen[-1], 1) if seen else None,
    }


def freshness_cell(delays: list[float | None], limit: float) -> str:
    figures = freshness(delays)
    n, seen = figures["changes"], figures["seen"]
    if not n:
        return "–"
    if not seen:
        return f"not within the run (0 of {n} in {limit:.0f} s)"
    cell = f"{figures['median_s']:.1f} / {figures['max_s']:.1f} s"
    if seen < n:
        cell += f" ({n - seen} of {n} not within {limit:.0f} s)"
    return cell


def percent(share: float) -> str:
    return f"{100 * share:.1f} %"


def table(results: list[Result], limit: float) -> str:
    head = [
        "configuration",
        "req/s",
        "p50 ms",
        "p99 ms",
        "from cache",
        "errors",
        "comment visible after (median / max)",
        "article visible after (median / max)",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    notes = []
    for r in results:
        if r.skipped:
            lines.append(f"| {r.name} | {r.skipped} |" + " |" * (len(head) - 2))
            continue

        def ms(value: float | None) -> str:
            return "–" if value is None else f"{value:.1f}"

        comments = [c.seen_after for c in r.changes if c.kind == "comment"]
        articles = [c.seen_after for c in r.changes if c.kind == "article"]
        row = [
            r.name,
            f"{r.requests_per_second:.1f}",
            ms(r.p50_ms),
            ms(r.p99_ms),
            percent(cache_shares(r.caches)["cached"]),
            str(r.errors),
            freshness_cell(comments, limit),
            freshness_cell(articles, limit),
        ]
        lines.append("| " + " | ".join(row) + " |")
        shares = cache_shares(r.caches)
        detail = (
            ", ".join(
                f"{k} {percent(v / r.requests)}" for k, v in front_breakdown(r.caches).items()
            )
            if r.requests
            else ""
        )
        if r.config == "nginx":
            notes.append(
                f"{r.name}: {r.requests} requests; nginx answered {percent(shares['front'])}, "
                f"Dima's app cache {percent(shares['app'])} below it, rendered "
                f"{percent(shares['rendered'])} (X-Cache-Status: {detail})"
            )
        elif r.config == "app":
            notes.append(
                f"{r.name}: {r.requests} requests; app cache hits {percent(shares['app'])}, "
                f"rendered {percent(shares['rendered'])}"
            )
        else:
            notes.append(
                f"{r.name}: {r.requests} requests; page cache {percent(shares['front'])} "
                f"(X-Cache: {detail})"
            )
        if r.note:
            notes.append(f"{r.name}: {r.note}")
        if r.load_average:
            notes.append(f"{r.name}: load average when the readers started {r.load_average}")
        if r.non_2xx:
            notes.append(f"{r.name}: statuses other than 2xx {r.non_2xx}")
        if r.socket_errors:
            notes.append(f"{r.name}: socket errors {r.socket_errors}")
        notes += [f"{r.name}: driver error: {error}" for error in r.driver_errors]
        unseen = [c for c in r.changes if c.seen_after is None]
        if unseen and any(c.origin_shows is not None for c in unseen):
            shown = sum(bool(c.origin_shows) for c in unseen)
            notes.append(
                f"{r.name}: of the {len(unseen)} changes never seen through the cache, "
                f"{shown} showed on the uncached site once the watching ended (the driver's work "
                "was done; the cache kept the old page)"
            )
    return "\n".join(lines + [""] + [f"- {note}" for note in notes])


# --------------------------------------------------------------------------- helpers


def log(message: str) -> None:
    sys.stderr.write(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}\n")
    sys.stderr.flush()


def fetch(url: str, context: ssl.SSLContext | None, timeout: float = 10) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "dima-busy-bench"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310
        return response.read()


def watch(change: Change, began: float, context, poll: float, limit: float) -> None:
    """Ask for `change.url` until it shows `change.token`, or `limit` seconds have passed."""
    made = began + change.at
    token = change.token.encode()
    while time.monotonic() - made < limit:
        try:
            if token in fetch(change.url, context):
                change.seen_after = round(time.monotonic() - made, 2)
                return
        except (OSError, urllib.error.URLError) as exc:
            change.error = f"{type(exc).__name__}: {exc}"
        time.sleep(poll)


def schedule(seconds: int) -> list[tuple[int, str]]:
    """When the driver acts, in seconds into the measured run."""
    events = [(t, "article") for t in range(FIRST_ARTICLE_AT, seconds, ARTICLE_EVERY)]
    events += [(t, "comment") for t in range(COMMENT_EVERY, seconds, COMMENT_EVERY)]
    return sorted(events)


def wrk_command(url: str, script: Path, seconds: int, args) -> list[str]:
    return [
        shutil.which("wrk") or "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        url,
    ]


def wait_idle(timeout: float) -> None:
    from run import wait_until_idle

    if not wait_until_idle(timeout):
        log(f"warning: the machine is still busy after {timeout:.0f} s; measuring anyway")


def run_readers_and_driver(
    result: Result,
    base: str,
    context,
    driver,
    paths: list[str],
    home: str,
    workdir: Path,
    args,
    origin: str | None = None,
) -> None:
    """Warm-up, idle, then the measured readers with the driver's changes and their watchers."""
    script = workdir / f"{result.config}.lua"
    script.write_text(lua_script(paths, home, args.home_share, args.zipf), encoding="utf-8")
    if args.warmup:
        log(f"{result.config}: {args.warmup} s of warm-up")
        subprocess.run(  # noqa: S603
            wrk_command(base + "/", script, args.warmup, args),
            capture_output=True,
            check=True,
            timeout=args.warmup + 60,
        )
    wait_idle(args.idle_wait)
    log(f"{result.config}: readers for {args.seconds} s on {base}/, the driver acting")
    result.load_average = " ".join(f"{n:.2f}" for n in os.getloadavg())
    output = tempfile.TemporaryFile(mode="w+")
    began = time.monotonic()
    readers = subprocess.Popen(  # noqa: S603
        wrk_command(base + "/", script, args.seconds, args), stdout=output, stderr=subprocess.STDOUT
    )
    watchers = []
    try:
        comments = 0
        for number, (at, kind) in enumerate(schedule(args.seconds)):
            delay = began + at - time.monotonic()
            if delay > 0 and readers.poll() is None:
                time.sleep(delay)
            if readers.poll() is not None:
                break
            # Same width for every token: no token is a prefix of another.
            token = f"bz{args.run_id}{kind[0]}{number:03d}"
            try:
                if kind == "comment":
                    comments += 1
                    url = driver.comment((comments - 1) % MOST_READ, token)
                else:
                    url = driver.publish(token)
            except Exception as exc:  # the driver's failure is a figure, not a crash
                result.driver_errors.append(f"{kind} {token}: {type(exc).__name__}: {exc}")
                continue
            change = Change(kind, token, url, at=round(time.monotonic() - began, 2))
            result.changes.append(change)
            watcher = threading.Thread(
                target=watch,
                args=(change, began, context, args.poll, args.freshness_limit),
                daemon=True,  # Ctrl-C does not wait for them
            )
            watcher.start()
            watchers.append(watcher)
        readers.wait(timeout=args.seconds + 90)
    finally:
        if readers.poll() is None:
            readers.terminate()
            readers.wait(timeout=10)
    if any(w.is_alive() for w in watchers):
        log(f"{result.config}: readers done; waiting for the changes still not shown")
    for watcher in watchers:
        watcher.join()
    for change in result.changes:
        if change.seen_after is None and origin is not None:
            try:
                page = fetch(origin + change.url.removeprefix(base), None)
                change.origin_shows = change.token.encode() in page
            except (OSError, urllib.error.URLError):
                change.origin_shows = False
    output.seek(0)
    text = output.read()
    if readers.returncode != 0:
        raise RuntimeError(f"wrk exited with {readers.returncode}:\n{text}")
    parse_busy(text, result)


# --------------------------------------------------------------------------- Dima


class DimaDriver:
    """The newsroom, through Dima's own services, in this process (the servers' settings,
    database and Redis): what a change invalidates is what the site's code invalidates."""

    def __init__(self, base: str, articles: list[tuple[int, str]], home: str):
        self.base = base
        self.articles = articles
        self.home = home

    def comment(self, rank: int, token: str) -> str:
        from comments.models import Comment
        from comments.services import comments_set_status, content_fingerprint

        pk, path = self.articles[rank]
        body = f"تعليق في يوم مزدحم {token}"
        comment = Comment.objects.create(
            article_id=pk,
            name=DRIVER_NAME,
            email=DRIVER_EMAIL,
            body=body,
            status=Comment.Status.PENDING,
            content_hash=content_fingerprint(email=DRIVER_EMAIL, parent=None, body=body),
        )
        if comments_set_status([comment.pk], Comment.Status.APPROVED) != 1:
            raise RuntimeError(f"comment {comment.pk} was not approved")
        return self.base + path

    def publish(self, token: str) -> str:
        from django.db import transaction
        from django.utils import timezone

        from articles.models import Article, Byline
        from articles.services import article_save

        pk, _path = self.articles[0]
        top = Article.objects.get(pk=pk)
        author = top.authors.first()
        with transaction.atomic():
            article = Article(
                title=f"خبر عاجل في يوم مزدحم {token}",
                slug=f"{SLUG_PREFIX}{token}",
                section=top.section,
                excerpt=f"خبر نشر أثناء القياس {token}",
                body=f"<p>خبر نشر أثناء القياس {token}</p>",
                status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
            )
            article_save(article=article, comment="busy-day benchmark")
            if author is not None:
                Byline.objects.create(article=article, author=author)
        return self.base + self.home


def dima_cleanup() -> tuple[int, int]:
    """Delete what the driver wrote (its comments keep the approved counts exact)."""
    from articles.models import Article
    from comments.models import Comment
    from comments.services import comments_delete

    ids = list(Comment.objects.filter(email=DRIVER_EMAIL).values_list("pk", flat=True))
    comments = comments_delete(ids) if ids else 0
    _, deleted = Article.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    return comments, deleted.get(Article._meta.label, 0)


def dima_readers(size: int) -> list[tuple[int, str]]:
    """The `size` newest published articles, newest (most read) first: (pk, path)."""
    from articles.models import Article

    newest = Article.objects.published().newest().only("pk", "slug")[:size]
    return [(article.pk, article.get_absolute_url()) for article in newest]


def run_dima(config: str, env, readers, args, workdir: Path, result: Result) -> None:
    from run import flush_redis, free_port, start_app, start_proxy

    flush_redis(env["REDIS_URL"])  # the benchmark's own cache database: a cold start
    app_port = free_port()
    mode = "proxy-cached" if config == "nginx" else "app-cached"
    log(f"{config}: gunicorn on http://{HOST}:{app_port}/")
    app = start_app(env, app_port, mode, args.log_file)
    proxy = None
    try:
        base, context = f"http://{HOST}:{app_port}", None
        if config == "nginx":
            started = start_proxy(app_port, workdir, terminate_tls=not args.nginx_plain)
            if isinstance(started, str):
                result.skipped = started
                return
            proxy, base, context = started
            log(f"{config}: nginx on {base}/")
        driver = DimaDriver(base, readers, "/")
        paths = [path for _pk, path in readers]
        run_readers_and_driver(result, base, context, driver, paths, "/", workdir, args)
    finally:
        for server in (proxy, app):
            if server is not None:
                server.stop()
        comments, articles = dima_cleanup()
        log(f"{config}: removed the driver's {comments} comments and {articles} articles")


# --------------------------------------------------------------------------- WordPress


class WordPressDriver:
    """bench/wordpress_driver.php, kept running: one command a line, one JSON answer a line."""

    def __init__(self, base: str):
        self.base = base
        self.process = subprocess.Popen(  # noqa: S603
            [shutil.which("php") or "php", str(WORDPRESS_PHP)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.posts: list[dict] = []
        self.home = "/"

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the PHP driver stopped: {self.process.stderr.read()[-2000:]}")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer

    def comment(self, rank: int, token: str) -> str:
        post = self.posts[rank]
        self.ask(f"comment {post['id']} {token}")
        return self.base + post["path"]

    def publish(self, token: str) -> str:
        self.ask(f"publish {token}")
        return self.base + self.home

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.write("quit\n")
                self.process.stdin.close()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(timeout=10)


def wordpress_missing(base: str) -> str:
    """Why the WordPress anchor cannot run here, or "" when it can."""
    if not Path("/usr/share/wordpress/wp-load.php").exists() or not shutil.which("php"):
        return f"skipped: the WordPress anchor is not installed ({WORDPRESS_SETUP}, as root)"
    if os.geteuid() != 0:
        return "skipped: the WordPress driver reads the anchor's config, readable by root only"
    try:
        fetch(base + "/", None)
    except (OSError, urllib.error.URLError) as exc:
        return f"skipped: {base}/ does not answer ({exc}; {WORDPRESS_SETUP} --start)"
    return ""


def run_wordpress(base: str, args, workdir: Path, result: Result) -> None:
    if missing := wordpress_missing(base):
        result.skipped = missing
        return
    driver = WordPressDriver(base)
    try:
        cleaned = driver.ask("cleanup")
        if cleaned["posts"] or cleaned["comments"]:
            log(f"wordpress: removed an earlier run's {cleaned}")
        listing = driver.ask("posts")
        driver.posts, driver.home = listing["posts"], listing["home"]
        result.articles = len(driver.posts)
        result.note = (
            f"WordPress has {len(driver.posts)} published posts, not {args.size}: the same Zipf "
            f"popularity is spread over those {len(driver.posts)} (newest first), so each is read "
            "far more often than a Dima article"
        )
        if WORDPRESS_CACHE_DIR.is_dir():  # a cold start, as Dima's caches get
            for entry in WORDPRESS_CACHE_DIR.iterdir():
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        paths = [post["path"] for post in driver.posts]
        run_readers_and_driver(
            result, base, None, driver, paths, driver.home, workdir, args, origin=args.wp_origin
        )
    finally:
        try:
            if driver.process.poll() is None:
                log(f"wordpress: removed the driver's {driver.ask('cleanup')}")
        finally:
            driver.close()


# --------------------------------------------------------------------------- main


def main() -> int:
    from run import (
        bench_database_url,
        bench_redis_url,
        interrupt_on_sigterm,
        prepare_data,
        run_facts,
        server_env,
        services_ready,
        wrk_missing,
    )

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", type=int, default=1000, help="bench articles (and read)")
    parser.add_argument("--comments", type=int, help="their comments (default: 10 × size)")
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS") or 120))
    parser.add_argument("--warmup", type=int, default=int(os.environ.get("BUSY_WARMUP") or 10))
    parser.add_argument("--only", default="nginx,app,wordpress", help="configurations, in order")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--zipf", type=float, default=1.0, help="Zipf exponent s")
    parser.add_argument("--home-share", type=float, default=0.1)
    parser.add_argument("--poll", type=float, default=0.5, help="seconds between freshness polls")
    parser.add_argument("--freshness-limit", type=float, default=60.0)
    parser.add_argument("--idle-wait", type=float, default=60.0, help="longest wait for idle")
    parser.add_argument(
        "--nginx-plain",
        action="store_true",
        help="Dima's nginx without TLS, as behind a TLS load balancer (like WordPress's)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--log",
        type=Path,
        default=Path(tempfile.gettempdir()) / "dima-bench-server.log",
        help="the servers' output (default: %(default)s)",
    )
    args = parser.parse_args()
    configs = [c.strip() for c in args.only.split(",") if c.strip()]
    if unknown := set(configs) - set(CONFIGS):
        parser.error(f"unknown configuration(s): {', '.join(sorted(unknown))}")
    args.run_id = secrets.token_hex(3)
    comments = args.comments if args.comments is not None else 10 * args.size
    database_url = bench_database_url(str(args.size))
    redis_url = bench_redis_url()
    wordpress_base = os.environ.get("BENCH_WORDPRESS", "http://127.0.0.1:8082").rstrip("/")
    # The same WordPress without its page cache: where a change not seen is looked for.
    args.wp_origin = os.environ.get("BENCH_WORDPRESS_ORIGIN", "http://127.0.0.1:8081").rstrip("/")
    if wrk_missing():
        return 2
    interrupt_on_sigterm()
    facts = run_facts()
    # The servers' environment, and this process's: the driver's invalidations must reach the
    # same Redis database under the same settings.
    env = server_env(database_url, page_cache=True, REDIS_URL=redis_url)
    if not services_ready(database_url, redis_url):
        return 2

    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connections

    prepare_data(args.size, comments)
    removed = dima_cleanup()
    if any(removed):
        log(f"removed an earlier run's {removed[0]} comments and {removed[1]} articles")
    readers = dima_readers(args.size)
    connections.close_all()

    results: list[Result] = []
    code = 0
    with args.log.open("wb") as log_file, tempfile.TemporaryDirectory() as workdir:
        args.log_file = log_file
        try:
            for config in configs:
                result = Result(config, CONFIG_NAMES[config])
                if config == "nginx" and args.nginx_plain:
                    result.name = "Dima behind its nginx (shipped dima.conf, plain HTTP)"
                results.append(result)
                wait_idle(args.idle_wait)
                directory = Path(workdir) / config
                directory.mkdir()
                if config == "wordpress":
                    run_wordpress(wordpress_base, args, directory, result)
                else:
                    result.articles = len(readers)
                    run_dima(config, env, readers, args, directory, result)
        except KeyboardInterrupt:
            log("interrupted: servers stopped")
            code = 130
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            log(f"error: {exc} (server output in {args.log})")
            code = 1
        finally:
            dima_cleanup()

    facts.update(
        {
            "database": database_url.rsplit("@", 1)[-1],
            "cache": redis_url,
            "WordPress": wordpress_base,
            "readers": f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s --timeout "
            f"30s, a Lua script: home {args.home_share:.0%}, else the newest {args.size} "
            f"published articles with Zipf popularity (s={args.zipf}, newest most read); "
            f"{args.warmup} s of warm-up first, caches emptied before it",
            "driver": f"a comment approved every {COMMENT_EVERY} s on the {MOST_READ} most-read "
            f"articles in turn, an article published every {ARTICLE_EVERY} s from "
            f"{FIRST_ARTICLE_AT} s; each polled every {args.poll} s on the readers' front "
            f"until visible, for at most {args.freshness_limit:.0f} s",
        }
    )
    sys.stdout.write("\n".join(f"{key}: {value}" for key, value in facts.items()) + "\n\n")
    sys.stdout.write(table(results, args.freshness_limit) + "\n")
    if args.json:
        report = {
            "facts": facts,
            "results": [
                {
                    **asdict(r),
                    "errors": r.errors,
                    "cache_shares": cache_shares(r.caches),
                    "comment_freshness": freshness(
                        [c.seen_after for c in r.changes if c.kind == "comment"]
                    ),
                    "article_freshness": freshness(
                        [c.seen_after for c in r.changes if c.kind == "article"]
                    ),
                }
                for r in results
            ],
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
