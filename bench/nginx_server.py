"""A real nginx running deploy/nginx/dima.conf for the benchmark (bench/run.py) and the nginx
tests, on free ports under a temporary directory, and a small HTTPS client to talk to it.

The configuration is the shipped one with its documented placeholders replaced (see the head
of dima.conf); each must be found, so the tests break if the file and this list drift apart.
"""

from __future__ import annotations

import http.client
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "nginx" / "dima.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
HOST = "localhost"


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost, trusted by the tests' client only."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("openssl is not installed")
    subprocess.run(  # noqa: S603 (fixed arguments)
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def render_conf(
    *,
    upstream: str,
    http_port: int,
    https_port: int,
    cert: Path,
    key: Path,
    cache_dir: Path,
    static_root: Path,
    media_root: Path,
    terminate_tls: bool = True,
) -> str:
    """dima.conf with its placeholders pointing at this test's servers and directories.

    `terminate_tls=False` is the documented topology with a TLS load balancer in front: the
    site's server answers plain HTTP on `https_port` and tells Dima the reader came by HTTPS.
    """
    replacements = [
        ("server 127.0.0.1:8000;", f"server {upstream};"),
        ("    listen [::]:80;\n", ""),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("server_name dima.example;", f"server_name {HOST};"),
        ("/etc/ssl/dima/fullchain.pem", str(cert)),
        ("/etc/ssl/dima/privkey.pem", str(key)),
        ("/var/cache/nginx/dima", str(cache_dir)),
        ("/srv/dima/staticfiles/", f"{static_root}/"),
        ("/srv/dima/media/", f"{media_root}/"),
    ]
    if not terminate_tls:
        replacements[4] = ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port};")
        forwarded_proto = "proxy_set_header X-Forwarded-Proto"
        replacements.append((f"{forwarded_proto} $scheme;", f"{forwarded_proto} https;"))
    text = CONF.read_text()
    for placeholder, value in replacements:
        if placeholder not in text:
            raise AssertionError(f"placeholder {placeholder!r} not found in {CONF}")
        text = text.replace(placeholder, value)
    return text


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    @property
    def cache_status(self) -> str | None:
        return self.headers.get("X-Cache-Status")

    def cookies_set(self) -> dict[str, str]:
        """Name → value of each Set-Cookie, as a browser sends it back (empty: a deletion)."""
        found = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            found[name.strip()] = rest.split(";", 1)[0].strip()
        return found


class Nginx:
    """nginx in the foreground (daemon off), its files under `workdir`."""

    def __init__(
        self,
        workdir: Path,
        upstream: str,
        static_root: Path,
        media_root: Path,
        terminate_tls: bool = True,
    ):
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed")
        self.workdir = workdir
        self.https_port, self.http_port = free_port(), free_port()
        cert, key = make_certificate(workdir)
        self.tls = ssl.create_default_context(cafile=str(cert))
        (workdir / "cache").mkdir()
        (workdir / "dima.conf").write_text(
            render_conf(
                upstream=upstream,
                http_port=self.http_port,
                https_port=self.https_port,
                cert=cert,
                key=key,
                cache_dir=workdir / "cache",
                static_root=static_root,
                media_root=media_root,
                terminate_tls=terminate_tls,
            )
        )
        # As root, workers would drop to `nobody`, who cannot read the test's private
        # temporary directories: they run as the test's own user instead.
        user = ""
        if os.geteuid() == 0:
            user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n"
        (workdir / "nginx.conf").write_text(
            f"{user}"
            "worker_processes 1;\n"
            f"pid {workdir}/nginx.pid;\n"
            f"error_log {workdir}/error.log info;\n"
            "events { worker_connections 256; }\n"
            "http {\n"
            f"  include {MIME_TYPES};\n"
            "  default_type application/octet-stream;\n"
            f"  access_log {workdir}/access.log;\n"
            f"  client_body_temp_path {workdir}/body;\n"
            f"  proxy_temp_path {workdir}/proxy;\n"
            f"  fastcgi_temp_path {workdir}/fastcgi;\n"
            f"  uwsgi_temp_path {workdir}/uwsgi;\n"
            f"  scgi_temp_path {workdir}/scgi;\n"
            f"  include {workdir}/dima.conf;\n"
            "}\n"
        )
        self.output = (workdir / "nginx.out").open("wb")
        self.process = subprocess.Popen(  # noqa: S603 (fixed arguments)
            [binary, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"],
            stdin=subprocess.DEVNULL,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_for_ports()
        except BaseException:
            self.stop()
            raise

    def diagnostics(self) -> str:
        parts = []
        for name in ("nginx.out", "error.log"):
            path = self.workdir / name
            if path.exists():
                parts.append(f"--- {name}\n{path.read_text(errors='replace')[-4000:]}")
        return "\n".join(parts)

    def wait_for_ports(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        pending = {self.https_port, self.http_port}
        while pending:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"nginx exited with {self.process.returncode}\n{self.diagnostics()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not listen within {timeout} s\n{self.diagnostics()}")
            for port in sorted(pending):  # a copy: answered ports leave the set
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    pending.discard(port)
                except OSError:
                    time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # fast shutdown of the master and workers
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.output.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        https: bool = True,
    ) -> Response:
        if https:
            connection = http.client.HTTPSConnection(
                HOST, self.https_port, context=self.tls, timeout=30
            )
        else:
            connection = http.client.HTTPConnection(HOST, self.http_port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            connection.close()
