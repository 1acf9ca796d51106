"""Gunicorn settings for `make serve` and production; every value can come from the environment.

Connections: each worker thread keeps one persistent PostgreSQL connection (CONN_MAX_AGE),
so one app server opens up to WEB_CONCURRENCY × GUNICORN_THREADS of them. Keep the sum over
all app servers below PostgreSQL's max_connections (100 by default) minus a margin for
migrations, admin shells and monitoring.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# CPUs + 1 processes of 2 threads: on 2 cores, 3 × 2 served cached pages 20–40 % faster than
# gunicorn's usual 2 × CPUs + 1 processes of 4 threads, and rendered pages as fast with a
# lower p99 (docs/performance.md): a page waits on PostgreSQL for about a fifth of its time.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak can never take a server down.
max_requests = 5000
max_requests_jitter = 500
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
