"""Dima on several app servers behind nginx, with PostgreSQL, Redis, a task worker and an
S3-compatible object store (deploy/cluster.py): what a newsroom on several machines relies on.

Each test talks to app server A and app server B by their own ports, and to nginx, as readers
and editors do. Figures go to the report (docs/deploy.md quotes them).
"""

import email
import http.client
import io
import json
import os
import re
import signal
import statistics
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from PIL import Image

from articles.images import rendition_name, rendition_widths
from deploy.cluster import ROOT
from tests.admin_forms import article_form
from tests.cluster.client import Client
from tests.cluster.conftest import EDITOR, django_query

pytestmark = pytest.mark.cluster

ARTICLE_HREF = re.compile(r'href="(/articles/(\d+)/[^/"]+/)"')
TOKEN_FIELD = re.compile(r'name="token" value="([^"]+)"')
# The documented bound (deploy/nginx/README.md): s-maxage + stale-while-revalidate, 10 + 30 s.
SHARED_CACHE_BOUND = 10 + 30


def photo(seed: int) -> bytes:
    """A JPEG 1000×600 of its own (its bytes differ from every other test run's)."""
    image = Image.new("RGB", (1000, 600), ((seed * 37) % 256, (seed * 91) % 256, 120))
    for x in range(0, 1000, 50):
        image.paste((seed % 256, 255 - seed % 256, x % 256), (x, 0, x + 25, 600))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def first_article(client: Client, target: str) -> tuple[str, int]:
    page = client.get(target, "/", cookies=False)
    assert page.status == 200
    found = ARTICLE_HREF.search(page.text)
    assert found, "no article on the home page"
    return found.group(1), int(found.group(2))


def post_comment(client: Client, target: str, article: str, article_id: int, body: str) -> None:
    """As a reader's browser does: the page, the per-reader token, the form (3 s later)."""
    page = client.get(target, article, cookies=False)
    token = TOKEN_FIELD.search(page.text)
    assert page.status == 200 and token, "no comment form on the article"
    status = client.get(target, "/cookies/status/")
    assert status.status == 200
    per_reader = json.loads(status.text)
    csrf, started = per_reader["csrftoken"], per_reader["comment_form"]["started"]
    time.sleep(3.1)  # COMMENTS_MIN_SECONDS after the reader started: sooner is refused
    response = client.post(
        target,
        f"/comments/{article_id}/post/",
        {
            "body": body,
            "name": "قارئ الاختبار",
            "email": f"reader-{uuid.uuid4().hex[:8]}@example.com",
            "url": "",
            "token": token.group(1),
            "started": started,
            "honeypot": "",
            "csrfmiddlewaretoken": csrf,
        },
        headers={"Referer": f"{client.cluster.origin}{article}"},
    )
    assert response.status == 302, (response.status, response.text[:800])


def test_an_image_uploaded_through_a_is_stored_in_the_object_store_and_served_to_a_reader_on_b(
    cluster, editor, report
):
    ids = django_query(
        cluster,
        """
        import json
        from articles.models import Author, Section
        print(json.dumps([Section.objects.first().pk, Author.objects.first().pk]))
        """,
    )
    section, author = SimpleNamespace(pk=ids[0]), SimpleNamespace(pk=ids[1])
    title = f"صورة من الخادم أ {uuid.uuid4().hex[:6]}"
    upload = photo(int(time.time()))
    editor.log_in("a", *EDITOR)
    token = editor.csrf_token("a", "/admin/articles/article/add/")
    form = article_form(
        section,
        author,
        title=title,
        status="published",
        published_at_0="2020-01-01",
        image_alt="صورة للاختبار",
        csrfmiddlewaretoken=token,
    )
    started = time.monotonic()
    response = editor.post_multipart(
        "a",
        "/admin/articles/article/add/",
        form,
        {"image": ("بطاقة.jpg", "image/jpeg", upload)},
    )
    upload_seconds = time.monotonic() - started
    assert response.status == 302, response.text[:2000]

    stored = django_query(
        cluster,
        f"""
        import json
        from articles.models import Article
        a = Article.objects.get(title={title!r})
        print(json.dumps([a.status, a.image.name, a.get_absolute_url()]))
        """,
    )
    status, name, address = stored
    assert status == "published"
    # In the bucket, the original at once and its renditions once the worker has made them
    # (a task queued by the upload): nothing on app server A's disk.
    s3 = cluster.s3_client()
    renditions = [
        rendition_name(name, width, extension)
        for width in rendition_widths(1000)
        for extension in ("webp", "jpg")
    ]
    while True:
        keys = {item["Key"] for item in s3.list_objects_v2(Bucket="dima-media")["Contents"]}
        assert name in keys
        if set(renditions) <= keys:
            break
        assert time.monotonic() - started < 60, ("no renditions made", renditions, keys)
        time.sleep(0.25)
    renditions_seconds = time.monotonic() - started
    stem = Path(renditions[0]).stem.rsplit("-", 1)[0]
    assert not (ROOT / "media" / name).exists()  # MEDIA_ROOT: not written to

    # A reader routed to B gets the page with the image's addresses in the object store...
    reader = Client(cluster, address="10.0.1.1")
    while True:  # the row says its renditions are ready just after they are stored
        page = reader.get("b", address)
        assert page.status == 200
        if any(key in page.text for key in renditions):
            break
        assert time.monotonic() - started < 70, "B's page never showed the renditions"
        time.sleep(0.25)
    sources = set(re.findall(rf"{re.escape(cluster.s3_endpoint)}/dima-media/[^\s\"',]+", page.text))
    assert sources, "the page shows no image from the object store"
    # Browsers may load them: the settings add the store's origin to the CSP's img-src.
    img_src = re.search(r"img-src ([^;]+)", page.headers["Content-Security-Policy"]).group(1)
    assert cluster.s3_endpoint in img_src.split()
    assert any(stem in source for source in sources) or any(key in page.text for key in renditions)
    # ... and the object store serves them, to anyone, without a signature.
    fetched = 0
    for source in sorted(sources):
        if stem not in source:
            continue
        parts = urlsplit(source)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("GET", parts.path)
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        assert answer.status == 200, source
        with Image.open(io.BytesIO(data)) as image:
            assert image.width <= 1200
        fetched += 1
    assert fetched
    report.append(
        f"1. upload through A: admin form with a 1000x600 JPEG ({len(upload)} bytes) answered "
        f"in {upload_seconds:.2f} s; original + {len(renditions)} renditions (made by the "
        f"worker) in the bucket {renditions_seconds:.1f} s after the upload began; "
        f"page on B lists {len(sources)} object-store addresses, {fetched} of this image "
        "fetched: 200"
    )


