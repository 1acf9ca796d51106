"""The WordPress import at scale: `make bench-import`.

    .venv/bin/python bench/import_run.py [--posts 20000] [--comments 200000] [--images 200]
        [--cache DIR] [--json FILE]

1. The export: bench/make_wxr.py's, generated once into a cache folder for these parameters
   (--cache, by default ~/.cache/dima-bench/wxr-<posts>-<comments>-<images>) and reused as long
   as its manifest matches them.
2. The database: BENCH_DATABASE_URL, by default
   postgres://postgres@127.0.0.1:5432/dima_bench_import, dropped and created again, then
   `manage.py migrate`. The media: a new, empty MEDIA_ROOT in a temporary folder.
3. `manage.py import_wordpress EXPORT --uploads DIR` as a child process, twice: into the empty
   site, then again with nothing changed. Each run: its wall time, its peak memory (its maximum
   resident set as GNU time reports it: `make bench-import` installs /usr/bin/time), its exit
   code and its report (stdout). Its stderr (progress bars) goes to this terminal.
4. Both runs printed, with the machine facts and the commit; --json keeps them.

The child is stopped (its whole process group) on Ctrl-C or SIGTERM.
"""

import argparse
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the project's packages are beside bench/
    sys.path.insert(0, str(ROOT))

from bench.machine import machine_facts, without_password  # noqa: E402
from bench.make_wxr import EXPORT_NAME, generate, is_generated  # noqa: E402
from bench.processes import stop_process_group  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
GNU_TIME = Path("/usr/bin/time")
_PEAK = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/dima_bench_import"


@dataclass
class Run:
    name: str
    seconds: float
    peak_rss_mb: float
    exit_code: int
    report: str


def log(message: str) -> None:
    sys.stderr.write(f"[{datetime.now(UTC):%H:%M:%S}] {message}\n")
    sys.stderr.flush()


def run_measured(name: str, command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run `command` from the project's folder: its wall time, peak memory, exit code, stdout.

    The peak comes from GNU time, which forks the command and reads its rusage. Not from this
    process's wait4() or RUSAGE_CHILDREN: Linux counts in a child's maximum resident set the
    memory of the process it was forked from (up to its exec), so a child of this Python
    process would never show less than this process's own size.
    """
    with tempfile.TemporaryDirectory(prefix="dima-bench-run-") as folder:
        usage_file = Path(folder) / "usage"
        with (Path(folder) / "stdout").open("w+", encoding="utf-8") as stdout:
            began = time.monotonic()
            process = subprocess.Popen(  # noqa: S603 (a fixed argument list, no shell)
                [str(GNU_TIME), "-v", "-o", str(usage_file), *command],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                process_group=0,
            )
            try:
                exit_code = process.wait()
            except BaseException:
                stop_process_group(process)
                raise
            seconds = time.monotonic() - began
            stdout.seek(0)
            report = stdout.read().strip()
        peak = _PEAK.search(usage_file.read_text(encoding="utf-8"))
    peak_mb = round(int(peak[1]) / 1024, 1) if peak else 0.0
    return Run(name, round(seconds, 1), peak_mb, exit_code, report)


def recreate_database(url: str) -> None:
    """DROP and CREATE the PostgreSQL database named in `url` (SQLite: delete the file)."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        Path(parts.path).unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def cache_folder(args) -> Path:
    if args.cache:
        return args.cache
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "dima-bench" / f"wxr-{args.posts}-{args.comments}-{args.images}"


def prepare_export(args) -> Path:
    folder = cache_folder(args)
    sizes = {"posts": args.posts, "comments": args.comments, "images": args.images}
    if is_generated(folder, **sizes):
        log(f"export: reusing {folder / EXPORT_NAME}")
    else:
        log(f"export: generating {folder / EXPORT_NAME}")
        began = time.monotonic()
        stats = generate(folder, **sizes)
        log(stats.summary(folder, time.monotonic() - began))
    return folder


def table(runs: list[Run]) -> str:
    lines = ["| run | wall s | peak memory MB | exit code |", "|---|---|---|---|"]
    lines += [f"| {r.name} | {r.seconds:.1f} | {r.peak_rss_mb:.1f} | {r.exit_code} |" for r in runs]
    for run in runs:
        lines += ["", f"{run.name}, the importer's report:", run.report or "(nothing on stdout)"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--cache", type=Path, help="where the export is generated and kept")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE

    def on_sigterm(_signum, _frame):
        raise KeyboardInterrupt

    if not GNU_TIME.exists():
        sys.stderr.write("GNU time is not installed: `make bench-import` installs it (as root).\n")
        return 2
    signal.signal(signal.SIGTERM, on_sigterm)
    facts = machine_facts()
    folder = prepare_export(args)
    export, uploads = folder / EXPORT_NAME, folder / "uploads"
    try:
        recreate_database(database_url)
    except Exception as exc:  # psycopg: say what is missing
        sys.stderr.write(f"ERROR: cannot recreate the database: {type(exc).__name__}: {exc}\n")
        return 2
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="dima-bench-media-") as media:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dima.settings",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": media,
            "DEBUG": "0",
            "HTTPS": "0",
            "PAGE_CACHE": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        }
        env.pop("REDIS_URL", None)  # the local-memory cache: no shared Redis database touched
        manage = [str(PYTHON), "manage.py"]
        try:
            migrated = run_measured("migrate", [*manage, "migrate", "--noinput", "-v0"], env)
            if migrated.exit_code:
                sys.stderr.write(f"ERROR: migrate exited with {migrated.exit_code}\n")
                return 1
            importing = [*manage, "import_wordpress", str(export), "--uploads", str(uploads)]
            for name in ("first import", "again, nothing changed"):
                log(f"{name}: {' '.join(importing[1:])}")
                run = run_measured(name, importing, env)
                runs.append(run)
                log(f"{name}: {run.seconds:.1f} s, {run.peak_rss_mb:.1f} MB, exit {run.exit_code}")
                if run.exit_code:
                    break
        except KeyboardInterrupt:
            log("interrupted: the import was stopped")
            return 130
    facts.update(
        database=without_password(database_url),
        export=f"{export} ({export.stat().st_size / 1e6:.1f} MB)",
        parameters=f"{args.posts} posts, {args.comments} comments, {args.images} images",
    )
    sys.stdout.write("\n".join(f"{key}: {value}" for key, value in facts.items()) + "\n\n")
    sys.stdout.write(table(runs) + "\n")
    if args.json:
        report = {"facts": facts, "runs": [asdict(run) for run in runs]}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 1 if any(run.exit_code for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
