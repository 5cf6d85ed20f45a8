"""find_values reads percentages, with or without sign, symbol spacing or words."""
from decimal import Decimal

import pytest

from kg.values import find_values


@pytest.mark.parametrize(
    ("text", "written", "number"),
    [
        ("Les ventes montent de 17 % sur un an.", "17 %", "17"),
        ("Les ventes montent de 17% sur un an.", "17%", "17"),
        ("Les ventes montent de 17\u202f% sur un an.", "17\u202f%", "17"),
        ("Les ventes montent de 17 pour cent sur un an.", "17 pour cent", "17"),
        ("Variation des ventes : +17 % sur un an.", "+17 %", "17"),
        ("Variation des ventes : -3,2 % sur un an.", "-3,2 %", "-3.2"),
        ("Après une hausse de 3,5 % des abonnements.", "3,5 %", "3.5"),
    ],
)
def test_percentages(text: str, written: str, number: str) -> None:
    (value,) = find_values(text)
    assert (value.kind, value.text, value.value, value.unit) == ("percent", written, Decimal(number), "percent")


def test_percentage_range() -> None:
    (value,) = find_values("Une baisse entre 5 et 10 % est attendue.")
    assert (value.kind, value.min, value.max) == ("percent", 5, 10)


def test_percentage_range_with_the_sign_after_each_bound() -> None:
    (value,) = find_values("Le taux passe de 5 % à 7 % en un an.")
    assert (value.kind, value.text, value.min, value.max) == ("percent", "de 5 % à 7 %", 5, 7)


def test_annual_growth() -> None:
    (value,) = find_values("Une croissance de 4 % par an.")
    assert (value.kind, value.period) == ("percent", "year")
