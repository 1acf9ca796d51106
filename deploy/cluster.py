"""The shape Dima has across machines, started on this one (`make cluster`, docs/deploy.md).

    nginx (TLS, the shipped page cache of deploy/nginx/dima.conf, load balancing)
      -> app server A and app server B (gunicorn, deploy/gunicorn.conf.py)
    a task worker (manage.py task_worker) and the scheduler of the upkeep (run_scheduler)
    PostgreSQL (the machine's server, a database of the cluster's own)
    Redis (its own redis-server: maxmemory with allkeys-lru, no dumps)
    an S3-compatible object store for media (moto's standalone server, from PyPI)

Each is a real process started as production starts it; Dima reaches every one through the
same environment variables as in production (DATABASE_URL, REDIS_URL, AWS_*), and the
media go through django-storages exactly as dima/settings.py configures them.

    python deploy/cluster.py up        # foreground; Ctrl-C or SIGTERM stops everything
    python deploy/cluster.py stop      # from another terminal (`make cluster-stop`)

Ports are BASE+1 and BASE+2 (app servers A and B), BASE+4 (nginx over HTTPS), BASE+8
(nginx's plain-HTTP redirect), BASE+6 (Redis) and BASE+9 (object store), BASE being 8200
unless --base-port (or CLUSTER_PORT) says otherwise. Files (logs, certificate, nginx cache,
mail) live under --dir (.cluster/). The end-to-end tests (tests/cluster/) start a Cluster of
their own, on ports 8251-8259 and the database dima_cluster_test.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is beside deploy/
    sys.path.insert(0, str(ROOT))

from bench.nginx_server import make_certificate, nginx_binary, render_conf  # noqa: E402

BIN = Path(sys.executable).parent
HOST = "localhost"  # the certificate's name, and the site's host name in the cluster
BUCKET = "dima-media"
# Readers' photos waiting for an editor («صوتكم»): a bucket of their own, never public.
PRIVATE_BUCKET = "dima-private"
# moto accepts any credentials; a real store is given its own (docs/deploy.md).
ACCESS_KEY = "dima-cluster"
SECRET_ACCESS_KEY = "dima-cluster-secret"  # noqa: S105 (a local stand-in's, not a secret)
REGION = "us-east-1"
APP_SERVERS = ("a", "b")


def wait_for_port(port: int, process: subprocess.Popen, name: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not listen on {port} within {timeout} s") from None
            time.sleep(0.1)


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        # As the servers bind: a port with connections left in TIME_WAIT is free for them.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class Cluster:
    """Every process of the cluster, started in order by `start()` and stopped by `stop()`."""

    workdir: Path
    base_port: int = 8200
    database_url: str = "postgres://postgres@127.0.0.1:5432/dima_cluster"
    fresh_database: bool = False
    demo: bool = True
    web_concurrency: int = 2
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    # ------------------------------------------------------------------ addresses

    def app_port(self, name: str) -> int:
        return self.base_port + 1 + APP_SERVERS.index(name)

    @property
    def https_port(self) -> int:
        return self.base_port + 4

    @property
    def http_port(self) -> int:
        return self.base_port + 8

    @property
    def redis_port(self) -> int:
        return self.base_port + 6

    @property
    def s3_port(self) -> int:
        return self.base_port + 9

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    @property
    def origin(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    @property
    def certificate(self) -> Path:
        return self.workdir / "cert.pem"

    @property
    def mail_dir(self) -> Path:
        return self.workdir / "mail"

    def env(self) -> dict[str, str]:
        """Dima's production settings, pointing at this cluster's parts."""
        key_file = self.workdir / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        # Nothing else of this shell's environment: a test run's settings (PAGE_CACHE=0,
        # HTTPS=0, DJANGO_SETTINGS_MODULE=dima.settings_test...) must not reach the cluster.
        passed = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "TZ")
        return {
            **{name: os.environ[name] for name in passed if name in os.environ},
            "DJANGO_SETTINGS_MODULE": "dima.settings",
            "DEBUG": "0",
            "SECRET_KEY": key_file.read_text().strip(),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            # nginx forwards Host without its port (README of deploy/nginx): the origin with it.
            "CSRF_TRUSTED_ORIGINS": self.origin,
            "TRUSTED_PROXY_COUNT": "1",
            "HTTPS": "1",
            "WEB_CONCURRENCY": str(self.web_concurrency),
            "GUNICORN_ACCESS_LOG": "",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_PRIVATE_STORAGE_BUCKET_NAME": PRIVATE_BUCKET,
            "AWS_S3_ENDPOINT_URL": self.s3_endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
            # Mail is written to files, one per message, where the tests read it.
            # (django-environ drops the path's first slash: four in all for an absolute one.)
            "EMAIL_URL": f"filemail:///{self.mail_dir.resolve()}",
            "AKISMET_SITE_URL": self.origin + "/",
        }

    # ------------------------------------------------------------------ starting

    def log(self, name: str):
        return (self.workdir / f"{name}.log").open("ab")

    def spawn(self, name: str, command: list[str], **kwargs) -> subprocess.Popen:
        """A process in its own group (a gunicorn master and its workers stop together)."""
        output = self.log(name)
        process = subprocess.Popen(  # noqa: S603 (the cluster's own commands)
            command,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=ROOT,
            **kwargs,
        )
        output.close()
        self.processes[name] = process
        return process

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(  # noqa: S603
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
        return done

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.mail_dir.mkdir(exist_ok=True)
        taken = [
            port
            for port in (
                *(self.app_port(name) for name in APP_SERVERS),
                self.https_port,
                self.http_port,
                self.redis_port,
                self.s3_port,
            )
            if not port_is_free(port)
        ]
        if taken:
            raise RuntimeError(f"ports already in use: {taken} (another cluster running?)")
        try:
            self.start_redis()
            self.start_object_store()
            self.prepare_database()
            for name in APP_SERVERS:
                self.start_app(name)
            self.start_worker()
            self.start_scheduler()
            self.start_nginx()
        except BaseException:
            self.stop()
            raise

    def start_redis(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed: apt-get install redis-server")
        # As production runs it for a cache: bounded memory, least recently used keys evicted,
        # nothing written to disk (Dima keeps nothing in Redis it cannot lose).
        process = self.spawn(
            "redis",
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.redis_port),
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
        )
        wait_for_port(self.redis_port, process, "redis-server")

    def start_object_store(self) -> None:
        process = self.spawn(
            "s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.s3_port)]
        )
        wait_for_port(self.s3_port, process, "moto_server")
        self.create_bucket()

    def s3_client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )

    def create_bucket(self) -> None:
        """The media bucket, readable by anyone (media URLs carry no signature), and the
        private one for readers' photos, as an operator creates them once on a real store."""
        client = self.s3_client()
        if BUCKET not in {bucket["Name"] for bucket in client.list_buckets()["Buckets"]}:
            client.create_bucket(Bucket=BUCKET)
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicReadMedia",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{BUCKET}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
        # The private one has no policy: only the app servers' key reads it.
        if PRIVATE_BUCKET not in {bucket["Name"] for bucket in client.list_buckets()["Buckets"]}:
            client.create_bucket(Bucket=PRIVATE_BUCKET)

    def prepare_database(self) -> None:
        import psycopg

        parts = urlsplit(self.database_url)
        name = parts.path.lstrip("/")
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
            if self.fresh_database:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        if self.demo:
            # The demo's images go through the storage, so into the object store.
            self.manage("load_demo")
            self.manage("make_renditions")

    def start_app(self, name: str) -> subprocess.Popen:
        port = self.app_port(name)
        env = {**self.env(), "BIND": f"127.0.0.1:{port}"}
        process = self.spawn(
            f"app-{name}",
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "dima.wsgi"],
            env=env,
        )
        wait_for_port(port, process, f"app server {name.upper()}")
        return process

    def start_worker(self) -> subprocess.Popen:
        return self.spawn(
            "worker", [str(BIN / "python"), "manage.py", "task_worker"], env=self.env()
        )

    def start_scheduler(self) -> subprocess.Popen:
        """The one scheduler of the site: it queues the upkeep for the worker (docs/tasks.md)."""
        return self.spawn(
            "scheduler", [str(BIN / "python"), "manage.py", "run_scheduler"], env=self.env()
        )

    def nginx_conf(self) -> str:
        """The shipped dima.conf, with its placeholders filled and both app servers upstream."""
        cache = self.workdir / "nginx-cache"
        cache.mkdir(exist_ok=True)
        upstream = "app-a"
        text = render_conf(
            upstream=upstream,
            http_port=self.http_port,
            https_port=self.https_port,
            cert=self.certificate,
            key=self.workdir / "key.pem",
            cache_dir=cache,
            static_root=ROOT / "staticfiles",
            media_root=self.workdir / "unused-media",
        )
        servers = "\n    ".join(
            f"server 127.0.0.1:{self.app_port(name)} max_fails=1 fail_timeout=5s;"
            for name in APP_SERVERS
        )
        return text.replace(f"server {upstream};", servers, 1)

    def start_nginx(self) -> subprocess.Popen:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed: apt-get install nginx")
        if not self.certificate.exists():
            make_certificate(self.workdir)
        (self.workdir / "dima.conf").write_text(self.nginx_conf())
        workdir = self.workdir
        # As root, nginx's workers would become `nobody`, who cannot read the working files.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
        (workdir / "nginx.conf").write_text(
            f"{user}"
            "worker_processes 2;\n"
            f"pid {workdir}/nginx.pid;\n"
            f"error_log {workdir}/nginx-error.log warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "  include /etc/nginx/mime.types;\n"
            "  default_type application/octet-stream;\n"
            # Which app server answered each request (several when nginx retried on another).
            "  log_format cluster '$msec $status $request_method $request_uri "
            '"$upstream_addr" "$upstream_status" $upstream_cache_status\';\n'
            f"  access_log {workdir}/nginx-access.log cluster;\n"
            f"  client_body_temp_path {workdir}/nginx-body;\n"
            f"  proxy_temp_path {workdir}/nginx-proxy;\n"
            f"  fastcgi_temp_path {workdir}/nginx-fastcgi;\n"
            f"  uwsgi_temp_path {workdir}/nginx-uwsgi;\n"
            f"  scgi_temp_path {workdir}/nginx-scgi;\n"
            f"  include {workdir}/dima.conf;\n"
            "}\n"
        )
        process = self.spawn(
            "nginx",
            [binary, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"],
        )
        wait_for_port(self.https_port, process, "nginx")
        return process

    # ------------------------------------------------------------------ stopping

    def stop_process(self, name: str, *, sig: int = signal.SIGTERM, grace: float = 30) -> None:
        """`sig` to the process's whole group; SIGKILL to what is left after `grace` seconds."""
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            process.poll()
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)

    def stop(self) -> None:
        # The front first, so no request reaches a server being stopped; the stores last.
        # The app servers and the worker finish their requests and tasks side by side.
        self.stop_process("nginx")
        middle = ["scheduler", "worker", *(f"app-{n}" for n in APP_SERVERS)]
        for name in middle:
            process = self.processes.get(name)
            if process is not None and process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for name in middle:
            self.stop_process(name)
        if "redis" in self.processes:
            self.processes["redis"].send_signal(signal.SIGCONT)  # in case a test froze it
        for name in ("s3", "redis"):
            self.stop_process(name)

    def summary(self) -> str:
        lines = [
            f"Dima's cluster is up: {self.origin}/ (nginx, self-signed certificate "
            f"{self.certificate})",
            *(
                f"  app server {name.upper()}: http://127.0.0.1:{self.app_port(name)}/"
                for name in APP_SERVERS
            ),
            "  task worker: manage.py task_worker; scheduler: manage.py run_scheduler",
            f"  PostgreSQL: {self.database_url}",
            f"  Redis: redis://127.0.0.1:{self.redis_port}/0 (maxmemory 256mb, allkeys-lru)",
            f"  object store (moto): {self.s3_endpoint}/{BUCKET}/",
            f"  logs and mail: {self.workdir}/",
            "Ctrl-C (or `make cluster-stop`) stops it.",
        ]
        return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["up", "stop"])
    parser.add_argument("--dir", type=Path, default=ROOT / ".cluster")
    parser.add_argument("--base-port", type=int, default=int(os.environ.get("CLUSTER_PORT", 8200)))
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "CLUSTER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dima_cluster"
        ),
    )
    args = parser.parse_args()
    pid_file = args.dir / "cluster.pid"
    if args.action == "stop":
        if not pid_file.exists():
            print("No cluster is running here.")  # noqa: T201
            return 0
        os.kill(int(pid_file.read_text()), signal.SIGTERM)
        return 0

    # moto keeps the bucket in memory: the database starts afresh with it, so no row names a
    # file a previous run stored.
    cluster = Cluster(
        workdir=args.dir,
        base_port=args.base_port,
        database_url=args.database_url,
        fresh_database=True,
    )

    def stop_on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        cluster.start()
        pid_file.write_text(str(os.getpid()))
        print(cluster.summary(), flush=True)  # noqa: T201
        while True:
            for name, process in cluster.processes.items():
                if process.poll() is not None:
                    print(f"{name} exited with {process.returncode}; see {cluster.workdir}/")  # noqa: T201
                    return 1
            time.sleep(1)
    except KeyboardInterrupt:
        return 0
    finally:
        print("Stopping the cluster...", flush=True)  # noqa: T201
        cluster.stop()
        pid_file.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
