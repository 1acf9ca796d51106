"""Cut the self-hosted Arabic font files down to the characters Moroccan news is written in.

@fontsource's "arabic" files cover every Arabic block, presentation forms included (53 KB a
weight). Readers on a phone load two of them before the headline settles; this keeps:

- the Arabic block (U+0600–06FF: letters, harakat, Arabic-Indic digits, ڭ and ڤ used for
  Moroccan G and V) and Arabic Supplement (U+0750–077F);
- ZWNJ, ZWJ, LRM, the hyphen and the punctuation the font draws for Arabic text.

Presentation forms (U+FB50–FEFF) are left out: shaping reaches the glyphs it needs through
the font's layout tables, and text that stores presentation forms as characters (rare, from
old systems) falls back to the reader's system font. `static/css/dima.css` declares exactly
these ranges in `unicode-range` (a test checks every character it claims is in the file).

Usage (fonttools and brotli come with the dev extras): python tools/subset_fonts.py
Running it again on its own output changes nothing.
"""

import sys
from pathlib import Path

from fontTools import subset

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
ARABIC_UNICODES = "U+0600-06FF,U+0750-077F,U+200C-200E,U+2010,U+204F,U+2E41"


def subset_arabic(path: Path) -> tuple[int, int]:
    before = path.stat().st_size
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # every shaping feature: init, medi, fina, liga, mark...
    options.name_IDs = ["*"]  # keep the licence and copyright names (SIL OFL)
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(ARABIC_UNICODES))
    subsetter.subset(font)
    subset.save_font(font, str(path), options)
    return before, path.stat().st_size


if __name__ == "__main__":
    for path in sorted(FONTS.glob("noto-naskh-arabic-arabic-*.woff2")):
        before, after = subset_arabic(path)
        sys.stdout.write(f"{path.name}: {before:,} → {after:,} bytes\n")
