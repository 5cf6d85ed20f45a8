"""find_values never raises and returns sorted, in-bounds, non-overlapping values on any text."""
import datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.values import KINDS, _amount, _amount_windows, _fold, _lexicon, _scan, find_values

FRAGMENTS = [
    " ", "\u00a0", "\u202f", "’", "'", "-", "/", ",", ".", "%", "$", "€", "US$", "0", "1", "15", "2024", "000",
    "900.000", "11,5", "+", "de ", "d'", "à ", "a ", "et ", "entre ", "jusqu'à ", "près de ", "millions ",
    "milliards ", "Md", "M", "k", "dollars ", "euros ", "abonnés", "Sora ", "1er ", "octobre", "fevrier ",
    "dernier", "prochain", "hier", "la semaine ", "l'an ", "par an", "lundi ", "mi-", "en ", "É", "İ", "ß",
]
texts = st.one_of(
    st.text(max_size=120),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(text=texts, article_date=st.one_of(st.none(), st.dates()))
def test_find_values_offsets_are_sorted_in_bounds_and_disjoint(text: str, article_date: datetime.date | None) -> None:
    values = find_values(text, article_date=article_date)
    for value in values:
        assert 0 <= value.start < value.end <= len(text)
        assert value.text == text[value.start:value.end]
        assert value.kind in KINDS
    for before, after in zip(values, values[1:]):
        assert before.end <= after.start


FAR_STARTS = ["approximativement ", "aux alentours de ", "un peu plus de ", "à peu près ", "pas moins de ", "entre "]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from([*FRAGMENTS, *FAR_STARTS, " " * 59, " " * 61, "texte " * 70, "\n"]),
                               st.text(max_size=3)), max_size=60).map("".join))
@example(text="Un chiffre de approximativement 3 millions d'euros par an.")
@example(text="Une aide de 2 millions de dollars américains supplémentaires par an.")
@example(text="texte " * 70 + "entre 10 et 20 millions de dollars par an, " + "texte " * 70 + "aux alentours de 7 %")
def test_find_values_amounts_searched_near_digits_only_are_those_of_a_full_scan(text: str) -> None:
    """The amount scan looks only where a digit or a scale word is close ahead; it must find the same."""
    lexicon = _lexicon()
    folded = _fold(text)

    def build(match):
        return _amount(match, text, lexicon)

    windowed = list(_scan(lexicon.amount, folded, build, _amount_windows(folded, lexicon.amount_anchor)))
    assert windowed == list(_scan(lexicon.amount, folded, build))
