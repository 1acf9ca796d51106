"""The self-hosted fonts cover every character the stylesheet sends them."""

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from demo.loader import SEED_FILE

ROOT = Path(__file__).resolve().parent.parent
CSS = (ROOT / "static" / "css" / "dima.css").read_text()
FONT_FACES = re.findall(
    r'@font-face \{[^}]*url\("\.\./fonts/([^"]+)"\)[^}]*unicode-range: ([^;]+);', CSS
)


def codepoints(unicode_range: str) -> set[int]:
    points = set()
    for part in unicode_range.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def test_every_font_file_has_a_unicode_range():
    assert len(FONT_FACES) == 4


@pytest.mark.parametrize(("name", "unicode_range"), FONT_FACES)
def test_the_arabic_files_hold_every_character_their_unicode_range_claims(name, unicode_range):
    if not name.startswith("noto-naskh-arabic-arabic-"):
        pytest.skip("the Latin files are @fontsource's own, with their own ranges")
    cmap = TTFont(ROOT / "static" / "fonts" / name).getBestCmap()
    missing = sorted(hex(c) for c in codepoints(unicode_range) - set(cmap))
    # A character claimed but missing would show as an empty box instead of a fallback font.
    assert not missing


@pytest.mark.parametrize("weight", ["400", "700"])
def test_moroccan_letters_and_every_letter_of_the_seed_article_are_covered(weight):
    cmap = TTFont(ROOT / "static" / "fonts" / f"noto-naskh-arabic-arabic-{weight}-normal.woff2")
    covered = set(cmap.getBestCmap())
    seed = {ord(ch) for ch in SEED_FILE.read_text(encoding="utf-8") if 0x0600 <= ord(ch) <= 0x06FF}
    assert len(seed) > 30  # the whole alphabet, read from the repository's own copy
    moroccan = {0x06AD, 0x06A4}  # ڭ and ڤ, in Moroccan names though not in the seed
    missing = sorted(hex(c) for c in (seed | moroccan) - covered)
    assert not missing
