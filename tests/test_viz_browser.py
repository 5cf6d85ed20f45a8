"""The written explorer in a real headless Chromium, as a reader uses it: drawn offline, search centres an
entity, a click shows its facts and sources, filters change what is drawn as the data says, hubs are drawn
beside each neighbour, the interface speaks French or English, and hostile text shows literally."""
from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from graphs import USERS, entity, glued_graph, graph_file, stated
from pages import PageWatch, expected_edges
from kg.viz import draw_graph

HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"onmouseover="alert(1)', "javascript:alert(1)"]

pytestmark = pytest.mark.browser


def open_page(browser, source, path, **options) -> PageWatch:
    draw_graph(source, path, **options)
    return PageWatch(browser, path)


@pytest.fixture(scope="module")
def sample(browser, sample_graph_path, tmp_path_factory):
    """The sample graph's page, opened once: tests that change it reload it first."""
    return open_page(browser, sample_graph_path, tmp_path_factory.mktemp("sample") / "graph.html")


@pytest.fixture
def fresh(sample):
    sample.page.reload()
    sample.page.wait_for_selector("body[data-kg-ready]", state="attached")
    return sample


def test_page_draws_offline_every_edge_its_data_calls_for(fresh):
    assert fresh.requests[:1] == [fresh.url] and set(fresh.requests) == {fresh.url}
    drawn = fresh.drawn()
    assert len(drawn["edges"]) == expected_edges(fresh.data) > 0
    assert f"n{fresh.node('ent:ubisoft')}" in drawn["nodes"] and f"n{fresh.node('ent:pdg')}" not in drawn["nodes"]
    assert fresh.errors == [] and fresh.dialogs == []


def test_typing_in_the_search_box_and_choosing_centres_the_entity(browser, sample_graph_path, tmp_path):
    watch = open_page(browser, sample_graph_path, tmp_path / "few.html", max_nodes=3)
    montreal = f"n{watch.node('ent:montreal')}"
    assert montreal not in watch.drawn()["nodes"]
    watch.page.fill("#kg-search", "montr")
    assert watch.page.inner_text("#kg-suggestions li:first-child").startswith("Montréal")
    watch.page.keyboard.press("Enter")
    assert watch.page.evaluate("network.getSelectedNodes()") == [montreal]
    assert f"n{watch.node('ent:ubisoft_montreal')}" in watch.drawn()["nodes"]  # its neighbourhood comes with it
    box = watch.page.locator("#kg-network").bounding_box()
    x, y = watch.point(montreal)
    assert abs(x - (box["x"] + box["width"] / 2)) < 2 and abs(y - (box["y"] + box["height"] / 2)) < 2
    assert watch.page.inner_text("#kg-info h2") == "Montréal"
    watch.page.fill("#kg-search", "Guillemot")  # an alias finds the entity it names
    assert watch.page.inner_text("#kg-suggestions li:first-child").startswith("Yves Guillemot")
    assert watch.errors == []


def test_clicking_a_node_shows_its_facts_by_relation_then_its_sources_in_article_order(fresh):
    panel = fresh.click_node("ent:ubisoft")
    assert fresh.page.inner_text("#kg-info h2") == "Ubisoft"
    assert "Organisation" in panel and "Aussi appelé : le studio" in panel
    groups = fresh.page.locator("#kg-info .kg-group").all_inner_texts()
    assert {"utilise → (1)", "← PDG de (1)", "chiffre d'affaires → (1)", "← maison mère (1)"} <= set(groups)
    uses = fresh.page.locator("#kg-info ul", has=fresh.page.locator("text=IA générative")).first.inner_text()
    assert "confiance 0.85" in uses and "sa phrase" in uses
    articles = fresh.page.locator("#kg-info .kg-article").all_inner_texts()
    assert articles == ["Ubisoft mise sur l'IA générative · 2025-03-14 · ubisoft-ia.txt", "resultats-ubisoft.txt"]
    fresh.page.locator("#kg-info li", has_text="IA générative").get_by_text("sa phrase").click()
    assert fresh.page.locator(".kg-flash").inner_text().startswith("Le studio Ubisoft a utilisé")