def upstreams_since(cluster, since: float, path: str | None = None) -> Counter:
    """Which app server answered each request nginx logged after `since` (several: a retry)."""
    ports = {str(cluster.app_port(name)): name.upper() for name in ("a", "b")}
    seen = Counter()
    log = Path(cluster.workdir) / "nginx-access.log"
    for line in log.read_text().splitlines():
        stamp, _status, _method, uri, rest = line.split(" ", 4)
        if float(stamp) < since or (path is not None and uri != path):
            continue
        addresses = rest.split('"')[1]
        names = [ports.get(a.strip().rsplit(":", 1)[-1], a.strip()) for a in addresses.split(",")]
        seen[" then ".join(names)] += 1
    return seen


def test_a_comment_approved_on_b_empties_the_page_cached_by_a(cluster, editor, report):
    reader = Client(cluster, address="10.0.2.1")
    article, article_id = first_article(reader, "nginx")
    body = f"تعليق ينتظر المراجعة {uuid.uuid4().hex[:8]}"
    post_comment(reader, "a", article, article_id, body)

    anonymous = Client(cluster, address="10.0.2.2")
    anonymous.get("a", article, cookies=False)
    cached_on_a = anonymous.get("a", article, cookies=False)
    assert cached_on_a.headers["X-Page-Cache"] == "hit"
    assert body not in cached_on_a.text  # held for moderation
    anonymous.get("nginx", article, cookies=False)
    cached_by_nginx = anonymous.get("nginx", article, cookies=False)
    assert cached_by_nginx.headers["X-Cache-Status"] == "HIT"

    comment_id = django_query(
        cluster,
        f"""
        from comments.models import Comment
        print(Comment.objects.get(body={body!r}, status="pending").pk)
        """,
    )
    editor.log_in("b", *EDITOR)
    token = editor.csrf_token("b", "/admin/comments/comment/")
    approved = editor.post(
        "b",
        "/admin/comments/comment/",
        {
            "action": "approve",
            "_selected_action": comment_id,
            "select_across": "0",
            "index": "0",
            "csrfmiddlewaretoken": token,
        },
    )
    approved_at = time.monotonic()
    assert approved.status == 302, approved.text[:1000]

    # A's cached page is gone at once: the generation in Redis moved on.
    after = anonymous.get("a", article, cookies=False)
    assert after.headers["X-Page-Cache"] == "miss"
    assert body in after.text
    # nginx keeps its copy until s-maxage, then fetches a new one (stale-while-revalidate).
    polls = 0
    while True:
        polls += 1
        through_nginx = anonymous.get("nginx", article, cookies=False)
        waited = time.monotonic() - approved_at
        if body in through_nginx.text:
            break
        assert waited < SHARED_CACHE_BOUND + 5, "nginx still serves the page without it"
        time.sleep(0.5)
    assert waited <= SHARED_CACHE_BOUND
    report.append(
        f"2. comment approved on B: A's cached page rendered anew on the next request "
        f"(X-Page-Cache: miss); nginx served the comment {waited:.1f} s after approval "
        f"({polls} polls every 0.5 s, last X-Cache-Status: "
        f"{through_nginx.headers['X-Cache-Status']}; documented bound {SHARED_CACHE_BOUND} s)"
    )


