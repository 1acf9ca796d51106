"""Gunicorn settings for `make serve` and production; every value can come from the environment.

Connections: each worker thread keeps one persistent PostgreSQL connection (CONN_MAX_AGE),
so one app server opens up to WEB_CONCURRENCY × GUNICORN_THREADS of them. Keep the sum over
all app servers below PostgreSQL's max_connections (100 by default) minus a margin for
migrations, admin shells and monitoring.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# CPUs + 1 processes of 2 threads rather than gunicorn's usual 2 × CPUs + 1 of 4: on 2 cores
# the cached pages came out the same (1,600-1,650 req/s on average over alternating runs), the
# rendered article as fast with a lower p99 (0.7-1.2 s against 0.8-2.3 s), and a server holds
# 6 PostgreSQL connections instead of 20 (docs/performance.md).
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
