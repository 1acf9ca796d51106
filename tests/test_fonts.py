"""The self-hosted fonts cover every character the stylesheet sends them."""

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

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


def test_moroccan_letters_and_the_seed_article_are_covered():
    cmap = TTFont(ROOT / "static" / "fonts" / "noto-naskh-arabic-arabic-400-normal.woff2")
    covered = set(cmap.getBestCmap())
    seed = (ROOT.parent / "shared" / "seed").glob("*.txt")
    text = "ڭڤ" + "".join(path.read_text(encoding="utf-8") for path in seed)
    arabic = {ord(ch) for ch in text if 0x0600 <= ord(ch) <= 0x06FF}
    assert {0x06AD, 0x06A4} <= arabic
    assert arabic <= covered