def test_an_editors_session_works_whichever_server_answers(cluster, report):
    editor = Client(cluster, address="10.0.3.1")
    editor.log_in("a", *EDITOR)
    for target in ("a", "b"):
        page = editor.get(target, "/admin/")
        assert page.status == 200 and "/admin/logout/" in page.text, target
    since = time.time()
    for _ in range(20):
        page = editor.get("nginx", "/admin/")
        assert page.status == 200 and "/admin/logout/" in page.text
    time.sleep(0.2)  # nginx writes its log line after the answer
    served = upstreams_since(cluster, since, "/admin/")
    assert set(served) == {"A", "B"}, served

    # A form from A's page, sent to B: the CSRF token and the session hold there too.
    token = editor.csrf_token("a", "/admin/")
    logged_out = editor.post("b", "/admin/logout/", {"csrfmiddlewaretoken": token})
    assert logged_out.status in (200, 302)
    assert editor.get("a", "/admin/").status == 302  # logged out everywhere

    # And the other way round: logged in on B, known on A.
    editor.log_in("b", *EDITOR)
    assert editor.get("a", "/admin/").status == 200
    report.append(
        "3. editor logged in on A: /admin/ 200 on A and on B; 20 requests through nginx all "
        f"200 and logged in, answered by {dict(served)}; a logout form from A's page posted "
        "to B logged the editor out on A; a login on B is known on A"
    )


def mail_bodies(directory: Path, known: set[Path]) -> list[str]:
    bodies = []
    for path in sorted(set(directory.iterdir()) - known):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                message = email.message_from_bytes(raw)
                bodies.append(message.get_payload(decode=True).decode())
    return bodies


def test_with_the_worker_stopped_nothing_is_lost(cluster, report):
    cluster.stop_process("worker")
    known = set(cluster.mail_dir.iterdir())
    reader = Client(cluster, address="10.0.5.1")
    article, article_id = first_article(reader, "nginx")
    marker = f"worker-check-{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    post_comment(reader, "nginx", article, article_id, f"تعليق للمحررين {marker}")
    post_seconds = time.monotonic() - started - 3.1
    time.sleep(3)
    assert not any(marker in body for body in mail_bodies(cluster.mail_dir, known))
    waiting = django_query(
        cluster,
        """
        from django_tasks_db.models import DBTaskResult
        print(DBTaskResult.objects.filter(status="READY").count())
        """,
    )
    assert waiting >= 1

    restarted = time.monotonic()
    cluster.start_worker()
    while not any(marker in body for body in mail_bodies(cluster.mail_dir, known)):
        assert time.monotonic() - restarted < 60, "the editors' email was never sent"
        time.sleep(0.25)
    delivered = time.monotonic() - restarted
    left = django_query(
        cluster,
        """
        import json
        from collections import Counter
        from django_tasks_db.models import DBTaskResult
        print(json.dumps(Counter(DBTaskResult.objects.values_list("status", flat=True))))
        """,
    )
    assert left.get("READY", 0) == 0 and left.get("FAILED", 0) == 0, left
    report.append(
        f"5. worker stopped: a held comment posted through nginx was answered (302) in "
        f"{post_seconds:.2f} s after the 3 s form delay; {waiting} task(s) waited; the "
        f"worker restarted and the editors' email was written {delivered:.1f} s later; "
        f"tasks now {dict(left)}"
    )


