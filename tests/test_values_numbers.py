"""parse_number reads numbers the way French articles write them."""
from decimal import Decimal

import pytest

from kg.values import parse_number


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("900 000", "900000"),
        ("900.000", "900000"),
        ("900\u00a0000", "900000"),
        ("900\u202f000", "900000"),
        ("12 345 678", "12345678"),
        ("11,5", "11.5"),
        ("1 234,56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1,2", "1.2"),
        ("3.5", "3.5"),
        ("1.2345", "1.2345"),
        ("+17", "17"),
        ("-3,2", "-3.2"),
        ("\u22123,2", "-3.2"),
        ("42", "42"),
    ],
)
def test_parse_number_reads_french_digits(written: str, expected: str) -> None:
    assert parse_number(written) == Decimal(expected)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("11,5 milliards", 11_500_000_000),
        ("2 millions", 2_000_000),
        ("1 million", 1_000_000),
        ("deux milliards", 2_000_000_000),
        ("un million", 1_000_000),
        ("4 mille", 4_000),
        ("3 billions", 3 * 10**12),  # French long scale
        ("2,5 M", 2_500_000),
        ("3 Md", 3_000_000_000),
    ],
)
def test_parse_number_applies_scales(written: str, expected: int) -> None:
    assert parse_number(written) == expected


def test_parse_number_gives_whole_numbers_without_fraction() -> None:
    assert str(parse_number("11,5 milliards")) == "11500000000"


@pytest.mark.parametrize("written", ["", "douze", "12 pommes", "1,2,3", "abc", "12 000 000 0"])
def test_parse_number_rejects_what_is_not_one_number(written: str) -> None:
    with pytest.raises(ValueError):
        parse_number(written)
