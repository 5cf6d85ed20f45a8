"""highlights: the words of a sentence that name a fact's participants, found whatever the case, accents or
apostrophes, as whole words, with offsets in the sentence as written."""
from __future__ import annotations

import pytest

from kg.explorer import fold, highlights


def marked(sentence: str, names: list[str]) -> list[str]:
    return [sentence[start:end] for start, end in highlights(sentence, names)]


def test_names_are_found_ignoring_case_and_accents():
    sentence = "Netflix a utilise la technologie de l'IA creee pour The Eternaut."
    assert marked(sentence, ["netflix", "IA", "The Eternaut"]) == ["Netflix", "IA", "The Eternaut"]
    assert marked("Le géant du streaming a publié", ["geant du streaming"]) == ["géant du streaming"]


def test_typographic_apostrophes_match_straight_ones():
    assert marked("L’intelligence artificielle d’Ubisoft", ["l'intelligence artificielle"]) == ["L’intelligence artificielle"]


def test_only_whole_words_are_marked():
    assert marked("IAmazing Maia et l'IA", ["IA"]) == ["IA"]


def test_overlapping_names_are_marked_once_in_order():
    assert highlights("l'IA générative et l'IA", ["IA générative", "IA", "générative"]) == [[2, 15], [21, 23]]


@pytest.mark.parametrize("text", ["Œuvre déjà vue", "İstanbul", "ﬁn", "’‘ʼ", ""])
def test_folding_keeps_every_offset(text):
    assert len(fold(text)) == len(text)


def test_names_of_one_letter_are_not_marked():
    assert highlights("A et B", ["A", "B"]) == []
