"""What an uncached page costs to render in process, and the same before and after a change.

    .venv/bin/python bench/render_time.py [--rounds 15] [--per-round 8] [--json FILE]
    .venv/bin/python bench/render_time.py --compare <git-rev>          # <git-rev> against the tree
    .venv/bin/python bench/render_time.py --profile home --profile-out FILE [--compare <git-rev>]

Each tree measured runs in its own worker process (this file with `--worker`), which builds a
throwaway SQLite database the way the test suite does (dima.settings_test, Django's
`create_test_db`), loads `load_demo` and `load_demo_comments`, and tops the seed article up to
exactly 50 approved comments, some of them replies, with bench/make_data.py's generator (as
`make bench` does). Pages, requested with `django.test.Client` through the whole middleware
stack, the page cache off (PAGE_CACHE=0):

- `home`: the demo home page;
- `article`: the seed article and its 50 comments (20 threads a page: 22 comments shown).

Two states of the other caches (menu, banner, counts, `{% cache %}` fragments):

- `cold`: every `{% cache %}` fragment dropped before each request, the rest warm: what a page
  costs right after something it shows changed (a comment approved: its comments section is
  rendered again). This is the figure the render budget is about;
- `warm`: everything but the page itself kept.

`--tree DIR` measures another checkout instead of this one (the same change on top of another
base, say). `--compare REV` extracts REV with `git archive` into a temporary directory (no
worktree, no change to the repository; its messages are compiled) and starts a second worker
there, with the same Python and dependencies. The two workers are driven in alternation,
round after round, the order switched each round, so that both see the same load on a shared
machine; the table gives both and the ratios.

Per page and state: the median and p90 of the per-request times (ms, `time.perf_counter`
around `Client.get`); the median CPU time of the worker for a request (`time.process_time`:
on a machine shared with other work it moves much less than the elapsed time); the SQL
queries of one request (CaptureQueriesContext), its Python function calls (cProfile: they
do not depend on the load) and the bytes of HTML. The test environment's
template instrumentation (`setup_test_environment`, which copies every template's context for
the test client) is left off: it is not in production, and it adds a copy of the context to
every template rendered, each `{% include %}` included.

`--profile PAGE` (home or article; state `--profile-state`, default cold) runs cProfile over
`--profile-requests` requests in each tree and writes the top functions by cumulative and by
own time, with the function calls per request, to `--profile-out` (one file per tree:
`-before`/`-after` are added before the extension when comparing).
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("article", "home")
STATES = ("cold", "warm")


# ---------------------------------------------------------------------------------- worker


def drop_fragments() -> None:
    """Forget every `{% cache %}` fragment (keys "template.cache.…") in the local caches."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    for alias in caches:
        cache = caches[alias]
        if isinstance(cache, LocMemCache):
            with cache._lock:
                for key in [k for k in cache._cache if "template.cache." in k]:
                    del cache._cache[key]
                    cache._expire_info.pop(key, None)


