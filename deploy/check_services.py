"""Fail loudly, before a test run, when PostgreSQL or Redis named in the environment is down."""

import os
import sys

import psycopg
import redis


def main() -> int:
    problems = []
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        problems.append(f"DATABASE_URL is not a PostgreSQL URL: {database_url!r}")
    else:
        try:
            # The server's maintenance database: the test database may not exist yet.
            with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
                pass
        except psycopg.Error as error:
            problems.append(f"PostgreSQL at {database_url} is unreachable: {error}")
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        problems.append("REDIS_URL is not set")
    else:
        try:
            redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
        except redis.RedisError as error:
            problems.append(f"Redis at {redis_url} is unreachable: {error}")
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
