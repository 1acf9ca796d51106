"""A reader's or an editor's HTTP client for the cluster: one cookie jar, any server.

`get("a", ...)` and `get("b", ...)` talk to an app server by its own port, as nginx does:
plain HTTP, `Host: localhost`, `X-Forwarded-Proto: https` and the reader's address appended
to `X-Forwarded-For`. `get("nginx", ...)` goes through nginx over TLS, as a browser does.
"""

from __future__ import annotations

import http.client
import re
import ssl
import uuid
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlencode

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")


class Client:
    def __init__(self, cluster, address: str = "10.0.0.1"):
        self.cluster = cluster
        self.address = address
        self.cookies: dict[str, str] = {}
        self.tls = ssl.create_default_context(cafile=str(cluster.certificate))

    def connection(self, target: str, timeout: float = 30) -> http.client.HTTPConnection:
        if target == "nginx":
            return http.client.HTTPSConnection(
                "localhost", self.cluster.https_port, context=self.tls, timeout=timeout
            )
        return http.client.HTTPConnection(
            "127.0.0.1", self.cluster.app_port(target), timeout=timeout
        )

    def request(
        self,
        target: str,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        cookies: bool = True,
    ) -> Response:
        sent = {"Origin": self.cluster.origin, **(headers or {})}
        if target != "nginx":
            sent.update(
                {
                    "Host": "localhost",
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": self.address,
                }
            )
        if cookies and self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = self.connection(target)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        if cookies:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                value = rest.split(";", 1)[0].strip()
                if value and "max-age=0" not in header.lower():
                    self.cookies[name.strip()] = value
                else:
                    self.cookies.pop(name.strip(), None)
        return response

    def get(self, target: str, path: str, **kwargs) -> Response:
        return self.request(target, "GET", path, **kwargs)

    def post(
        self, target: str, path: str, form: dict | list, headers: dict | None = None
    ) -> Response:
        return self.request(
            target,
            "POST",
            path,
            body=urlencode(form).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
        )

    def post_multipart(self, target: str, path: str, fields: dict, files: dict) -> Response:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content_type, data) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + data
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            target,
            "POST",
            path,
            body=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )

    def csrf_token(self, target: str, path: str) -> str:
        page = self.get(target, path)
        assert page.status == 200, (path, page.status)
        found = CSRF_FIELD.search(page.text)
        assert found, f"no CSRF field on {path}"
        return found.group(1)

    def log_in(self, target: str, username: str, password: str) -> None:
        token = self.csrf_token(target, "/admin/login/")
        response = self.post(
            target,
            "/admin/login/?next=/admin/",
            {
                # The sign-in's first step (staff: django-two-factor-auth's wizard); a staff
                # member not required to use a second factor is signed in by it.
                "staff_login_view-current_step": "auth",
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token,
                "next": "/admin/",
            },
        )
        assert response.status == 302, (response.status, response.text[:500])
        assert "sessionid" in self.cookies