class Worker:
    def __init__(self, tree: Path):
        # The tree measured comes first, before the editable install of the working tree.
        sys.path.insert(0, str(tree))
        os.chdir(tree)
        os.environ["DJANGO_SETTINGS_MODULE"] = "dima.settings_test"
        os.environ["PAGE_CACHE"] = "0"
        for name in ("DATABASE_URL", "REDIS_URL"):  # SQLite and the local-memory cache
            os.environ.pop(name, None)
        import django

        django.setup()
        import articles

        if not Path(articles.__file__).resolve().is_relative_to(tree.resolve()):
            raise SystemExit(f"worker: articles imported from {articles.__file__}, not {tree}")
        from django.conf import settings
        from django.db import connection

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        if not list(tree.glob("locale/*/LC_MESSAGES/django.mo")):  # git archive has no .mo
            from django.core.management import call_command

            call_command("compilemessages", ignore_patterns=[".venv"], verbosity=0)
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        self.load_data()
        from django.test import Client

        self.client = Client()
        self.paths = self.find_paths()

    def load_data(self) -> None:
        from django.core.management import call_command

        sys.path.insert(1, str(ROOT / "bench"))  # bench/archive.py, from the tree measured
        sys.path.insert(1, str(Path.cwd() / "bench"))
        from archive import MakeBenchData

        out = sys.stderr
        call_command("load_demo", stdout=out, stderr=out)
        call_command("load_demo_comments", stdout=out, stderr=out)
        call_command(MakeBenchData(), articles=0, comments=0, stdout=out, stderr=out)
        # It also adds the owners of its archive: without articles, they are not the demo's.
        from django.core.cache import cache

        from archive import PREFIX

        from articles.models import Author, Section, Tag

        for model in (Section, Author, Tag):
            model.objects.filter(slug__startswith=PREFIX).delete()
        cache.clear()

    def find_paths(self) -> dict[str, str]:
        from archive import SEED_COMMENTS

        from articles.models import Article
        from comments.models import Comment
        from demo.loader import SEED_FILE, parse_seed

        _site, seed_text = parse_seed(SEED_FILE.read_text(encoding="utf-8"))
        seed = Article.objects.published().get(title=seed_text.title)
        approved = Comment.objects.approved().filter(article=seed)
        if approved.count() != SEED_COMMENTS or not approved.filter(parent__isnull=False):
            raise SystemExit(f"worker: the seed has {approved.count()} approved comments")
        return {"home": "/", "article": seed.get_absolute_url()}

    def get(self, page: str, state: str, *, prepared: bool = False):
        if state == "cold" and not prepared:
            drop_fragments()
        response = self.client.get(self.paths[page])
        if response.status_code != 200:
            raise SystemExit(f"worker: {self.paths[page]} answered {response.status_code}")
        return response

    def times(self, page: str, state: str, n: int) -> list[tuple[float, float]]:
        """`n` requests: (wall ms, CPU ms of this process) each."""
        self.get(page, state)  # templates compiled, caches filled
        result = []
        for _ in range(n):
            if state == "cold":
                drop_fragments()  # outside the time measured
            wall, cpu = time.perf_counter(), time.process_time()
            self.get(page, state, prepared=True)
            result.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
        return result

    def facts(self, page: str, state: str) -> dict:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.get(page, state)
        with CaptureQueriesContext(connection) as queries:
            response = self.get(page, state)
        count = len(queries)  # read now: the next request empties the log
        profile = cProfile.Profile()
        profile.runcall(self.get, page, state)
        return {
            "queries": count,
            "bytes": len(response.content),
            "calls": pstats.Stats(profile).total_calls,
        }

    def profile(self, page: str, state: str, n: int, top: int) -> str:
        self.get(page, state)
        profile = cProfile.Profile()
        elapsed = 0.0
        for _ in range(n):
            if state == "cold":
                drop_fragments()
            started = time.perf_counter()
            profile.runcall(self.get, page, state, prepared=True)
            elapsed += (time.perf_counter() - started) * 1000 / n
        stats = pstats.Stats(profile)
        head = (
            f"{page} ({state}), {n} requests under cProfile, {elapsed:.1f} ms a request "
            f"with the profiler on; {stats.total_calls / n:,.0f} function calls a request\n"
        )
        return "\n".join(
            [
                head + trimmed(stats, "cumulative", top),
                trimmed(stats, "cumulative", top, OURS, "the project's code and the template tags"),
                trimmed(stats, "tottime", top),
            ]
        )

    def serve(self) -> None:
        out = sys.__stdout__
        for line in sys.stdin:
            order = json.loads(line)
            kind = order.pop("do")
            answer = getattr(self, kind)(**order)
            out.write(json.dumps(answer) + "\n")
            out.flush()


# The project's own code, and the template engine's tags (where a page's time goes).
OURS = r"^(?!.*/site-packages/)(?!.*/lib/python3).*\.py|templatetags|loader_tags|defaulttags"


def trimmed(stats: pstats.Stats, sort: str, top: int, only: str = "", what: str = "") -> str:
    """pstats' table, sorted by `sort`, `top` lines (of `only`, a regular expression), with
    site-packages and tree paths cut."""
    buffer = io.StringIO()
    stats.stream = buffer
    stats.sort_stats(sort).print_stats(*([only] if only else []), top)
    text = buffer.getvalue()
    text = text[text.index("   ncalls") :] if "   ncalls" in text else text
    text = re.sub(r"\S*/site-packages/", "", text)
    text = re.sub(r"\S*/lib/python3\.\d+/", "", text)
    text = re.sub(re.escape(str(Path.cwd())) + "/", "", text)
    return f"Top {top} by {sort}{f' ({what})' if what else ''}:\n{text.rstrip()}\n"


def worker_main(tree: str) -> None:
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # what setup prints must not mix with the answers
    try:
        worker = Worker(Path(tree))
    finally:
        sys.stdout = real_stdout
    sys.stdout = sys.stderr
    sys.__stdout__.write(json.dumps({"ready": worker.paths}) + "\n")
    sys.__stdout__.flush()
    worker.serve()


# ----------------------------------------------------------------------------- coordinator


class Tree:
    def __init__(self, label: str, path: Path, revision: str):
        self.label, self.path, self.revision = label, path, revision
        self.process = subprocess.Popen(  # noqa: S603 (our own script, our own interpreter)
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if not os.environ.get("BENCH_VERBOSE") else None,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        ready = json.loads(self.process.stdout.readline() or "{}")
        if "ready" not in ready:
            raise SystemExit(f"{label}: the worker did not start (BENCH_VERBOSE=1 shows why)")

    def ask(self, **order):
        self.process.stdin.write(json.dumps(order) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"{self.label}: the worker stopped (BENCH_VERBOSE=1 shows why)")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def git(*args: str) -> str:
    return subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), *args],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def extract(revision: str, into: Path) -> Path:
    archive = subprocess.run(  # noqa: S603
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision],  # noqa: S607
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(trees: list[Tree], rounds: int, per_round: int) -> dict:
    times = {(t.label, p, s): [] for t in trees for p in PAGES for s in STATES}
    for number in range(rounds):
        order = trees if number % 2 == 0 else trees[::-1]
        for page in PAGES:
            for state in STATES:
                for tree in order:
                    times[tree.label, page, state] += tree.ask(
                        do="times", page=page, state=state, n=per_round
                    )
    results = {}
    for tree in trees:
        for page in PAGES:
            for state in STATES:
                wall = [w for w, _cpu in times[tree.label, page, state]]
                cpu = [c for _wall, c in times[tree.label, page, state]]
                results[tree.label, page, state] = {
                    "median_ms": round(statistics.median(wall), 2),
                    "p90_ms": round(percentile(wall, 0.9), 2),
                    "cpu_median_ms": round(statistics.median(cpu), 2),
                    "requests": len(wall),
                    **tree.ask(do="facts", page=page, state=state),
                }
    return results


