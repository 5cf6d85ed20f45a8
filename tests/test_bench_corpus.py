"""The benchmark corpus generator: deterministic, varied names, recurring entities (no timing)."""
from __future__ import annotations

import re
from collections import Counter

from bench.corpus import NamePools, elide, make_article, name_part, write_corpus


def test_same_seed_same_corpus_and_prefix_stable(tmp_path):
    first = write_corpus(6, tmp_path / "a", seed=3)
    second = write_corpus(7, tmp_path / "b", seed=3)
    assert len(first) == 6 and len(second) == 7
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second[:6]]
    assert make_article(0, seed=3) != make_article(0, seed=4)


def test_articles_are_about_as_long_as_the_seeds():
    lengths = [len(make_article(i).split()) for i in range(20)]
    assert all(250 <= n <= 900 for n in lengths), lengths
    assert len(set(make_article(i) for i in range(20))) == 20


def test_source_names_are_swapped_and_pool_names_recur():
    texts = [make_article(i) for i in range(200)]
    assert not any("Ted Sarandos" in t or "Hélène Vasseur" in t for t in texts)
    people = set(NamePools(0).pools["person"])
    found = Counter(name for t in texts for name in set(re.findall(r"(?=\b(\w+ \w+))", t)) & people)
    assert len(found) > 50, "many distinct people"
    assert found.most_common(1)[0][1] >= 10, "a few people recur across articles"
    assert sum(1 for n in found.values() if n == 1) > len(found) / 3, "many people are rare"


def test_aliases_follow_the_new_name():
    assert name_part("Fabien Tessier", "last") == "Tessier"
    assert name_part("Groupe Vantel", "initials") == "GV"
    assert name_part("Nova Pro", "first") == "Nova"


def test_elision_follows_the_first_letter_of_the_new_name():
    assert elide("la filiale d’", "Vantel") == "la filiale de "
    assert elide("les bureaux de ", "Altiva") == "les bureaux d’"
    assert elide("selon ", "Altiva") == "selon "