def test_one_app_server_killed_under_load_loses_no_reader_request(cluster, report):
    reader = Client(cluster, address="10.0.4.1")
    article, _ = first_article(reader, "nginx")
    paths = ["/", article]
    # Half the readers share nginx's cached copies; the other half carry a cookie that makes
    # every request reach an app server (as an editor's or a reader who just commented would).
    own_cookie = {"Cookie": "sessionid=not-a-session"}
    results: list[tuple[float, str, int | str, float]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def read(number: int) -> None:
        client = Client(cluster, address=f"10.0.4.{number + 10}")
        kind = "own" if number % 2 else "shared"
        count = 0
        while not stop.is_set():
            path = paths[count % len(paths)]
            count += 1
            began = time.monotonic()
            try:
                response = client.get(
                    "nginx", path, cookies=False, headers=own_cookie if kind == "own" else None
                )
                outcome: int | str = response.status
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
            with lock:
                results.append((began, kind, outcome, time.monotonic() - began))

    readers = [threading.Thread(target=read, args=(n,)) for n in range(16)]
    start_wall, started = time.time(), time.monotonic()
    for thread in readers:
        thread.start()
    try:
        time.sleep(5)
        killed_at = time.monotonic()
        process = cluster.processes["app-a"]
        os.killpg(process.pid, signal.SIGKILL)  # the master and its workers, mid-request
        cluster.stop_process("app-a", grace=5)
        # From here on A is gone; nginx may still be logging an answer A gave just before
        # (it logs when the reader has it all), hence the half second.
        gone_wall = time.time() + 0.5
        time.sleep(8)
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    ended = time.monotonic()

    failures = [r for r in results if r[2] != 200]
    before = [r for r in results if r[0] < killed_at]
    after = [r for r in results if r[0] >= killed_at]
    time.sleep(0.3)
    served_before = upstreams_since(cluster, start_wall)
    served_after = upstreams_since(cluster, gone_wall)
    latencies = sorted(r[3] for r in results)

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    lines = [
        f"4. app server A killed (SIGKILL to its master and workers) after 5 s of load: "
        f"16 readers through nginx for {ended - started:.1f} s, {len(results)} requests "
        f"({len(results) / (ended - started):.0f}/s), {len(failures)} failed",
        f"   before the kill: {len(before)} requests, statuses "
        f"{dict(Counter(r[2] for r in before))}",
        f"   after the kill: {len(after)} requests, statuses {dict(Counter(r[2] for r in after))}",
        f"   by kind: {dict(Counter(r[1] for r in results))}",
        f"   latency p50 {quantile(0.5):.0f} ms, p99 {quantile(0.99):.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms, mean {statistics.mean(latencies) * 1000:.0f} ms",
        f"   answered by (nginx's $upstream_addr, whole run): {dict(served_before)}",
        f"   answered by, from 0.5 s after A was gone: {dict(served_after)}",
    ]
    try:
        assert not failures, failures[:20]
        assert "A" not in served_after or served_after["A"] == 0
        assert served_before.get("A", 0) and served_after.get("B", 0)
    finally:
        report.extend(lines)
        cluster.start_app("a")
    assert Client(cluster).get("a", "/").status == 200


def test_a_readers_photos_go_to_the_private_bucket_and_only_staff_see_them_on_either_server(
    cluster, editor, report
):
    """A story sent through nginx to whichever server: its photo in the private bucket, not
    in the public media, read back for an editor by app server B and by no one else."""
    reader = Client(cluster, address="10.0.0.21")
    submit = "/%D8%B5%D9%88%D8%AA%D9%83%D9%85/"  # /صوتكم/
    page = reader.get("nginx", submit, cookies=False)
    assert page.status == 200
    per_reader = json.loads(reader.get("nginx", "/cookies/status/").text)
    time.sleep(5.1)  # SUBMISSIONS_MIN_SECONDS after the reader started: sooner is refused
    title = f"قصة قارئ من الخادمين {uuid.uuid4().hex[:6]}"
    response = reader.post_multipart(
        "nginx",
        submit,
        {
            "title": title,
            "story": "انقطع الماء عن الحي منذ أسبوع، والسكان يشترون الماء من الباعة. " * 3,
            "name": "قارئ الاختبار",
            "email": f"story-{uuid.uuid4().hex[:8]}@example.com",
            "city": "سلا",
            "agree": "on",
            "started": per_reader["comment_form"]["started"],
            "honeypot": "",
            "csrfmiddlewaretoken": per_reader["csrftoken"],
        },
        {"photos": ("حي.jpg", "image/jpeg", photo(int(time.time()) + 7))},
    )
    assert response.status == 302, (response.status, response.text[:800])
    stored = django_query(
        cluster,
        f"""
        import json
        from submissions.models import Submission
        s = Submission.objects.get(title={title!r})
        p = s.photos.get()
        print(json.dumps([s.pk, p.pk, p.image.name]))
        """,
    )
    submission_id, photo_id, name = stored
    s3 = cluster.s3_client()
    assert s3.head_object(Bucket="dima-private", Key=name)["ContentLength"] > 0
    with pytest.raises(s3.exceptions.ClientError):
        s3.head_object(Bucket="dima-media", Key=name)
    assert not (ROOT / "private_media" / name).exists()

    view = f"/admin/submissions/submission/{submission_id}/photos/{photo_id}/"
    assert reader.get("b", view).status == 302  # to the sign-in, never the file
    editor.log_in("b", *EDITOR)
    served = editor.get("b", view)
    assert served.status == 200
    assert served.headers["Content-Type"] == "image/jpeg"
    assert "no-store" in served.headers["Cache-Control"]
    with Image.open(io.BytesIO(served.body)) as image:
        assert image.format == "JPEG" and not image.getexif()
    report.append(f"reader's story: photo {name} in the private bucket, served by B to staff")
