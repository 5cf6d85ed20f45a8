"""bench.scale: synthetic extractions redraw names consistently; the growth fit reads exponents right."""
from __future__ import annotations

import pytest

from bench.scale import fitted_exponent, make_template, spread, synthesize
from kg.extract import Extraction, Fact, Mention

SENTENCE = "Jean Exemple dirige Vantel. Exemple utilise le cloud de Netflix."


def base_extraction() -> Extraction:
    mentions = [
        Mention(0, 0, 14, "Jean Exemple", "Person", "ner:PER", 0),
        Mention(1, 22, 28, "Vantel", "Organization", "ner:ORG", 0),
        Mention(2, 30, 37, "Exemple", "Person", "ner:PER", 1),
        Mention(3, 58, 65, "Netflix", "Organization", "kb", 1, kb_id="netflix"),
        Mention(4, 46, 51, "cloud", "Technology", "kb", 1, kb_id="cloud_computing"),
    ]
    facts = [Fact("ceoOf", 0, 1, 0, "verb", 0.9, roles={"organization": 1})]
    article = {"id": "base_0123456789ab", "name": "base.txt", "source": "base.txt", "title": None, "url": None,
               "date": None, "sha256": "0" * 64, "length": len(SENTENCE)}
    cut = SENTENCE.index(". ") + 1
    sentences = [(0, cut, SENTENCE[:cut]), (cut + 1, len(SENTENCE), SENTENCE[cut + 1:])]
    return Extraction(article, "v1", sentences, mentions, facts)


def test_copies_redraw_names_consistently_within_an_article():
    copies = synthesize([make_template(base_extraction())], 30, seed=0)
    assert len({c.article["id"] for c in copies}) == 30
    people = {c.mentions[0].text for c in copies}
    assert len(people) > 5 and "Jean Exemple" not in people
    for copy in copies:
        person, org, alias, kb, technology = (m.text for m in copy.mentions)
        assert alias == person.split()[-1]
        assert (kb, technology) == ("Netflix", "cloud")
        assert copy.sentences[0][2] == f"{person} dirige {org}."
        assert copy.sentences[1][2] == f"{alias} utilise le cloud de Netflix."
        assert copy.facts[0].roles == {"organization": 1}


def test_copies_do_not_share_mutable_parts_with_the_base():
    base = base_extraction()
    copy = synthesize([make_template(base)], 1, seed=0)[0]
    copy.facts[0].roles["x"] = 1
    copy.mentions[0].refs.append(9)
    assert base.facts[0].roles == {"organization": 1} and base.mentions[0].refs == []


@pytest.mark.parametrize("power", [1.0, 2.0])
def test_fitted_exponent_reads_the_power_of_the_growth(power):
    sizes = [1000, 10000, 50000]
    assert fitted_exponent(sizes, [n**power * 1e-3 for n in sizes]) == pytest.approx(power)


def test_spread_is_the_largest_relative_distance_from_the_mean():
    assert spread([1.0, 1.0, 1.0]) == 0
    assert spread([0.8, 1.0, 1.2]) == pytest.approx(0.2)


def test_post_parse_stage_runs_on_synthetic_extractions_without_the_model(tmp_path):
    import argparse
    import json

    from bench.scale import stage_post

    base_file = tmp_path / "base.jsonl"
    base_file.write_text(json.dumps(base_extraction().to_dict()) + "\n", encoding="utf-8")
    figures = stage_post(argparse.Namespace(base_file=base_file, size=5, seed=0, work=tmp_path))
    assert figures["mentions"] == 25 and figures["facts"] == 5
    assert figures["entities"] > 5 and figures["triples"] > 0 and figures["file_mb"] > 0
    assert not (tmp_path / "scale-5.ttl").exists()
