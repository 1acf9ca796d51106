import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from arabic.text import (
    fold_for_slug,
    fold_hamza,
    normalize,
    search_normalize,
    search_terms,
    strip_hidden,
)

ZERO_WIDTH_AND_BIDI = "\u200b\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
JOINERS_MARKS_AND_OPERATORS = "\u200c\u200d\u200e\u200f\u2061\u2062\u2063\u2064"
HIDDEN = ZERO_WIDTH_AND_BIDI + JOINERS_MARKS_AND_OPERATORS
TATWEEL = "\u0640"
EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءأإآٱؤئىة"
# Tashkeel, superscript alef, and the madda and hamza marks that join a letter (ا + ٔ = أ).
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0653\u0654\u0655"
# The Arabic block, its presentation forms (ﻻ, ﷲ, ﹱ…), and the hidden characters.
ARABIC_TEXT = st.text(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(HIDDEN + TATWEEL + " "),
    )
)


@pytest.mark.parametrize(
    ("spellings", "normal"),
    [
        (["كأس", "كاس", "كإس", "كآس"], "كاس"),
        (["مدرسة", "مدرسه"], "مدرسه"),
        (["مستشفى", "مستشفي"], "مستشفي"),
        (["العَرَبِيَّةُ", "العربية", "العـــربية"], "العربيه"),
        (["٢٠٢٢", "۲۰۲۲", "2022"], "2022"),
        (["SPAM", "spam", "Ｓｐａｍ"], "spam"),
        (["لا", "ﻻ"], "لا"),
    ],
)
def test_spellings_of_a_word_normalise_alike(spellings, normal):
    assert {normalize(s) for s in spellings} == {normal}


def test_invisible_characters_cannot_split_a_word():
    assert normalize("ق\u200bمار") == normalize("ق\u202eمار") == "قمار"


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    assert normalize(normalize(text)) == normalize(text)


@given(st.text())
def test_normal_form_has_no_diacritics_tatweel_or_hidden_characters(text):
    assert not set(normalize(text)) & {
        "\u0640",
        "\u064e",
        "\u0651",
        "\u200b",
        "\u202e",
        "\u2066",
        "\ufeff",
    }


@pytest.mark.parametrize(
    ("spellings", "stemmed"),
    [
        (["الحموشي", "حموشي", "والحموشي"], "حموش"),
        (["كأس", "كاس"], "كاس"),
        (["والمغرب", "المغرب", "مغرب"], "مغرب"),
        (["والأمن", "الأمن", "أمن"], "امن"),
        (["الرياضية", "رياضيه"], "رياض"),
    ],
)
def test_light_stemming_brings_word_forms_together(spellings, stemmed):
    assert {search_terms(word)[0] for word in spellings} == {stemmed}


def test_stemming_leaves_short_words_alone():
    assert search_terms("قطر كاس ولد") == ["قطر", "كاس", "ولد"]


def test_hidden_characters_cannot_separate_a_letter_from_its_hamza():
    assert normalize("كا\u200b\u0654س") == normalize("كأس") == "كاس"
    assert normalize("أ\u0653") == normalize("آ") == "ا"


@given(ARABIC_TEXT)
@example("ا\u200b\u0654")
@example("أ\u0653\u0654")
def test_normalising_arabic_text_twice_changes_nothing(text):
    assert normalize(normalize(text)) == normalize(text)


@given(st.text())
@example(HIDDEN)
def test_no_hidden_character_survives_normalising(text):
    assert not set(normalize(text)) & set(HIDDEN + TATWEEL + MARKS + EASTERN_DIGITS)


@given(st.text(st.sampled_from(LETTERS + MARKS)), st.sampled_from(HIDDEN), st.integers(0))
@example("كا\u0654س", "\u200b", 2)
def test_a_hidden_character_cannot_split_a_word(word, hidden, position):
    at = position % (len(word) + 1)
    assert normalize(word[:at] + hidden + word[at:]) == normalize(word)


