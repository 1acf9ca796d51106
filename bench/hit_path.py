"""What a page-cache hit costs in process, through the whole middleware stack: `make bench`
measures throughput with wrk, where two cores shared with the load tool make small changes
hard to see; this measures the hit path alone.

    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/hit_path.py [--requests 3000]
        [--repeat 7] [--json FILE]

Django's WSGI handler is called directly (no server, no network) with PAGE_CACHE=1, DEBUG
and HTTPS off, for the home page, the seed article, a section, search and the RSS feed.
Each page is requested once to be cached, then `--requests` times in a row; that is
repeated `--repeat` times and the median and the best run are printed, in microseconds per
request. Time on a shared machine moves by a third between runs, so it also counts the
Python function calls of one hit (cProfile over 200 hits), which do not. Run it from each
checkout to compare, on the same database and Redis.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SEED_TITLE = "الأمن المغربي في مقدمة تأمين كاس العالم بقطر 2022"


def environ_for(path: str) -> dict:
    parts = urlsplit(path)
    return {
        "REQUEST_METHOD": "GET",
        # WSGI carries the path's bytes, percent-decoded, as a latin-1 string.
        "PATH_INFO": unquote_to_bytes(parts.path).decode("latin-1"),
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def request(application, path: str) -> tuple[str, dict]:
    status_headers: dict = {}

    def start_response(status, headers, exc_info=None):
        status_headers["status"], status_headers["headers"] = status, dict(headers)

    body = application(environ_for(path), start_response)
    b"".join(body)
    body.close()
    return status_headers["status"], status_headers["headers"]


def calls_per_hit(application, path: str, hits: int = 200) -> float:
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(hits):
        request(application, path)
    profile.disable()
    return pstats.Stats(profile).total_calls / hits


def pages() -> dict[str, str]:
    from articles.models import Article, Section

    seed = Article.objects.published().get(title=SEED_TITLE)
    section = Section.objects.order_by("position", "pk").first()
    return {
        "home": "/",
        "article (seed)": seed.get_absolute_url(),
        "section": section.get_absolute_url(),
        "search": "/search/?q=" + quote("الحموشي"),
        "RSS feed": "/feed/",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    os.environ.update(PAGE_CACHE="1", DEBUG="0", HTTPS="0")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dima.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler

    django.setup()
    cache.clear()
    application = WSGIHandler()
    results = {}
    for name, path in pages().items():
        request(application, path)  # rendered and kept
        status, headers = request(application, path)
        if not status.startswith("200") or headers.get("X-Page-Cache") != "hit":
            raise SystemExit(f"{name}: {status}, X-Page-Cache {headers.get('X-Page-Cache')}")
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            for _ in range(args.requests):
                request(application, path)
            runs.append((time.perf_counter() - start) / args.requests * 1e6)
        results[name] = {
            "median_us": statistics.median(runs),
            "best_us": min(runs),
            "runs": runs,
            "calls": calls_per_hit(application, path),
        }

    lines = [
        f"{args.requests} hits × {args.repeat} runs a page; microseconds per request",
        "| page | median µs | best µs | Python calls a hit |",
        "|---|---|---|---|",
        *(
            f"| {name} | {figures['median_us']:.0f} | {figures['best_us']:.0f} "
            f"| {figures['calls']:.0f} |"
            for name, figures in results.items()
        ),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
