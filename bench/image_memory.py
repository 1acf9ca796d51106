"""Peak memory of one upload and its renditions, for each kind of image the tests try.

    python bench/image_memory.py [--code DIR] [--json OUT]

Draws the images of tests/test_image_memory.py once, then runs each through
tests/image_memory.py in a fresh process, against the code in DIR (default: this checkout;
give an older checkout to measure before a change), and prints one line per image: accepted
or refused, and the peak over the idle worker in MB. The figures in README's "Images"
paragraph come from this script's output, committed under docs/bench/.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import machine_facts  # noqa: E402
from tests.test_image_memory import CASES, drawing, sparse  # noqa: E402


def draw_all(folder: Path) -> dict[str, Path]:
    paths = {}
    for number, (case, (width, height, mode, image_format, options, _)) in enumerate(CASES.items()):
        path = folder / f"{number:02}.{image_format.lower()}"
        image = (
            sparse(width, height)
            if case.startswith("the probe's")
            else drawing(width, height, mode)
        )
        image.save(path, image_format, **options)
        paths[case] = path
    return paths


def measure(path: Path, code: Path, script: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dima.settings_test", "PYTHONPATH": str(code)}
    done = subprocess.run(  # noqa: S603 (this interpreter, the suite's measuring script)
        [sys.executable, str(script), str(path)],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    code = options.code.resolve()
    git = ["git", "-C", str(code), "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(  # noqa: S603
        git,  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"code: {code} at {commit}")  # noqa: T201
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        # The measuring script runs from a folder of its own: run from tests/, Python would
        # look there first for the apps, and find the suite's packages of the same names.
        script = Path(folder) / "image_memory.py"
        shutil.copy(ROOT / "tests" / "image_memory.py", script)
        for case, path in draw_all(Path(folder)).items():
            measured = measure(path, code, script)
            size_kb = round(path.stat().st_size / 1024)
            verdict = "accepted" if measured["accepted"] else "refused"
            rows.append({"case": case, "file_kb": size_kb, **measured})
            print(  # noqa: T201
                f"{case:36} {size_kb:>7} KB  {verdict:8}  "
                f"idle {measured['idle_mb']:>6.1f} MB  peak over idle "
                f"{measured['peak_over_idle_mb']:>6.1f} MB"
            )
    if options.json:
        report = {"commit": commit, "machine": machine_facts(), "images": rows}
        options.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
