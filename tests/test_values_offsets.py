"""find_values never raises and returns sorted, in-bounds, non-overlapping values on any text."""
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.values import KINDS, find_values

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
