"""bench/busy.py's pure parts: the readers' Zipf draw, wrk's summary, cache shares, freshness
and the three-way table (no server, no network)."""

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from busy import (  # noqa: E402
    Change,
    Result,
    cache_shares,
    cumulative,
    freshness,
    freshness_cell,
    lua_script,
    parse_busy,
    pick,
    schedule,
    table,
    zipf_weights,
)


def test_zipf_reads_the_kth_article_one_kth_as_often_as_the_first():
    weights = zipf_weights(1000)
    assert weights[0] == 1
    assert weights[9] == pytest.approx(1 / 10)
    assert zipf_weights(3, s=2) == [1, 1 / 4, 1 / 9]


def test_cumulative_shares_rise_to_exactly_one():
    shares = cumulative(zipf_weights(31))
    assert shares == sorted(shares)
    assert shares[-1] == 1.0
    assert shares[0] == pytest.approx(1 / sum(1 / k for k in range(1, 32)))


def test_draw_covers_every_article_and_nothing_beyond():
    shares = cumulative(zipf_weights(5))
    assert pick(shares, 0.0) == 0
    assert pick(shares, shares[0]) == 0
    assert pick(shares, shares[0] + 1e-9) == 1
    assert pick(shares, 0.999999999) == 4
    assert pick(shares, 1.0) == 4


def test_drawn_popularity_follows_the_weights():
    shares = cumulative(zipf_weights(1000))
    draws = random.Random(7)
    counts = [0] * 1000
    for _ in range(200_000):
        counts[pick(shares, draws.random())] += 1
    total_weight = sum(zipf_weights(1000))
    # The most read article: 1/H(1000), about 13.4 %; the top ten, about 39 %.
    assert counts[0] / 200_000 == pytest.approx(1 / total_weight, rel=0.03)
    assert sum(counts[:10]) / 200_000 == pytest.approx(
        sum(zipf_weights(10)) / total_weight, rel=0.02
    )
    assert counts[0] > counts[1] > counts[9] > counts[99]


def test_lua_script_lists_every_path_once_with_its_share():
    script = lua_script(['/a/"quoted"/', "/b/"], "/", 0.1, 1.0)
    assert '"/a/\\"quoted\\"/"' in script
    assert '"/b/"' in script
    assert "0.6666666667" in script  # 1 / (1 + 1/2)
    assert "1.0000000000" in script
    assert "local home_share = 0.1" in script


WRK_OUTPUT = """Running 30s test @ https://localhost:1234/
BUSY\tsummary\t12000\t30000000\t0\t2\t0\t1
BUSY\tlatency\tp50\t2500
BUSY\tlatency\tp90\t9000
BUSY\tlatency\tp99\t48000
BUSY\tlatency\tmax\t900000
BUSY\tcache\tHIT/miss\t9000
BUSY\tcache\tMISS/hit\t1000
BUSY\tcache\tHIT/miss\t1000
BUSY\tcache\tEXPIRED/miss\t1000
BUSY\tstatus\t502\t3
"""


def test_wrk_summary_gives_rate_latencies_and_every_error():
    result = parse_busy(WRK_OUTPUT, Result("nginx", "Dima behind nginx"))
    assert result.requests == 12000
    assert result.requests_per_second == 400.0
    assert (result.p50_ms, result.p99_ms, result.max_ms) == (2.5, 48.0, 900.0)
    assert result.socket_errors == {"read": 2, "timeout": 1}
    assert result.non_2xx == {"502": 3}
    assert result.errors == 6
    assert result.caches == {"HIT/miss": 10000, "MISS/hit": 1000, "EXPIRED/miss": 1000}


def test_wrk_output_without_the_summary_is_an_error():
    with pytest.raises(RuntimeError, match="no BUSY lines"):
        parse_busy("unable to connect to localhost:1234 Connection refused", Result("a", "b"))


def test_cache_share_counts_front_hits_then_app_hits_below_a_front_miss():
    shares = cache_shares(
        {"HIT/miss": 70, "STALE/miss": 5, "UPDATING/hit": 5, "MISS/hit": 10, "EXPIRED/miss": 10}
    )
    assert shares["front"] == pytest.approx(0.80)
    assert shares["app"] == pytest.approx(0.10)
    assert shares["rendered"] == pytest.approx(0.10)
    assert shares["cached"] == pytest.approx(0.90)


def test_cache_share_of_the_app_cache_alone_and_of_nothing():
    assert cache_shares({"-/hit": 3, "-/miss": 1})["cached"] == pytest.approx(0.75)
    assert cache_shares({})["cached"] == 0.0


def test_freshness_is_the_median_and_max_of_the_changes_seen():
    figures = freshness([1.0, None, 3.0, 12.26])
    assert figures == {"changes": 4, "seen": 3, "median_s": 3.0, "max_s": 12.3}


def test_freshness_cell_says_when_changes_never_showed():
    assert freshness_cell([], 60) == "–"
    assert freshness_cell([None, None], 60) == "not within the run (0 of 2 in 60 s)"
    assert freshness_cell([0.4, 0.6], 60) == "0.5 / 0.6 s"
    assert freshness_cell([0.4, None], 60) == "0.4 / 0.4 s (1 of 2 not within 60 s)"


def test_driver_publishes_every_minute_and_approves_every_five_seconds():
    events = schedule(120)
    assert [t for t, kind in events if kind == "article"] == [15, 75]
    comments = [t for t, kind in events if kind == "comment"]
    assert comments[:2] == [5, 10]
    assert comments[-1] == 115
    assert len(comments) == 23
    assert schedule(30).count((15, "article")) == 1


def test_table_has_a_row_per_configuration_and_says_what_was_skipped():
    nginx = parse_busy(WRK_OUTPUT, Result("nginx", "Dima behind its nginx"))
    nginx.changes = [
        Change("comment", "t1", "u", at=5, seen_after=2.0),
        Change("article", "t2", "u", at=15, seen_after=11.0),
    ]
    wordpress = Result("wordpress", "WordPress", skipped="skipped: not installed")
    text = table([nginx, wordpress], limit=60)
    lines = text.splitlines()
    assert lines[0].startswith("| configuration | req/s | p50 ms | p99 ms | from cache |")
    assert (
        "| Dima behind its nginx | 400.0 | 2.5 | 48.0 | 91.7 % | 6 | 2.0 / 2.0 s | 11.0 / 11.0 s |"
        in lines
    )
    assert any(line.startswith("| WordPress | skipped: not installed |") for line in lines)
    assert "statuses other than 2xx {'502': 3}" in text


def test_table_says_whether_changes_never_seen_were_on_the_uncached_site():
    wordpress = parse_busy(WRK_OUTPUT, Result("wordpress", "WordPress"))
    wordpress.changes = [
        Change("comment", "t1", "u", at=5, origin_shows=True),
        Change("comment", "t2", "u", at=10, origin_shows=True),
        Change("article", "t3", "u", at=15, origin_shows=False),
    ]
    text = table([wordpress], limit=60)
    assert "| not within the run (0 of 2 in 60 s) | not within the run (0 of 1 in 60 s) |" in text
    assert "of the 3 changes never seen through the cache, 2 showed on the uncached site" in text
