import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabic.text import normalize, search_terms


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
