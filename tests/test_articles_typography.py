"""normalize_typography: folds French typography to ASCII while keeping every character offset."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from kg.articles import load_typography, normalize_typography


@settings(max_examples=500)
@given(st.text())
def test_length_and_offsets_are_preserved_on_any_text(text: str) -> None:
    folded = normalize_typography(text)
    assert len(folded) == len(text)
    for original, new in zip(text, folded):
        assert new == original or ord(original) in load_typography()


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from([*map(chr, load_typography()), "a", "é", " ", "–"])))
def test_folding_is_idempotent(text: str) -> None:
    assert normalize_typography(normalize_typography(text)) == normalize_typography(text)


def test_french_quotes_spaces_and_hyphens_are_folded() -> None:
    text = "L\u2019IA\u00a0: \u00ab\u202fc\u2019est\u202f\u00bb \u201cbien\u201d \u201eok\u201f x\u2032 y\u2033 \u02bca\u2018b\u201b"
    assert normalize_typography(text) == "L'IA : \" c'est \" \"bien\" \"ok\" x' y\" 'a'b'"
    assert normalize_typography("co\u2010fondateur, non\u2011violent, 1\u20122") == "co-fondateur, non-violent, 1-2"
    assert normalize_typography("a\u2009b\u200bc\u00add\ufeffe\u3000f") == "a b c d e f"


def test_dashes_ellipsis_and_line_breaks_are_left_alone() -> None:
    text = "Avatar, Deadpool 3\u2026 \u2013 Netflix \u2014 fin.\n\tSuite"
    assert normalize_typography(text) == text


def test_table_maps_each_character_to_exactly_one_character() -> None:
    table = load_typography()
    assert len(table) >= 30
    assert all(len(replacement) == 1 for replacement in table.values())
    assert {table[ord("\u2019")], table[ord("\u00ab")], table[ord("\u00a0")], table[ord("\u2011")]} == {"'", '"', " ", "-"}
