"""bench/import_run.py: each import is measured on its own; the export is made once."""

import sys
from argparse import Namespace

import pytest

from bench.import_run import GNU_TIME, prepare_export, run_measured
from bench.make_wxr import EXPORT_NAME


@pytest.mark.skipif(not GNU_TIME.exists(), reason="GNU time is not installed (make bench-import)")
def test_each_child_process_is_measured_on_its_own():
    big = run_measured("big", [sys.executable, "-c", "b = b'x' * (200 * 2**20); print('done')"])
    small = run_measured("small", [sys.executable, "-c", "print('small')"])
    failed = run_measured("failed", [sys.executable, "-c", "import sys; sys.exit(3)"])
    assert (big.report, big.exit_code) == ("done", 0)
    assert big.peak_rss_mb >= 200
    # Its own peak: not the largest of all children so far (RUSAGE_CHILDREN), nor this
    # process's size, which a child forked from it would show.
    assert small.peak_rss_mb < 50
    assert small.seconds < big.seconds + 5
    assert failed.exit_code == 3


def test_the_export_is_generated_once_and_then_reused(tmp_path, capsys):
    args = Namespace(posts=3, comments=4, images=1, cache=tmp_path / "cache")
    folder = prepare_export(args)
    written = (folder / EXPORT_NAME).stat().st_mtime_ns
    assert prepare_export(args) == folder
    assert (folder / EXPORT_NAME).stat().st_mtime_ns == written
    assert "reusing" in capsys.readouterr().err
    args.posts = 4
    prepare_export(args)
    assert (folder / EXPORT_NAME).stat().st_mtime_ns != written
