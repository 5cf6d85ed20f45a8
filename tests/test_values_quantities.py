"""find_values reads counts of things ("200 salariés") and leaves titles, years and days alone."""
import pytest

from kg.values import find_values


@pytest.mark.parametrize(
    ("text", "written", "number", "unit"),
    [
        ("La plateforme revendique 6 millions d'abonnés en Europe.", "6 millions d'abonnés", 6_000_000, "abonné"),
        ("La plateforme revendique 6 millions d’abonnés en Europe.", "6 millions d’abonnés", 6_000_000, "abonné"),
        ("L'usine compte 200 salariés depuis peu.", "200 salariés", 200, "salarié"),
        ("Le groupe emploie 1 500 employés en France.", "1 500 employés", 1_500, "employé"),
        ("Le groupe emploie 1\u00a0500 employés en France.", "1\u00a0500 employés", 1_500, "employé"),
        ("Le studio sortira 3 films cet été.", "3 films", 3, "film"),
        ("La région perd 12 journaux régionaux.", "12 journaux", 12, "journal"),
        ("Le festival accueille 40 pays cette fois.", "40 pays", 40, "pays"),
        ("Le site a attiré un million de visiteurs.", "un million de visiteurs", 1_000_000, "visiteur"),
        ("Il vit ici depuis 10 ans.", "10 ans", 10, "an"),
    ],
)
def test_counted_nouns(text: str, written: str, number: int, unit: str) -> None:
    (value,) = find_values(text)
    assert (value.kind, value.text, value.value, value.unit) == ("quantity", written, number, unit)
    assert value.approximate is False


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("Le service gagne près de 6 millions d'abonnés.", 6_000_000, "abonné"),
        ("L'usine emploie environ 200 salariés.", 200, "salarié"),
        ("Le groupe compte plus de 1 000 employés.", 1_000, "employé"),
        ("Le groupe compte quelque 300 techniciens.", 300, "technicien"),
        ("Le village compte pres de 900 habitants.", 900, "habitant"),
    ],
)
def test_approximate_counts(text: str, number: int, unit: str) -> None:
    (value,) = find_values(text)
    assert (value.kind, value.value, value.unit, value.approximate) == ("quantity", number, unit, True)
    assert text[value.start:value.end].split()[0] in ("près", "environ", "plus", "quelque", "pres")


def test_count_range() -> None:
    (value,) = find_values("Entre 200 et 300 salariés manifestent.")
    assert (value.kind, value.min, value.max, value.unit) == ("quantity", 200, 300, "salarié")


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI présente Sora 2 aux studios.",
        "Deadpool 3 sortira en salles.",
        "La suite Happy Gilmore 2 arrive.",
        "Sora 2, Deadpool 3 et Happy Gilmore 2.",
        "Le 3 Renault ouvre.",
        "La version 4 est prête.",
        "Il reste 5 minute et 3 de plus.",
    ],
)
def test_titles_and_bare_numbers_are_not_quantities(text: str) -> None:
    assert find_values(text) == []


def test_years_and_days_are_dates_not_quantities() -> None:
    values = find_values("En 2024 les ventes ont doublé, et le 15 octobre les usines ont fermé.")
    assert [(v.kind, v.text) for v in values] == [("date", "2024"), ("date", "15 octobre")]


def test_month_name_is_not_a_counted_noun() -> None:
    values = find_values("Rendez-vous le 3 mars prochain.")
    assert [(v.kind, v.text) for v in values] == [("date", "3 mars prochain")]
