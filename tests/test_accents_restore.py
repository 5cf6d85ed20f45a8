"""Accent restoration: one character for one, context decides a/à and -e/-é."""
from hypothesis import given, settings, strategies as st

from kg.accents import AccentLexicon, is_unaccented

# most frequent first, as the model's vocabulary lists them
WORDS = ["à", "a", "été", "société", "très", "déclaré", "déclare", "utilisé", "utilise", "publié", "publie",
         "créée", "même", "marché", "marche", "déjà", "le", "lé", "résultats", "tollé"]
LEXICON = AccentLexicon.from_words(WORDS)


def test_accents_restore_unknown_spellings():
    assert LEXICON.restore("la societe a obtenu de tres bons resultats") == "la société a obtenu de très bons résultats"


def test_accents_restore_a_as_preposition_but_not_auxiliary():
    assert LEXICON.restore("il a utilise la marque a Paris") == "il a utilisé la marque à Paris"
    assert LEXICON.restore("elle n'a pas utilise") == "elle n'a pas utilisé"
    assert LEXICON.restore("aider a le faire") == "aider à le faire"


def test_accents_restore_participle_only_after_auxiliary():
    assert LEXICON.restore("le studio utilise l'IA") == "le studio utilise l'IA"
    assert LEXICON.restore("la societe a declare") == "la société a déclaré"
    assert LEXICON.restore("a-t-il declare") == "a-t-il déclaré"


def test_accents_restore_keeps_case():
    assert LEXICON.restore("Societe Tres") == "Société Très"
    assert LEXICON.restore("SOCIETE") == "SOCIÉTÉ"


@settings(max_examples=300)
@given(st.text())
def test_accents_restore_keeps_length(text):
    assert len(LEXICON.restore(text)) == len(text)


def test_accents_detect_unaccented_text():
    plain = "la societe a declare que les resultats etaient tres bons " * 20
    assert is_unaccented(plain)
    assert not is_unaccented("la société a déclaré que les résultats étaient très bons " * 20)
    assert not is_unaccented("trop court")
