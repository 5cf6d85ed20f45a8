"""Hubs, neighbourhoods and the central part: a concept shared by everything (AI) or a role (CEO) does not glue
unrelated neighbourhoods together, and a big graph opens on a connected, best-linked part."""
from __future__ import annotations

import pytest

from graphs import USERS, entity, glued_graph, stated, store_of
from kg.explorer import HUB_NEIGHBOURS, central_part, explore, neighbourhood
from kg.namespace import ENT

@pytest.fixture(scope="module")
def glued():
    return explore(store_of(glued_graph()))


def test_a_shared_concept_is_a_hub_but_a_well_linked_person_is_not(glued):
    neighbours = glued.neighbours
    assert len(neighbours[str(ENT.ia)]) == len(neighbours[str(ENT.eve)]) == len(USERS) >= HUB_NEIGHBOURS
    assert glued.hubs == {str(ENT.ia)}


def test_a_neighbourhood_does_not_go_on_through_hubs_or_roles(glued):
    near = neighbourhood(glued, [str(ENT.renault)], depth=2)
    assert {str(ENT.ia), str(ENT.dacia), str(ENT.luca), str(ENT.eve)} <= set(near)
    assert str(ENT.ted) not in near and str(ENT.pdg) not in near
    assert str(ENT.netflix) in near  # through Eve, who is not a hub: she really links them
    assert near[0] == str(ENT.renault) and len(neighbourhood(glued, [str(ENT.renault)], depth=2, limit=3)) == 3


def test_a_hub_chosen_as_focus_shows_its_neighbours(glued):
    assert set(neighbourhood(glued, [str(ENT.ia)], depth=1)) == {str(ENT.ia), *(str(ENT[u]) for u in USERS)}


def test_the_central_part_grows_connected_from_the_best_linked_node_without_hubs(glued):
    part = central_part(glued, 4)
    assert part[0] == str(ENT.eve) and str(ENT.ia) not in part
    neighbours = glued.neighbours
    assert all(any(other in neighbours[key] for other in part[:n]) for n, key in enumerate(part) if n)


def test_the_central_part_moves_on_to_other_parts_when_one_is_exhausted():
    turtle = (entity("a", "Organization") + entity("b", "Organization") + entity("c", "Person") + entity("d", "Person")
              + stated("1", "ent:a", "kg:partnerOf", "ent:b", sentence="A et B.") + stated("2", "ent:c", "kg:worksFor", "ent:d", sentence="C, D."))
    assert central_part(explore(store_of(turtle)), 10) == [str(ENT.a), str(ENT.b), str(ENT.c), str(ENT.d)]
