"""Real task workers (and the scheduler) for tests: `manage.py` processes on the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def database_url() -> str:
    """The address of the database this test runs on, for another process."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}{port}/{db['NAME']}"


def process_env(**extra: str) -> dict[str, str]:
    """Production settings on the test database, mail and all else as `extra` says."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dima.settings",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "dima-tests-only"),
        "DEBUG": "0",
        "HTTPS": "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    out = log.open("ab")
    return subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=out, stderr=out
    )


def start_db_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    args = ["db_worker", "--interval", "0.1", "--no-startup-delay", "--no-reload"]
    return start(args, env, log)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(
    condition, *, timeout: float = 30, what: str = "the condition", log: Path | None = None
):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    output = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"waited {timeout} s for {what}\n{output}")


def start_procfile(processes: list[str], env: dict[str, str], log: Path, tmp: Path):
    """Processes of the Procfile, started by honcho exactly as `make serve` starts them."""
    no_dotenv = tmp / "empty.env"
    no_dotenv.write_text("")
    honcho = Path(sys.executable).parent / "honcho"
    out = log.open("ab")
    return subprocess.Popen(  # noqa: S603 (our own Procfile)
        [honcho, "start", "-f", "Procfile", "-e", no_dotenv, "--no-colour", *processes],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=out,
    )
