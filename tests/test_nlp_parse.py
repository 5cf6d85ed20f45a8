"""kg.nlp.parse_texts: one Doc per text, in order, whatever the length; long texts parse in chunks."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.nlp import article_date, parse_texts, prepare_text, prepared_text, split_text
from kg.values import _find_values, find_values

PARAGRAPH = "Spotify recrute un ingénieur à Lyon. Le salaire atteint 50 000 euros par an.\n"


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=300), st.integers(min_value=1, max_value=40))
def test_nlp_split_text_pieces_join_back_within_the_limit(text: str, limit: int) -> None:
    parts = split_text(text, limit)
    assert "".join(parts) == text
    assert all(0 < len(part) <= limit for part in parts) or parts == [""]


def test_nlp_split_text_cuts_after_line_breaks_first() -> None:
    assert split_text("ab. cd\nef. gh", 10) == ["ab. cd\n", "ef. gh"]
    assert split_text("ab. cd ef gh", 7) == ["ab. ", "cd ef ", "gh"]


@pytest.mark.model
def test_nlp_parse_texts_joins_chunks_into_one_doc_with_the_same_entities(nlp) -> None:
    long = PARAGRAPH * 6
    whole, chunked = parse_texts(nlp, [long]), parse_texts(nlp, [long], chunk_chars=len(PARAGRAPH) * 2)
    whole_doc, chunked_doc = next(whole), next(chunked)
    assert chunked_doc.text == whole_doc.text == prepare_text(long, nlp)
    assert [(e.start_char, e.end_char, e.label_) for e in chunked_doc.ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole_doc.ents
    ]
    assert len(list(chunked_doc.sents)) == len(list(whole_doc.sents)) == 12


@pytest.mark.model
def test_nlp_parse_texts_keeps_input_order_across_chunked_and_short_texts(nlp) -> None:
    texts = ["Orange recrute.", PARAGRAPH * 3, "", "Airbus embauche à Toulouse.", PARAGRAPH * 2]
    docs = list(parse_texts(nlp, texts, batch_size=2, chunk_chars=len(PARAGRAPH)))
    assert [doc.text for doc in docs] == [prepare_text(text, nlp) for text in texts]


@pytest.mark.model
def test_nlp_parse_texts_scans_values_once_with_the_article_date(nlp) -> None:
    date = datetime.date(2025, 3, 10)
    (doc,) = parse_texts(nlp, ["Lundi dernier, Airbus a recruté 200 ingénieurs à Toulouse."], dates=[date])
    assert prepared_text(doc) == doc.text
    assert article_date(doc) == date
    hits = _find_values.cache_info().hits
    values = find_values(prepared_text(doc), article_date=date)  # as the extraction asks
    assert _find_values.cache_info().hits == hits + 1
    assert [v.date for v in values if v.kind == "date"] == ["2025-03-03"]


@pytest.mark.parametrize(("text", "sentences"), [
    ("Il a dit : « Je pars. » Puis il est parti.", ["Il a dit : « Je pars. »", "Puis il est parti."]),
    ("Il est venu (à pied.) Ensuite il est reparti.", ["Il est venu (à pied.)", "Ensuite il est reparti."]),
    ("« Je pars. » a-t-il dit. Fin", ["« Je pars. » a-t-il dit.", "Fin"]),
    ("Selon M. Dupont, tout va bien.\nUn titre\nLa suite. le reste", ["Selon M. Dupont, tout va bien.\n", "Un titre\n", "La suite. le reste"]),
])
def test_nlp_split_lines_ends_a_sentence_after_its_closing_marks(text: str, sentences: list[str]) -> None:
    """A closing guillemet or parenthesis after a final stop ends the sentence with it, whatever follows
    ("» Puis": the next one starts after the mark); a break starts one; an abbreviation or a lower-case
    word after a stop does not."""
    import spacy

    from kg.nlp import split_lines

    assert [s.text for s in split_lines(spacy.blank("fr")(text)).sents] == sentences


def test_nlp_token_strings_are_the_tokens_own() -> None:
    import spacy
    from spacy.attrs import LOWER, ORTH

    from kg.nlp import token_strings

    doc = spacy.blank("fr")("L'Élysée a répondu : « Non. »\nFin")
    assert token_strings(doc, ORTH) == [t.text for t in doc] and token_strings(doc, LOWER) == [t.lower_ for t in doc]


@pytest.mark.model
def test_nlp_hyphenated_loanwords_stay_one_token_and_keep_the_name_after_them(nlp) -> None:
    from tests.test_extract_facts import read

    doc = nlp("La start-up Ekolo emploie 80 salariés ce week-end. Le porte-parole a parlé.")
    words = [t.text for t in doc]
    assert {"start-up", "week-end", "porte-parole"} <= set(words) and "start" not in words
    assert [(m.text, m.label) for m in read(nlp, "La start-up Ekolo emploie 80 salariés.").mentions if m.text == "Ekolo"] == [("Ekolo", "Organization")]