def test_a_click_draws_the_neighbours_not_drawn_yet(browser, sample_graph_path, tmp_path):
    watch = open_page(browser, sample_graph_path, tmp_path / "one.html", max_nodes=1)
    assert watch.drawn()["nodes"] == [f"n{watch.node('ent:ubisoft')}"]
    watch.click_node("ent:ubisoft")
    neighbours = {"ent:yves_guillemot", "ent:generative_ai", "ent:ubisoft_montreal", "ent:skull_and_bones"}
    assert {f"n{watch.node(iri)}" for iri in neighbours} <= set(watch.drawn()["nodes"])


def test_clicking_an_edge_shows_the_fact_its_participants_and_its_sentence_marked(fresh):
    uses = next(f for f, (s, t) in enumerate(zip(fresh.data["facts"]["source"], fresh.data["facts"]["target"]))
                if (s, t) == (fresh.node("ent:ubisoft"), fresh.node("ent:generative_ai")))
    panel = fresh.click_edge(f"f{uses}")
    assert fresh.page.inner_text("#kg-info h2") == "Ubisoft — utilise → IA générative"
    for line in ("agent\nUbisoft", "œuvre\nSkull and Bones", "but\nécrire les dialogues", "déclaré par\nYves Guillemot", "règle svo"):
        assert line in panel
    marks = fresh.page.locator("#kg-info .kg-sentence mark").all_inner_texts()
    assert {"Ubisoft", "IA générative", "Skull and Bones", "écrire les dialogues"} <= set(marks)


def test_class_and_confidence_filters_draw_what_the_data_says(fresh):
    person = next(c for c, cls in enumerate(fresh.data["classes"]) if cls["iri"] == "kg:Person")
    fresh.page.locator(f"#kg-legend input[value='{person}']").uncheck()
    fresh.page.locator("#kg-filters summary").click()
    fresh.page.locator("#kg-confidence").fill("0.8")
    classes = set(range(len(fresh.data["classes"]))) - {person} | {-1}
    expected = expected_edges(fresh.data, classes=classes, confidence=0.8)
    assert len(fresh.drawn()["edges"]) == expected < expected_edges(fresh.data, classes=classes) < expected_edges(fresh.data)
    assert f"n{fresh.node('ent:yves_guillemot')}" not in fresh.drawn()["nodes"]


def test_an_article_filter_keeps_the_facts_it_states(fresh):
    fresh.page.locator("#kg-filters summary").click()
    fresh.page.select_option("#kg-article", label="resultats-ubisoft.txt")
    article = [a["name"] for a in fresh.data["articles"]].index("resultats-ubisoft.txt")
    assert len(fresh.drawn()["edges"]) == expected_edges(fresh.data, article=article) == 1


def test_the_legend_draws_each_class_as_the_network_does(fresh):
    drawn = fresh.page.evaluate("""() => network.body.data.nodes.get().map((item) => {
        const options = network.body.nodes[item.id].options;
        return [item.node, options.shape, options.color.background];
    })""")
    legend = {int(item.get_attribute("value")): (swatch.get_attribute("data-shape"), swatch.get_attribute("data-color"))
              for item, swatch in zip(fresh.page.locator("#kg-legend input").all(), fresh.page.locator("#kg-legend svg").all())}
    assert drawn and all(legend[fresh.data["nodes"]["class"][node]] == (shape, color) for node, shape, color in drawn)
    assert len(set(legend.values())) == len(legend)


def test_the_interface_switches_to_english(fresh):
    fresh.page.click("#kg-language")
    assert "Organization" in fresh.page.inner_text("#kg-legend") and "Filters" in fresh.page.inner_text("#kg-filters summary")
    labels = fresh.page.evaluate("network.body.data.edges.get().map((e) => e.label)")
    assert "uses" in labels and "utilise" not in labels
    fresh.click_node("ent:ubisoft")
    assert "uses → (1)" in fresh.page.locator("#kg-info .kg-group").all_inner_texts()


