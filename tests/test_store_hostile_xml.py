"""RDF/XML input is read only when it cannot take the machine: entities that expand without bound (a
740-byte "billion laughs" once made Oxigraph allocate gigabytes) and elements nested thousands deep (its
parser slows down more than linearly) are refused with one line, exit 2; ordinary entities, as ontology
editors write them, still work. The hostile files are opened in a child process capped by
resource.setrlimit, so that a regression fails here instead of eating the machine."""
from __future__ import annotations

import json

import pytest

from guards import run_guarded
from kg.errors import KgError
from kg.store import load_graph

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY a "lollollollollollollollollollol">\n'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(8))
          + f']>\n<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://ex.org/"><rdf:Description rdf:about="http://ex.org/s">'
          "<ex:p>&i;</ex:p></rdf:Description></rdf:RDF>\n")
DEEP = (f'<?xml version="1.0"?><rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://ex.org/"><rdf:Description rdf:about="http://ex.org/s">'
        + '<ex:p rdf:parseType="Resource">' * 50_000 + "</ex:p>" * 50_000 + "</rdf:Description></rdf:RDF>")


@pytest.mark.parametrize(("document", "message"), [
    (LAUGHS, "not valid RDF/XML: limit on input amplification factor (from DTD and entities) breached"),
    (DEEP, "not read: elements nested deeper than 1,000 levels"),
], ids=["billion-laughs", "deep-nesting"])
@pytest.mark.parametrize("persistent", [False, True], ids=["memory", "store"])
def test_hostile_rdf_xml_is_refused_in_one_line(tmp_path, document, message, persistent):
    path = tmp_path / "graph.rdf"
    path.write_text(document, encoding="utf-8")
    out = run_guarded("""
        import json, sys
        from kg.errors import KgError
        from kg.store import open_graph
        try:
            open_graph(sys.argv[1], persistent=sys.argv[2] == "True")
            print(json.dumps("read"))
        except KgError as error:
            print(json.dumps([error.exit_code, error.message]))
        """, cpu_seconds=60, memory_bytes=1 << 30, args=[str(path), str(persistent)])
    exit_code, said = json.loads(out)
    assert exit_code == 2 and said.startswith(f"{path}: {message}")


def test_ordinary_entities_still_work(tmp_path):
    path = tmp_path / "onto.owl"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://ex.org/"> ]>\n'
                    f'<rdf:RDF xmlns:rdf="{RDF}"><rdf:Description rdf:about="&ex;s"><rdf:type rdf:resource="&ex;C"/>'
                    "</rdf:Description></rdf:RDF>\n", encoding="utf-8")
    [quad] = load_graph(path)
    assert (quad.subject.value, quad.object.value) == ("http://ex.org/s", "http://ex.org/C")


def test_malformed_xml_is_an_input_error(tmp_path):
    path = tmp_path / "broken.rdf"
    path.write_text("<rdf:RDF", encoding="utf-8")
    with pytest.raises(KgError) as raised:
        load_graph(path)
    assert raised.value.exit_code == 2 and str(path) in raised.value.message
