"""find_values reads amounts of money: scales, currencies, ranges, caps, periods and approximations."""
from decimal import Decimal

import pytest

from kg.values import Value, find_values


def only_value(text: str) -> Value:
    """The one value found in `text` (fails when there are none or several)."""
    (value,) = find_values(text)
    return value


def test_scaled_amount_in_us_dollars() -> None:
    text = "Le studio a encaissé 11,5 milliards de dollars US cette saison."
    value = only_value(text)
    assert (value.kind, value.value, value.currency) == ("money", Decimal(11_500_000_000), "USD")
    assert value.text == "11,5 milliards de dollars US"
    assert text[value.start:value.end] == value.text


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Une levée de 3 Md€ est prévue.", 3_000_000_000, "EUR"),
        ("Le budget atteint 2,5 M€ au total.", 2_500_000, "EUR"),
        ("Une prime de 500 k€ lui revient.", 500_000, "EUR"),
        ("Le rachat vaut 2 billions d'euros.", 2 * 10**12, "EUR"),
        ("Le film a coûté deux millions d'euros.", 2_000_000, "EUR"),
        ("Le groupe pèse 4 mille euros.", 4_000, "EUR"),
    ],
)
def test_scales_multiply_the_amount(text: str, amount: int, currency: str) -> None:
    value = only_value(text)
    assert (value.kind, value.value, value.currency) == ("money", amount, currency)


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Le ticket coûte 12 $ à New York.", "USD"),
        ("Le ticket coûte US$ 12 à New York.", "USD"),
        ("Le ticket coûte $12 à New York.", "USD"),
        ("Le ticket coûte 12 dollars à New York.", "USD"),
        ("Le ticket coûte 12 dollars américains à New York.", "USD"),
        ("Le ticket coûte 12 dollars americains à New York.", "USD"),
        ("Le ticket coûte USD 12 à New York.", "USD"),
        ("Le ticket coûte 12 € à Lyon.", "EUR"),
        ("Le ticket coûte 12€ à Lyon.", "EUR"),
        ("Le ticket coûte 12 euros à Lyon.", "EUR"),
        ("Le ticket coûte EUR 12 à Lyon.", "EUR"),
        ("Le ticket coûte 12 £ à Londres.", "GBP"),
        ("Le ticket coûte 12 livres sterling à Londres.", "GBP"),
        ("Le ticket coûte 1 200 yens à Tokyo.", "JPY"),
        ("Le ticket coûte 12 francs suisses à Genève.", "CHF"),
        ("Le ticket coûte 12 CHF à Genève.", "CHF"),
        ("Le ticket coûte 12 dollars canadiens à Montréal.", "CAD"),
    ],
)
def test_currency_names_and_symbols_become_iso_codes(text: str, currency: str) -> None:
    value = only_value(text)
    assert (value.kind, value.currency) == ("money", currency)
    assert value.value in (12, 1200)


def test_range_with_period() -> None:
    value = only_value("Le poste est payé de 300 000 à 900 000 dollars par an, selon l'annonce.")
    assert value.text == "de 300 000 à 900 000 dollars par an"
    assert (value.value, value.min, value.max) == (None, 300_000, 900_000)
    assert (value.currency, value.period) == ("USD", "year")


def test_range_without_accent_reads_the_same() -> None:
    accented = only_value("payé de 300 000 à 900 000 dollars par an")
    plain = only_value("paye de 300 000 a 900 000 dollars par an")
    assert (plain.min, plain.max, plain.currency, plain.period) == (
        accented.min, accented.max, accented.currency, accented.period)


def test_range_takes_the_scale_of_its_upper_bound() -> None:
    value = only_value("Le tournage coûtera entre 5 et 10 millions d'euros.")
    assert (value.min, value.max, value.currency) == (5_000_000, 10_000_000, "EUR")
    assert value.text == "entre 5 et 10 millions d'euros"


def test_range_with_a_dash() -> None:
    value = only_value("Un salaire de 300 000 - 900 000 $ est annoncé.")
    assert (value.min, value.max, value.currency) == (300_000, 900_000, "USD")


def test_cap_sets_only_the_maximum() -> None:
    value = only_value("Le contrat rapporte jusqu’à 900.000 $ par an au lauréat.")
    assert value.text == "jusqu’à 900.000 $ par an"
    assert (value.value, value.min, value.max, value.period) == (None, None, 900_000, "year")


def test_cap_without_accent_and_with_plain_apostrophe() -> None:
    value = only_value("Il touchera jusqu'a 900.000 $ par an.")
    assert (value.max, value.currency) == (900_000, "USD")


def test_floor_sets_only_the_minimum() -> None:
    value = only_value("Les places sont vendues à partir de 40 euros.")
    assert (value.value, value.min, value.max) == (None, 40, None)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Elle gagne 4 000 euros par mois.", "month"),
        ("Il perçoit 90 000 € annuels.", "year"),
        ("Il perçoit 90 000 €/an.", "year"),
        ("Un loyer de 200 euros par semaine.", "week"),
        ("Un dividende de 2 euros trimestriel.", "quarter"),
        ("Il est payé 30 euros de l’heure.", "hour"),
    ],
)
def test_periods(text: str, period: str) -> None:
    assert only_value(text).period == period


def test_approximate_amount() -> None:
    value = only_value("La série a coûté environ 30 millions de dollars.")
    assert (value.approximate, value.value, value.currency) == (True, 30_000_000, "USD")


def test_amounts_in_one_sentence_are_sorted_and_separate() -> None:
    text = "Le chiffre d'affaires passe de 2 M€ à 3 M€, puis un bonus de 5 000 $ est versé."
    values = find_values(text)
    assert [v.text for v in values] == ["de 2 M€ à 3 M€", "5 000 $"]
    assert (values[0].min, values[0].max) == (2_000_000, 3_000_000)


def test_verb_a_is_not_a_range() -> None:
    values = find_values("Sora 2 a 3 millions d'utilisateurs.")
    assert [(v.kind, v.value, v.min) for v in values] == [("quantity", 3_000_000, None)]


def test_whole_millions_written_in_digits_take_de() -> None:
    value = only_value("Une amende de 1 000 000 d'euros est requise.")
    assert (value.text, value.value, value.currency) == ("1 000 000 d'euros", 1_000_000, "EUR")


def test_de_without_scale_is_not_part_of_an_amount() -> None:
    assert find_values("Il en veut 5 000 de plus.") == []


def test_gross_or_net_between_amount_and_period() -> None:
    value = only_value("Le salaire médian atteint 2 100 euros bruts par mois.")
    assert (value.text, value.value, value.period) == ("2 100 euros bruts par mois", 2_100, "month")


def test_relative_year_after_an_amount_is_a_date_not_a_period() -> None:
    values = find_values("Il a touché 5 000 € l'an dernier.")
    assert [(v.kind, v.text, v.period) for v in values] == [("money", "5 000 €", None), ("date", "l'an dernier", None)]
