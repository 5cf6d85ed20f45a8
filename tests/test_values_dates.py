"""find_values reads dates, and resolves relative or year-less ones against the article date."""
import datetime

import pytest

from kg.values import find_values

ARTICLE = datetime.date(2025, 3, 14)  # a Friday


def dates(text: str, article_date: datetime.date | None = ARTICLE) -> list[tuple[str, str | None, str | None]]:
    """(text, ISO form, datatype) of every value in `text`."""
    return [(v.text, v.date, v.datatype) for v in find_values(text, article_date=article_date)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La grève a commencé le 15 octobre 2025.", ("15 octobre 2025", "2025-10-15", "date")),
        ("La sortie est fixée au 1er mars 2026.", ("1er mars 2026", "2026-03-01", "date")),
        ("Le tournage reprend en octobre 2025.", ("octobre 2025", "2025-10", "gYearMonth")),
        ("Le contrat est signé en 2024.", ("2024", "2024", "gYear")),
        ("Publié le 2025-10-15 à midi.", ("2025-10-15", "2025-10-15", "date")),
        ("Publié le 15/10/2025 à midi.", ("15/10/2025", "2025-10-15", "date")),
        ("Le vote a eu lieu mardi 4 février 2025.", ("mardi 4 février 2025", "2025-02-04", "date")),
    ],
)
def test_dates_with_a_year_need_no_article_date(text: str, expected: tuple[str, str, str]) -> None:
    assert dates(text, None) == [expected]
    assert dates(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Annonce faite le 15 octobre.", ("15 octobre", "--10-15", "gMonthDay")),
        ("Annonce faite le 1er mars.", ("1er mars", "--03-01", "gMonthDay")),
        ("Annonce faite en février dernier.", ("février dernier", None, None)),
        ("Annonce prévue en février prochain.", ("février prochain", None, None)),
        ("Annonce faite hier.", ("hier", None, None)),
        ("Annonce faite aujourd'hui.", ("aujourd'hui", None, None)),
        ("Annonce faite l'an dernier.", ("l'an dernier", None, None)),
    ],
)
def test_without_article_date_year_less_dates_stay_partial_or_unresolved(
    text: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert dates(text, None) == [expected]


@pytest.mark.parametrize(
    ("text", "iso", "datatype"),
    [
        ("Annonce faite le 1er mars.", "2025-03-01", "date"),
        ("Sortie prévue le 2 mai.", "2025-05-02", "date"),  # seven weeks ahead: same year
        ("Annonce faite le 15 octobre.", "2024-10-15", "date"),  # seven months ahead: the year before
        ("Annonce faite en février dernier.", "2025-02", "gYearMonth"),
        ("Annonce faite en mars dernier.", "2024-03", "gYearMonth"),  # strictly before the article's month
        ("Annonce prévue en février prochain.", "2026-02", "gYearMonth"),
        ("Annonce prévue en avril prochain.", "2025-04", "gYearMonth"),
        ("Le vote a eu lieu le 3 mars dernier.", "2025-03-03", "date"),
        ("Le vote aura lieu le 3 mars prochain.", "2026-03-03", "date"),
        ("Annonce faite hier.", "2025-03-13", "date"),
        ("Annonce faite avant-hier.", "2025-03-12", "date"),
        ("Annonce faite aujourd’hui.", "2025-03-14", "date"),
        ("Annonce faite lundi dernier.", "2025-03-10", "date"),
        ("Annonce prévue vendredi prochain.", "2025-03-21", "date"),
        ("Annonce faite l'an dernier.", "2024", "gYear"),
        ("Annonce faite l’année dernière.", "2024", "gYear"),
        ("Annonce prévue le mois prochain.", "2025-04", "gYearMonth"),
        ("Annonce prévue cette année.", "2025", "gYear"),
        ("Le tournage reprend en octobre.", "2024-10", "gYearMonth"),
        ("Le tournage reprend mi-avril.", "2025-04", "gYearMonth"),
    ],
)
def test_article_date_resolves_relative_dates(text: str, iso: str, datatype: str) -> None:
    [(_, got_iso, got_type)] = dates(text)
    assert (got_iso, got_type) == (iso, datatype)


def test_vague_dates_are_kept_unresolved() -> None:
    assert dates("La semaine dernière, le studio a cédé.") == [("La semaine dernière", None, None)]


@pytest.mark.parametrize(
    ("plain", "accented"),
    [
        ("en fevrier dernier", "en février dernier"),
        ("le 15 aout", "le 15 août"),
        ("le 2 decembre", "le 2 décembre"),
        ("l'annee derniere", "l'année dernière"),
        ("apres-demain", "après-demain"),
        ("aujourd’hui", "aujourd'hui"),
    ],
)
def test_unaccented_dates_resolve_the_same(plain: str, accented: str) -> None:
    assert [d[1:] for d in dates(plain)] == [d[1:] for d in dates(accented)]
    assert dates(plain)[0][1] is not None


@pytest.mark.parametrize("text", ["Le 31 février 2025 n'existe pas.", "Le 2025-02-30 non plus.", "Le 45/10/2025 non plus."])
def test_impossible_days_are_not_dates(text: str) -> None:
    assert [v.text for v in find_values(text, article_date=ARTICLE) if v.datatype == "date"] == []


def test_bare_month_name_is_not_a_date() -> None:
    assert find_values("La sonde a atteint Mars et le groupe Mars a répondu.", article_date=ARTICLE) == []


def test_dates_named_dates_are_found_from_their_month_wherever_their_day_and_weekday_start() -> None:
    """Named dates are looked for only around month names (kg.values._month_windows): a date still starts
    at its weekday or day however many spaces stand between them, at the start of the text, and words
    that contain a month's letters give none."""
    spaced = "Mardi" + " " * 40 + "4" + " " * 30 + "février 2025 : le vote."
    assert dates(spaced, None) == [(spaced[: spaced.index(" :")], "2025-02-04", "date")]
    assert dates("1er mars 2026, ouverture.", None) == [("1er mars 2026", "2026-03-01", "date")]
    assert dates("La maison de Marseille a rouvert en mai, puis en décembre 2024.", None) == [
        ("mai", None, None), ("décembre 2024", "2024-12", "gYearMonth")]
