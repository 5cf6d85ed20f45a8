"""What the page reads from the ontology: labels in French and English, relation families, and a colour and
shape per class that no other class shares, far enough apart to tell on screen."""
from __future__ import annotations

import itertools
import math

from kg.namespace import KG, SKOS
from kg.vocabulary import ENTITY, ENTITY_SHAPES, EVENT, EVENT_STYLE, VALUE, load_vocabulary, local_name


def lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* of an sRGB hex colour (D65)."""
    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(int(color[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x, y, z = ((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047, r * 0.2126 + g * 0.7152 + b * 0.0722,
               (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883)
    f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_every_entity_and_value_class_has_its_own_colour_far_from_the_others():
    styles = load_vocabulary().styles
    assert set(styles) == load_vocabulary().entity_classes | load_vocabulary().value_classes
    closest = min(math.dist(lab(a.color), lab(b.color)) for a, b in itertools.combinations(styles.values(), 2))
    assert closest > 25, closest  # CIE76: about 2 is a just-noticeable difference; six classes were within 10


def test_classes_of_a_family_share_a_shape_and_events_keep_theirs():
    vocabulary = load_vocabulary()
    styles = vocabulary.styles
    assert styles[str(KG.Person)].shape == styles[str(KG.Organization)].shape == styles[str(KG.Union)].shape
    assert styles[str(KG.Movie)].shape == styles[str(KG.CreativeWork)].shape != styles[str(KG.Person)].shape
    assert {style.shape for style in styles.values()} <= {*ENTITY_SHAPES, "box"}
    assert EVENT_STYLE[1] not in {style.shape for style in styles.values()}
    assert vocabulary.style(str(KG.TechnologyUse)).shape == EVENT_STYLE[1]


def test_labels_come_in_french_and_english_with_the_local_name_as_last_resort():
    vocabulary = load_vocabulary()
    assert (vocabulary.label(str(KG.ceoOf), "fr"), vocabulary.label(str(KG.ceoOf), "en")) == ("PDG de", "CEO of")
    assert vocabulary.label(str(SKOS.broader), "fr") == "broader"


def test_categories_and_families_follow_the_trees():
    vocabulary = load_vocabulary()
    assert [vocabulary.category(str(c)) for c in (KG.Union, KG.Quantity, KG.Acquisition)] == [ENTITY, VALUE, EVENT]
    assert vocabulary.category(None) == ENTITY
    assert vocabulary.relation_family(str(KG.ceoOf)) == str(KG.headOf)  # ceoOf is below headOf and worksFor
    assert vocabulary.relation_family(str(KG.worksFor)) == str(KG.memberOf)
    assert vocabulary.relation_family(str(KG.uses)) == str(KG.uses)
    assert vocabulary.is_a(str(KG.Union), str(KG.Agent)) and not vocabulary.is_a(str(KG.Role), str(KG.Agent))
    assert local_name(str(KG.Union)) == "Union"
