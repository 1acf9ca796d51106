"""Lighthouse (mobile, its defaults: simulated slow 4G and a slowed CPU) on pages of a running
site, one run each, as a table: the four category scores, FCP, LCP, TBT, CLS and the LCP
element. Debian's Chromium; Lighthouse from npm (`LIGHTHOUSE`, default `npx lighthouse`).

    .venv/bin/python bench/lighthouse.py https://localhost:8204/ https://localhost:8204/articles/1/x/
        [--json-dir DIR]   # keep each report's JSON there too

`make cluster` serves the site as it would be deployed (the shipped nginx, TLS with its own
certificate, gzip): the certificate is accepted with --ignore-certificate-errors.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--ignore-certificate-errors"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run(url: str, out: Path) -> dict:
    command = [
        *shlex.split(os.environ.get("LIGHTHOUSE", "npx lighthouse")),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(command, check=True, env=env, timeout=300)  # noqa: S603
    return json.loads(out.read_text())


def row(report: dict) -> list[str]:
    audits = report["audits"]
    scores = [round(report["categories"][name]["score"] * 100) for name in CATEGORIES]
    # Lighthouse 13 names the LCP element in its "LCP breakdown" insight.
    details = audits.get("lcp-breakdown-insight", {}).get("details", {})
    nodes = [item for item in details.get("items", []) if item.get("type") == "node"]
    node = nodes[0] if nodes else {}
    return [
        report["finalDisplayedUrl"],
        " / ".join(str(score) for score in scores),
        audits["first-contentful-paint"]["displayValue"],
        audits["largest-contentful-paint"]["displayValue"],
        audits["total-blocking-time"]["displayValue"],
        audits["cumulative-layout-shift"]["displayValue"],
        node.get("selector", ""),
    ]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--json-dir", type=Path)
    args = parser.parse_args()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    say(f"bench/lighthouse.py: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average {load}")
    say("| page | perf / a11y / best practices / SEO | FCP | LCP | TBT | CLS | LCP element |")
    say("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for number, url in enumerate(args.urls):
            directory = args.json_dir or Path(tmp)
            directory.mkdir(parents=True, exist_ok=True)
            report = run(url, directory / f"lighthouse-{number}.json")
            say("| " + " | ".join(cell.replace("|", "\\|") for cell in row(report)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