def test_a_hub_is_drawn_beside_each_neighbour_until_the_reader_joins_it(browser, tmp_path):
    watch = open_page(browser, graph_file(tmp_path / "glued.ttl", glued_graph()), tmp_path / "glued.html")
    ia = watch.node("ent:ia")
    copies = [n for n in watch.drawn()["nodes"] if n.startswith(f"h{ia}n")]
    assert len(copies) == len(USERS) and f"n{ia}" not in watch.drawn()["nodes"]
    assert f"n{watch.node('ent:pdg')}" not in watch.drawn()["nodes"]  # a role is an edge label, not a node
    watch.page.mouse.click(*watch.point(copies[0]))
    watch.page.get_by_role("button", name="Dessiner d'un seul nœud").click()
    assert f"n{ia}" in watch.drawn()["nodes"] and not [n for n in watch.drawn()["nodes"] if n.startswith("h")]


def test_a_role_found_by_search_lists_who_holds_it_where(browser, tmp_path):
    watch = open_page(browser, graph_file(tmp_path / "glued.ttl", glued_graph()), tmp_path / "glued.html")
    watch.page.fill("#kg-search", "PDG")
    watch.page.keyboard.press("Enter")
    facts = watch.page.locator("#kg-info li").all_inner_texts()
    assert facts == [f"{who} — PDG → {where} confiance 0.80 sa phrase le fait" for who, where in (("Luca de Meo", "renault"), ("Ted Sarandos", "netflix"))]


def test_entities_without_links_are_hidden_with_a_count_and_shown_on_demand(browser, tmp_path):
    turtle = (entity("a", "Organization") + entity("b", "Organization") + entity("alone", "Place", "Seul")
              + stated("1", "ent:a", "kg:partnerOf", "ent:b", sentence="A et B."))
    watch = open_page(browser, graph_file(tmp_path / "alone.ttl", turtle), tmp_path / "alone.html")
    alone = f"n{watch.node('ent:alone')}"
    assert alone not in watch.drawn()["nodes"]
    assert "1 entités sans lien dessiné sont masquées." in watch.page.inner_text("#kg-status")
    watch.page.locator("#kg-status").get_by_role("button", name="afficher").click()
    assert alone in watch.drawn()["nodes"]


def test_same_page_draws_the_same_layout_twice(browser, sample_graph_path, tmp_path):
    first, second = (open_page(browser, sample_graph_path, tmp_path / f"graph{i}.html") for i in (1, 2))
    positions = "JSON.stringify(network.getPositions())"
    assert first.page.evaluate(positions) == second.page.evaluate(positions)


