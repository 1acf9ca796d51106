"""Arabic text normalisation: one set of rules for everything that compares words.

The comment moderation word lists match with it, so a listed word matches however its hamza,
diacritics or tatweel are written, and hidden characters cannot split it.
"""

import re
import unicodedata

# Tashkeel (fathatan … sukun) and the superscript alef.
_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
TATWEEL = "\u0640"
# Zero-width characters and bidirectional controls: invisible, and a classic way to split a
# word so that a filter no longer sees it.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic digits
    }
)


def normalize(text: str) -> str:
    """Fold `text` so that spellings of the same Arabic or Latin word compare equal."""
    # NFKC turns presentation forms (ﻻ, ﷲ) and full-width Latin into ordinary letters.
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text)
    text = _DIACRITICS.sub("", text).replace(TATWEEL, "")
    return text.translate(_FOLD).casefold()
