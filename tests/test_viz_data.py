"""page_data: the tables the page reads, consistent with each other, in article order, in both languages,
with the words that name each fact's participants marked in its sentence."""
from __future__ import annotations

import numpy as np
import pytest

from graphs import entity, graph_file, stated
from kg.explorer import explore
from kg.store import load_graph
from kg.viz import PAGE_LAYOUT_NODES, choose_view, draw_graph, force_layout, page_data
from pages import page_data_of


@pytest.fixture(scope="module")
def sample(sample_graph_path):
    return explore(load_graph(sample_graph_path))


@pytest.fixture(scope="module")
def data(sample):
    return page_data(sample, choose_view(sample), language=sample.language)


def node(data, iri: str) -> int:
    return data["nodes"]["iri"].index(iri)


def test_columns_have_one_value_per_row_and_refer_to_rows_that_exist(data):
    columns = {"nodes": ("iri", "label", "class"), "facts": ("source", "relation", "target", "via", "statements", "events"),
               "statements": ("sentence", "rule", "confidence", "event", "marks"), "sentences": ("article", "start", "text")}
    for table, names in columns.items():
        assert len({len(data[table][name]) for name in names}) == 1, table
    nodes, statements = len(data["nodes"]["label"]), len(data["statements"]["sentence"])
    facts = data["facts"]
    assert all(0 <= i < nodes for i in facts["source"] + [t for t in facts["target"] if t >= 0] + data["view"]["shown"])
    assert all(0 <= s < statements for row in facts["statements"] for s in row)
    assert all(0 <= r < len(data["relations"]) for r in facts["relation"])
    assert all(0 <= relation["family"] < len(data["relations"]) for relation in data["relations"])


def test_articles_and_sentences_come_in_article_order(data):
    assert [a["name"] for a in data["articles"]] == ["ubisoft-ia.txt", "resultats-ubisoft.txt"]  # dated first
    assert data["articles"][0] == {"name": "ubisoft-ia.txt", "title": "Ubisoft mise sur l'IA générative",
                                   "date": "2025-03-14", "url": None}
    order = [(data["sentences"]["article"][s], data["sentences"]["start"][s]) for s in data["statements"]["sentence"]]
    assert order == sorted(order)


def test_statements_mark_the_words_naming_the_participants(data):
    sentences, statements = data["sentences"], data["statements"]
    uses = next(s for s, sentence in enumerate(statements["sentence"]) if sentences["text"][sentence].startswith("Le studio Ubisoft"))
    text = sentences["text"][statements["sentence"][uses]]
    words = [text[a:b] for a, b in statements["marks"][uses]]
    assert {"Le studio", "Ubisoft", "IA générative", "écrire les dialogues", "Skull and Bones", "Yves Guillemot"} <= set(words)
    assert (statements["rule"][uses], statements["confidence"][uses]) == (data["rules"].index("svo"), 0.85)


def test_events_and_roles_are_hidden_nodes_and_events_carry_their_roles(data):
    hidden = set(data["nodes"]["hidden"])
    assert node(data, "event:use_a1b2c3d4") in hidden and node(data, "ent:pdg") in hidden
    assert node(data, "ent:ubisoft") not in hidden
    roles = data["nodes"]["roles"][node(data, "event:use_a1b2c3d4")]
    assert [data["relations"][r]["iri"] for r, value in roles if value == node(data, "ent:skull_and_bones")] == ["kg:work"]


def test_labels_come_in_both_languages_whatever_the_page_opens_in(data):
    assert data["lang"] == "fr" and set(data["text"]) == {"fr", "en"}
    ceo = next(r for r in data["relations"] if r["iri"] == "kg:ceoOf")
    assert ceo["label"] == {"fr": "PDG de", "en": "CEO of"} and data["relations"][ceo["family"]]["iri"] == "kg:headOf"
    person = next(c for c in data["classes"] if c["iri"] == "kg:Person")
    assert person["label"] == {"fr": "Personne", "en": "Person"} and person["kind"] == "entity"


def test_a_page_without_physics_carries_a_layout(sample):
    data = page_data(sample, choose_view(sample), language="en", physics=False)
    positions = data["view"]["positions"]
    assert positions[node(data, "ent:ubisoft")] != positions[node(data, "ent:yves_guillemot")]
    assert node(data, "ent:montreal") in positions and node(data, "event:use_a1b2c3d4") not in positions


def test_the_force_layout_puts_linked_nodes_closer_and_is_the_same_every_time():
    edges = [(n, n + 1) for n in range(0, 40, 2)] + [(n, n + 2) for n in range(0, 38, 4)]
    layout = force_layout(40, edges)
    assert (layout == force_layout(40, edges)).all()
    linked = np.mean([np.linalg.norm(layout[a] - layout[b]) for a, b in edges])
    every = np.mean([np.linalg.norm(layout[a] - layout[b]) for a in range(40) for b in range(a + 1, 40)])
    assert linked < every / 2
    assert len({(round(x, 3), round(y, 3)) for x, y in layout}) == 40


def test_a_big_first_picture_is_laid_out_here_and_drawn_at_once(tmp_path):
    chain = "".join(entity(f"o{n}", "Organization") for n in range(PAGE_LAYOUT_NODES + 20))
    chain += "".join(stated(str(n), f"ent:o{n}", "kg:partnerOf", f"ent:o{n + 1}", sentence=f"{n}.") for n in range(PAGE_LAYOUT_NODES + 19))
    page = draw_graph(graph_file(tmp_path / "chain.ttl", chain), tmp_path / "chain.html").path.read_text(encoding="utf-8")
    assert len(page_data_of(page)["view"]["positions"]) == PAGE_LAYOUT_NODES + 20
    assert '\\"physics\\": {\\"enabled\\": false' in page
    small = draw_graph(graph_file(tmp_path / "small.ttl", "".join(chain.splitlines(keepends=True)[:30])), tmp_path / "small.html")
    assert not page_data_of(small.path.read_text(encoding="utf-8"))["view"]["positions"]