def test_hostile_text_shows_literally_and_runs_nothing(browser, sample_graph_path, tmp_path):
    store = ox.Store()
    for name in ("sample-graph.ttl", "hostile-additions.ttl"):
        store.bulk_load(path=str(sample_graph_path.parent / name), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    store.dump(output=str(tmp_path / "hostile.nq"), format=ox.RdfFormat.N_QUADS)
    watch = open_page(browser, tmp_path / "hostile.nq", tmp_path / "hostile.html")
    panel = watch.click_node("ent:hostile")
    for text in HOSTILE[:3]:
        assert text in panel
    assert "<script>alert(1)</script>.txt" in panel  # the article name
    assert watch.click_node("javascript:alert(1)").startswith("javascript:alert(1)")
    watch.page.fill("#kg-search", "<img")
    assert watch.page.inner_text("#kg-suggestions").startswith(HOSTILE[0])
    watch.page.mouse.move(5, 5)
    assert watch.page.evaluate("document.querySelectorAll('#kg-side img, #kg-side script, #kg-side a').length") == 0
    assert watch.dialogs == [] and watch.errors == []
    assert set(watch.requests) == {watch.url}


def test_screenshot_is_not_blank(fresh):
    from PIL import Image

    picture = Image.open(io.BytesIO(fresh.page.locator("#kg-network").screenshot())).convert("RGB")
    assert len(picture.getcolors(maxcolors=1 << 24)) > 50  # a blank canvas has one colour


def dated_graph() -> str:
    """Two dated articles with URLs: a partnership in March, an acquisition and a CEO in June."""
    turtle = "".join(entity(name, "Organization") for name in ("a", "b", "c")) + entity("p", "Person")
    for article, date in (("march", "2025-03-02"), ("june", "2025-06-20")):
        turtle += (f'src:{article} a schema:NewsArticle ; schema:name "{article}.txt" ; schema:headline "Titre {article}" ; '
                   f'schema:datePublished "{date}"^^xsd:date ; schema:url <https://news.example/{article}> .\n')
    return (turtle + stated("1", "ent:a", "kg:partnerOf", "ent:b", sentence="A et B.", article="src:march")
            + stated("2", "ent:a", "kg:acquired", "ent:c", sentence="A rachète C.", article="src:june")
            + stated("3", "ent:p", "kg:ceoOf", "ent:c", sentence="P dirige C.", article="src:june"))


def test_date_and_relation_filters_keep_the_facts_they_name(browser, tmp_path):
    watch = open_page(browser, graph_file(tmp_path / "dated.ttl", dated_graph()), tmp_path / "dated.html")
    assert len(watch.drawn()["edges"]) == 3
    watch.page.locator("#kg-filters summary").click()
    watch.page.fill("#kg-date-from", "2025-06-01")
    watch.page.dispatch_event("#kg-date-from", "change")
    assert len(watch.drawn()["edges"]) == 2
    family = next(relation["family"] for relation in watch.data["relations"] if relation["iri"] == "kg:ceoOf")
    assert watch.data["relations"][family]["iri"] == "kg:headOf"  # kg:ceoOf is below kg:headOf and kg:worksFor
    watch.page.locator(f"#kg-families input[value='{family}']").uncheck()
    assert [watch.data["facts"]["relation"][int(edge[1:])] for edge in watch.drawn()["edges"]] == [
        next(r for r, relation in enumerate(watch.data["relations"]) if relation["iri"] == "kg:acquired")]


def test_sources_name_the_article_with_its_title_date_and_link(browser, tmp_path):
    watch = open_page(browser, graph_file(tmp_path / "dated.ttl", dated_graph()), tmp_path / "dated.html")
    watch.click_node("ent:a")
    assert watch.page.locator("#kg-info .kg-article").all_inner_texts() == [
        "Titre march · 2025-03-02 · march.txt · https://news.example/march",
        "Titre june · 2025-06-20 · june.txt · https://news.example/june"]
    assert watch.page.locator("#kg-info .kg-article a").first.get_attribute("href") == "https://news.example/march"


def test_a_focus_opens_centred_on_it_with_its_facts_in_the_panel(browser, sample_graph_path, tmp_path):
    watch = open_page(browser, sample_graph_path, tmp_path / "focus.html", focus="Yves Guillemot")
    assert watch.page.evaluate("network.getSelectedNodes()") == [f"n{watch.node('ent:yves_guillemot')}"]
    assert watch.page.inner_text("#kg-info h2") == "Yves Guillemot" and "Citation" in watch.page.inner_text("#kg-info")


def test_the_first_view_fits_the_largest_connected_part(browser, tmp_path):
    turtle = glued_graph() + entity("x", "Organization") + entity("y", "Organization")
    turtle += stated("xy", "ent:x", "kg:partnerOf", "ent:y", sentence="X et Y.")
    watch = open_page(browser, graph_file(tmp_path / "parts.ttl", turtle), tmp_path / "parts.html")
    box = watch.page.locator("#kg-network").bounding_box()
    inside = {iri: box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]
              for iri in ("ent:eve", "ent:dacia", "ent:luca", "ent:ted", *(f"ent:{user}" for user in USERS))
              for x, y in [watch.point(f"n{watch.node(iri)}")]}
    assert all(inside.values()), inside
