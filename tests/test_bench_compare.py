"""bench/compare.py sets runs side by side from their JSON, by the median of repeated runs."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def report(tmp_path: Path, name: str, figures: dict[str, tuple], mode="app-cached") -> str:
    measures = [
        {"mode": mode, "page": page, "requests_per_second": rps, "p50_ms": p50, "alone_ms": alone}
        for page, (rps, p50, alone) in figures.items()
    ]
    data = {"facts": {"date": "today", "commit": name}, "pages": [], "measures": measures}
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def compare(*arguments: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "bench" / "compare.py"), *arguments],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_repeated_runs_are_combined_by_their_median_and_divided_last_by_first(tmp_path):
    before = [
        report(tmp_path, f"b{n}", {"home": (rps, p50, 3.0)})
        for n, (rps, p50) in enumerate([(1000, 30), (1200, 20), (5000, 10)])
    ]
    after = report(tmp_path, "a", {"home": (1800, 15, 2.0)})
    out = compare(*(f"before={path}" for path in before), f"after={after}")
    row = next(line for line in out.splitlines() if line.startswith("| home"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[1:4] == ["1200.0", "20.0", "3.0"]  # medians of the three runs before
    assert cells[4:7] == ["1800.0", "15.0", "2.0"]
    assert cells[7:] == ["1.50 ×", "0.75 ×", "0.67 ×"]
    assert "before (3 run(s))" in out and "commit b0" in out


def test_lists_of_different_archives_meet_under_one_name_and_other_modes_stay_out(tmp_path):
    small = report(tmp_path, "small", {"section (219 articles)": (100, 400, 20.0)})
    large = report(tmp_path, "large", {"section (21,782 articles)": (80, 500, 25.0)})
    uncached = report(tmp_path, "other", {"home": (50, 900, 50.0)}, mode="uncached")
    out = compare(f"1k={small}", f"1k={uncached}", f"100k={large}", "--mode", "app-cached")
    assert "| section |" in out and "1.25 ×" in out
    assert "| home" not in out