def test_comment_text_loses_zero_width_and_bidi_controls_but_keeps_joiners_and_marks():
    assert strip_hidden("رأي\u202e مقلوب\u200b\u2066") == "رأي مقلوب"
    persian = "می\u200cخواهم\u200f \u200dک"
    assert strip_hidden(persian) == persian


@given(st.text(st.one_of(st.characters(), st.sampled_from(HIDDEN))))
def test_stripping_hidden_characters_removes_those_and_nothing_else(text):
    assert strip_hidden(text) == "".join(c for c in text if c not in ZERO_WIDTH_AND_BIDI)


def test_slug_folding_drops_tatweel_and_writes_western_digits_but_keeps_hamza():
    assert fold_for_slug("كأس العـــالم ٢٠٢٢ و۱۴") == "كأس العالم 2022 و14"


@given(ARABIC_TEXT)
@example("مب\ufe71اراة")  # ARABIC TATWEEL WITH FATHATAN ABOVE
def test_slug_folding_leaves_no_tatweel_or_eastern_digits(text):
    folded = fold_for_slug(text)
    # Not even once slugify's NFKC has decomposed what is left.
    assert not set(folded + unicodedata.normalize("NFKC", folded)) & set(TATWEEL + EASTERN_DIGITS)


@given(ARABIC_TEXT)
def test_slug_folding_loses_nothing_search_tells_apart(text):
    assert normalize(fold_for_slug(text)) == normalize(text)


@given(st.one_of(st.text(), ARABIC_TEXT))
def test_search_terms_are_made_of_word_characters_only(text):
    # search/query.py sends them to the database's full-text syntax inside quotes.
    assert all(re.fullmatch(r"\w+", term) for term in search_terms(text))


# Hamza seats (search only): on waw, on ya, on the line and the high hamza are one letter.
HAMZA_NOT_ON_ALEF = "ؤئءٴ"


@pytest.mark.parametrize(
    ("spellings", "normal"),
    [
        (["مسؤول", "مسئول", "مسءول"], "مسءول"),
        (["سؤال", "سءال", "سئال"], "سءال"),
        (["أمن", "امن", "إمن", "آمن"], "امن"),
        (["قراءة", "قراءه", "قرائة"], "قراءه"),
        (["شؤون", "شئون"], "شءون"),
        (["شيء", "شىء"], "شيء"),  # its ya stays: "شء" is the stem of "شؤون"
    ],
)
def test_search_writes_every_hamza_seat_alike(spellings, normal):
    assert {search_normalize(s) for s in spellings} == {normal}


def test_comment_normalisation_keeps_hamza_seats_apart():
    """The moderation word lists are stored `normalize`d: their form must not move."""
    assert normalize("مسؤول") == "مسؤول" and normalize("مسئول") == "مسئول"


@given(st.one_of(st.text(), ARABIC_TEXT))
@example("ٵٶٸ")
@example("ى\u0654ء")
def test_search_normalising_twice_changes_nothing(text):
    once = search_normalize(text)
    assert search_normalize(once) == once
    assert fold_hamza(once) == once


@given(st.one_of(st.text(), ARABIC_TEXT))
def test_search_normal_form_has_one_hamza_letter_and_no_seat(text):
    assert not set(search_normalize(text)) & set("أإآٱؤئٴى" + "ة")


@given(
    st.lists(
        st.text(st.sampled_from(LETTERS.replace("ء", "").replace("ؤ", "").replace("ئ", ""))),
        min_size=2,
        max_size=5,
    ),
    st.data(),
)
def test_any_seat_of_a_hamza_gives_the_same_search_terms(pieces, data):
    """A word with hamzas, each written on waw, on ya or on the line, searches as one word."""
    seats = [data.draw(st.sampled_from(HAMZA_NOT_ON_ALEF)) for _ in pieces[1:]]
    others = [data.draw(st.sampled_from(HAMZA_NOT_ON_ALEF)) for _ in pieces[1:]]

    def written(chosen: list[str]) -> str:
        return pieces[0] + "".join(
            seat + piece for seat, piece in zip(chosen, pieces[1:], strict=True)
        )

    assert search_terms(written(seats)) == search_terms(written(others))
