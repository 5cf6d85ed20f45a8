"""Entity IRIs come from the entity alone: adding an article never changes the IRI of an entity already
there (before, "Acme-Corp" arriving renamed "Acme Corp" from acme_corp to acme_corp_<hash>), names in
any script get distinct readable-or-hashed slugs (before, every non-Latin name was "x"), and a leading
"Le"/"Un" is an article only as a word of its own ("Leroy Merlin" is not "Roy Merlin")."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import Extraction, Mention
from kg.resolve import resolve

SLUG = re.compile(r"[a-z0-9_-]+")


def article(number: int, names: list[str]) -> Extraction:
    """An extraction of article `number` that names each of `names` as an organisation."""
    sentence = " ".join(names)
    mentions, start = [], 0
    for index, name in enumerate(names):
        mentions.append(Mention(index, start, start + len(name), name, "Organization", "ner:ORG", 0))
        start += len(name) + 1
    meta = {"id": f"a{number}_000000000000", "name": f"a{number}.txt", "sha256": "0" * 64, "length": len(sentence)}
    return Extraction(meta, "test", [(0, len(sentence), sentence)], mentions, [])


def slugs(*corpus: list[str]) -> dict[str, str]:
    """Entity label → slug after resolving one article per list of names."""
    resolution = resolve([article(number, names) for number, names in enumerate(corpus)])
    return {entity.label: entity.slug for entity in resolution.entities.values()}


def test_a_near_duplicate_name_leaves_the_existing_iri_alone():
    before = slugs(["Acme Corp", "Netflix"])
    after = slugs(["Acme Corp", "Netflix"], ["Acme-Corp"])
    assert after["Acme Corp"] == before["Acme Corp"] == "acme_corp"
    assert after["Acme-Corp"] == "acme-corp"


def test_names_in_any_script_get_distinct_slugs_that_stay():
    names = ["株式会社ソニー", "Газпром", "سوق المال", "Ελληνικά", "🚀"]
    alone = slugs(names[:1])
    together = slugs(names)
    assert together[names[0]] == alone[names[0]]
    assert len(set(together.values())) == len(names)
    assert all(SLUG.fullmatch(slug) and slug != "x" for slug in together.values())


def test_a_name_starting_like_an_article_is_not_shortened():
    found = slugs(["Leroy Merlin", "Roy Merlin", "Unilever", "Le Chat"])
    assert found == {"Leroy Merlin": "leroy_merlin", "Roy Merlin": "roy_merlin", "Unilever": "unilever", "Le Chat": "chat"}


names = st.sampled_from(["Acme Corp", "Acme-Corp", "ACME corp", "Acme & Co", "ACME & CO", "acme & co", "L'Oréal", "Le Chat", "Chat", "株式会社",
                         "Газпром", "x", "X-1", "Über", "PDG", "lone \ud800 half"]) | st.text(min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(names, min_size=1, max_size=6), st.lists(names, min_size=1, max_size=6))
def test_adding_an_article_never_changes_an_existing_slug(first, second):
    before = resolve([article(0, first)])
    after = resolve([article(0, first), article(1, second)])
    kept = {key: entity.slug for key, entity in before.entities.items()}
    assert {key: after.entities[key].slug for key in kept} == kept
    assert len({entity.slug for entity in after.entities.values()}) == len(after.entities)
    assert all(SLUG.fullmatch(entity.slug) for entity in after.entities.values())