def table(trees: list[Tree], results: dict) -> str:
    lines = [
        "| page | caches | tree | median ms | p90 ms | CPU ms (median) | Python calls "
        "| SQL queries | HTML bytes |"
        + (" after/before (median, CPU, calls) |" if len(trees) == 2 else ""),
        "|---|---|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if len(trees) == 2 else ""),
    ]
    for page in PAGES:
        for state in STATES:
            for tree in trees:
                r = results[tree.label, page, state]
                row = (
                    f"| {page} | {state} | {tree.label} ({tree.revision}) | {r['median_ms']:.2f} "
                    f"| {r['p90_ms']:.2f} | {r['cpu_median_ms']:.2f} | {r['calls']:,} "
                    f"| {r['queries']} | {r['bytes']:,} |"
                )
                if len(trees) == 2:
                    before = results[trees[0].label, page, state]
                    if tree is trees[1]:
                        wall = r["median_ms"] / before["median_ms"]
                        cpu = r["cpu_median_ms"] / before["cpu_median_ms"]
                        calls = r["calls"] / before["calls"]
                        row += f" {wall:.2f}, {cpu:.2f}, {calls:.2f} |"
                    else:
                        row += " |"
                lines.append(row)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", metavar="TREE", help=argparse.SUPPRESS)
    parser.add_argument("--compare", metavar="REV", help="measure REV too, side by side")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--per-round", type=int, default=8, help="requests per page and round")
    parser.add_argument(
        "--tree", metavar="DIR", default=str(ROOT), help="the tree to measure (default: this one)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--profile", choices=PAGES, help="profile this page instead")
    parser.add_argument("--profile-state", choices=STATES, default="cold")
    parser.add_argument("--profile-requests", type=int, default=100)
    parser.add_argument("--profile-top", type=int, default=40)
    parser.add_argument("--profile-out", metavar="FILE", help="default: print")
    options = parser.parse_args()
    if options.worker:
        worker_main(options.worker)
        return

    tree = Path(options.tree).resolve()
    if tree == ROOT:
        dirty = git("status", "--porcelain", "--untracked-files=no")
        name = git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if dirty else "")
    else:
        name = str(tree)
    with tempfile.TemporaryDirectory(prefix="dima-render-") as scratch:
        trees = []
        if options.compare:
            revision = git("rev-parse", "--short", options.compare)
            old = extract(options.compare, Path(scratch) / "before")
            trees.append(Tree("before", old, revision))
        trees.append(Tree("after" if options.compare else "tree", tree, name))
        try:
            if options.profile:
                profile(trees, options)
            else:
                report(trees, options)
        finally:
            for tree in trees:
                tree.close()


def machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}; {os.cpu_count()} CPUs; load average {load}; "
        f"Python {sys.version.split()[0]}; SQLite, local-memory cache, PAGE_CACHE=0"
    )


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def report(trees: list[Tree], options) -> None:
    say(f"bench/render_time.py: {machine()}")
    say(
        f"{options.rounds} rounds x {options.per_round} requests per page, cache state and "
        f"tree, the trees alternating (order switched each round)\n"
    )
    results = measure(trees, options.rounds, options.per_round)
    say(table(trees, results))
    say(f"\nfinished: {machine()}")
    if options.json:
        rows = [
            {"tree": label, "page": page, "caches": state, **figures}
            for (label, page, state), figures in results.items()
        ]
        revisions = {t.label: t.revision for t in trees}
        Path(options.json).write_text(json.dumps({"revisions": revisions, "rows": rows}, indent=1))


def profile(trees: list[Tree], options) -> None:
    for tree in trees:
        text = tree.ask(
            do="profile",
            page=options.profile,
            state=options.profile_state,
            n=options.profile_requests,
            top=options.profile_top,
        )
        text = (
            f"bench/render_time.py --profile: {tree.label} ({tree.revision}); {machine()}\n" + text
        )
        if not options.profile_out:
            say(text)
            continue
        out = Path(options.profile_out)
        if len(trees) == 2:
            out = out.with_name(f"{out.stem}-{tree.label}{out.suffix}")
        out.write_text(text)
        say(f"wrote {out}")


if __name__ == "__main__":
    main()
