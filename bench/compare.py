"""Side by side: the figures of several `make bench` runs, from the JSON each one wrote.

    .venv/bin/python bench/compare.py before=docs/bench/a.json after=docs/bench/b.json \
        [before=docs/bench/c.json ...] [--mode app-cached]

Each argument is LABEL=FILE, the JSON `bench/run.py --json FILE` (`make bench BENCH_JSON=FILE`)
wrote. Runs given the same label are combined by their median, figure by figure, and the
table says how many runs each column holds. The last three columns divide the last label's
figures by the first's (req/s, p50 and alone). Only what the files hold is printed: nothing
is measured here.
"""

import argparse
import json
import statistics
import sys
from pathlib import Path

FIGURES = (("requests_per_second", "req/s"), ("p50_ms", "p50 ms"), ("alone_ms", "alone ms"))


def load(argument: str) -> tuple[str, dict]:
    label, separator, path = argument.partition("=")
    if not separator or not label or not path:
        raise SystemExit(f"expected LABEL=FILE.json, got {argument!r}")
    return label, json.loads(Path(path).read_text(encoding="utf-8"))


def figures_by_label(runs: list[tuple[str, dict]], mode: str | None) -> dict:
    """{label: {page: {figure: [value of each run]}}}, in the order labels first appear."""
    table: dict[str, dict[str, dict[str, list[float]]]] = {}
    for label, report in runs:
        pages = table.setdefault(label, {})
        for measure in report["measures"]:
            if (mode and measure["mode"] != mode) or measure.get("skipped"):
                continue
            page = canonical_page(measure["page"])
            values = pages.setdefault(page, {key: [] for key, _title in FIGURES})
            for key, _title in FIGURES:
                if measure.get(key) is not None:
                    values[key].append(measure[key])
    return table


def canonical_page(name: str) -> str:
    """A page's name without what differs between archives (how many articles a list has)."""
    return name.split(" (", 1)[0] if name.startswith(("section", "tag", "author")) else name


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def render(table: dict, runs_per_label: dict[str, int]) -> str:
    labels = list(table)
    first, last = labels[0], labels[-1]
    header = ["page"]
    for label in labels:
        header += [f"{title} {label} ({runs_per_label[label]} run(s))" for _key, title in FIGURES]
    header += [f"{title} {last} ÷ {first}" for _key, title in FIGURES]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    pages = [page for page in table[first] if all(page in table[label] for label in labels)]
    for page in pages:
        row = [page]
        for label in labels:
            row += [format_figure(median(table[label][page][key])) for key, _title in FIGURES]
        before, after = table[first][page], table[last][page]
        row += [ratio(after[key], before[key]) for key, _title in FIGURES]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def format_figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def ratio(after: list[float], before: list[float]) -> str:
    a, b = median(after), median(before)
    return "–" if a is None or not b else f"{a / b:.2f} ×"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("runs", nargs="+", metavar="LABEL=FILE.json")
    parser.add_argument("--mode", help="only this mode (uncached, app-cached, proxy-cached)")
    args = parser.parse_args()
    runs = [load(argument) for argument in args.runs]
    runs_per_label: dict[str, int] = {}
    for label, report in runs:
        runs_per_label[label] = runs_per_label.get(label, 0) + 1
        facts = report["facts"]
        sys.stdout.write(
            f"- {label}: {facts.get('date')}, commit {facts.get('commit', 'not recorded')}, "
            f"load average {facts.get('load average')}\n"
        )
    sys.stdout.write("\n" + render(figures_by_label(runs, args.mode), runs_per_label) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
