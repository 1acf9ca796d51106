"""Arabic text rules: normalisation and light stemming, hidden characters, slug folding.

Search and the comment moderation word lists use `normalize`, so a word matches however its
hamza, diacritics or tatweel are written, and hidden characters cannot split it. Comments
use the hidden-character sets, and article slugs `fold_for_slug`.

Stemming follows Lucene's ArabicStemmer ("Light10"): strip one of وال، بال، كال، فال، لل، ال
(or و alone from words of four letters or more), then the common suffixes. Folding ة to ه
happens first, so "ية" and "يه" are one suffix. Measured on the seed article: 505 words, 337
distinct forms after normalisation, 290 distinct stems; "الحموشي", "حموشي" and "والحموشي"
all become "حموش", "كاس" and "كأس" both "كاس", "والمغرب" and "المغرب" both "مغرب", "والأمن"
and "الأمن" both "امن". Like every light stemmer it over-merges a little ("الملكي" and
"ملك"), which suits a news search better than missing "والمغرب" altogether, as PostgreSQL's
own `arabic` configuration does.
"""

import re
import unicodedata

# Tashkeel (fathatan … sukun) and the superscript alef.
_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
TATWEEL = "\u0640"

# Characters that take no space and show nothing: a classic way to split a word so that a
# filter no longer sees it, or (bidi controls) to make text display in another order.
_ZERO_WIDTH = "\u200b\u2060\ufeff"  # zero-width space, word joiner, byte-order mark
_JOINERS_AND_MARKS = "\u200c-\u200f"  # ZWNJ, ZWJ, left-to-right and right-to-left marks
_INVISIBLE_OPERATORS = "\u2061-\u2065"
_BIDI = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides and isolates
_ARABIC_LETTER_MARK = "\u061c"
# Letters and symbols that draw nothing: soft hyphen, combining grapheme joiner, the Hangul
# fillers (U+3164 makes a "name" that looks empty), Khmer inherent vowels, the Mongolian vowel
# separator and the blank Braille pattern.
_FILLERS = "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0"
INVISIBLE = re.compile(
    f"[{_ZERO_WIDTH}{_JOINERS_AND_MARKS}{_ARABIC_LETTER_MARK}{_INVISIBLE_OPERATORS}{_BIDI}"
    f"{_FILLERS}]"
)
# ZWNJ/ZWJ and the direction marks are left out: Arabic and Persian writing uses them.
_NEEDED_BY_NO_TEXT = re.compile(f"[{_ZERO_WIDTH}{_BIDI}]")

# Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits become Western digits: Moroccan
# readers write 2022, and a number should not have two spellings.
_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_FOLD |= _WESTERN_DIGITS


def strip_hidden(text: str) -> str:
    """Remove the zero-width spaces and bidi controls no text needs; keep joiners and marks."""
    return _NEEDED_BY_NO_TEXT.sub("", text)


def fold_for_slug(text: str) -> str:
    """Drop tatweel and write digits the Western way, keeping the letters' own spelling."""
    # NFKC first: presentation forms such as ﹱ (U+FE71) decompose into a tatweel.
    return unicodedata.normalize("NFKC", text).replace(TATWEEL, "").translate(_WESTERN_DIGITS)


def _fold_once(text: str) -> str:
    # NFKC turns presentation forms (ﻻ, ﷲ) and full-width Latin into ordinary letters.
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text)
    text = _DIACRITICS.sub("", text).replace(TATWEEL, "")
    return text.translate(_FOLD).casefold()


def normalize(text: str) -> str:
    """Fold `text` so that spellings of the same Arabic or Latin word compare equal."""
    folded = _fold_once(text)
    # A character removed or folded can leave a letter beside a hamza or madda mark that NFKC
    # then joins to it (ا + ٔ = أ, from "ا\u200bٔ" or "أٓ"): fold until nothing changes. (Some
    # casefolded Greek letters are never NFKC-normal, hence the second test.)
    while not unicodedata.is_normalized("NFKC", folded) and (again := _fold_once(folded)) != folded:
        folded = again
    return folded


# Hamza seats. Writers put the same hamza on waw, on ya or on the line ("مسؤول", "مسئول";
# "سؤال", "سءال"; "شئون", "شؤون"; "قرائة", "قراءة"): search folds them all to the bare
# hamza. Hamza on alef is already folded to the bare alef by `normalize`, since writers omit
# it more often than not ("امن", "اعلان"); the high hamza (ٴ, what NFKC leaves of ٵ ٶ ٸ)
# is one more way of writing it. "شيء" keeps its ya: folding "يء" too would make it "شء",
# the stem of "شؤون". Search only: the comment moderation lists store words as `normalize`
# wrote them.
_HAMZA_SEATS = str.maketrans({"ؤ": "ء", "ئ": "ء", "ٴ": "ء"})


def fold_hamza(normalised: str) -> str:
    """Write every hamza not on alef as the bare hamza ء (`normalised` by `normalize`)."""
    return normalised.translate(_HAMZA_SEATS)


def search_normalize(text: str) -> str:
    """`normalize`, then the hamza seats folded: the form search indexes and matches."""
    return fold_hamza(normalize(text))


_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
WORD = re.compile(r"\w+")


def split_stem(word: str) -> tuple[str, str, str]:
    """One normalised word as (prefix, light stem, suffixes), Lucene's Light10 rules."""
    prefix = ""
    for candidate in _PREFIXES:
        shortest = 4 if len(candidate) == 1 else len(candidate) + 2
        if word.startswith(candidate) and len(word) >= shortest:
            prefix, word = candidate, word[len(candidate) :]
            break
    end = len(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix, 0, end) and end >= len(suffix) + 2:
            end -= len(suffix)
    return prefix, word[:end], word[end:]


def stem(word: str) -> str:
    """Light stem of one normalised word (Lucene's Light10 rules)."""
    return split_stem(word)[1]


def search_words(text: str) -> list[str]:
    """The words of `text` as search sees them before stemming."""
    return WORD.findall(search_normalize(text))


def search_terms(text: str) -> list[str]:
    """The stems of every word of `text`, in order: what search indexes and matches."""
    return [stem(word) for word in search_words(text)]
