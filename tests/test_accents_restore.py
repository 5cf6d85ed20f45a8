"""Accent restoration: one character for one, context decides a/à and -e/-é."""
from hypothesis import given, settings, strategies as st

from kg.accents import AccentLexicon, is_unaccented, strip_accents

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


def test_greek_capitals_whose_accented_form_upper_cases_longer_are_left_as_written():
    """Issue 15, item 7: "ΤΩΝ" became "ΤΩ͂Ν" (four characters) and every later offset shifted."""
    lexicon = AccentLexicon.from_words(["τῶν", "των", "τῆς", "της", "τοῦ", "του", *WORDS])
    text = "ΤΟΥ ΤΗΣ ΤΩΝ : la societe de Ted Sarandos."
    restored = lexicon.restore(text)
    assert restored == "ΤΟΥ ΤΗΣ ΤΩΝ : la société de Ted Sarandos."
    assert restored.index("Ted Sarandos") == text.index("Ted Sarandos")


letters = st.sampled_from("ῶῆΐΰǰßﬁéèêœàç") | st.characters(categories=["Ll", "Lo", "Lm"])
"""Any lowercase or uncased Unicode letter (the lexicon holds lowercase words; the text gets every case),
often one whose upper case is longer (Greek with perispomeni or dialytika, ǰ, ß, ligatures)."""


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(letters, min_size=1, max_size=6), min_size=1, max_size=30),
       st.lists(st.tuples(st.integers(0, 29), st.sampled_from(["lower", "upper", "title"]), st.sampled_from([" ", ", ", "-", "\n"])), max_size=40))
def test_unaccented_text_in_any_letters_keeps_every_offset(words, picks):
    """A lexicon of random words in any script, a text of their unaccented forms in any case: the
    restored text has the same length and every non-letter where it was, so no offset moves."""
    lexicon = AccentLexicon.from_words([word.lower() for word in words])
    text = "".join(getattr(strip_accents(words[n % len(words)]), case)() + gap for n, case, gap in picks)
    restored = lexicon.restore(text)
    assert len(restored) == len(text)
    assert [(i, c) for i, c in enumerate(restored) if not c.isalpha()] == [(i, c) for i, c in enumerate(text) if not c.isalpha()]


def test_accents_detect_unaccented_text():
    plain = "la societe a declare que les resultats etaient tres bons " * 20
    assert is_unaccented(plain)
    assert not is_unaccented("la société a déclaré que les résultats étaient très bons " * 20)
    assert not is_unaccented("trop court")


@given(st.text())
def test_accents_strip_drops_exactly_the_combining_marks_of_the_decomposed_text(text):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    assert strip_accents(text) == (text if text.isascii() else "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    assert strip_accents("Société Générale à Zürich, Ḁ̸͓ עִבְרִית") == "Societe Generale a Zurich, A עברית"
