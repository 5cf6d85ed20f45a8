"""Small kg graphs written in a few lines of Turtle, for tests of what is drawn and how."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.namespace import PREFIXES

PROLOGUE = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())


def store_of(turtle: str) -> ox.Store:
    """An in-memory store of `turtle`, written with the project's prefixes (ent:, kg:, stmt:, …)."""
    store = ox.Store()
    store.load(input=PROLOGUE + turtle, format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    return store


def entity(name: str, cls: str, label: str | None = None) -> str:
    """Turtle for an entity ent:`name` of class kg:`cls` labelled `label` (default: the name)."""
    return f'ent:{name} a kg:{cls} ; rdfs:label "{label or name}" .\n'


def stated(key: str, subject: str, predicate: str, obj: str, *, sentence: str, event: str | None = None,
           article: str = "src:a", confidence: float = 0.8, start: int = 0) -> str:
    """Turtle for a direct fact and its statement (sentence, article, rule, confidence, optional event)."""
    event_part = f"kg:event {event} ; " if event else ""
    return (f"{subject} {predicate} {obj} .\n"
            f"stmt:{key} a rdf:Statement ; rdf:subject {subject} ; rdf:predicate {predicate} ; rdf:object {obj} ; "
            f'{event_part}prov:wasDerivedFrom {article} ; kg:sentence "{sentence}"@fr ; kg:startChar {start} ; '
            f'kg:rule "test" ; kg:confidence {confidence} .\n')


USERS = ["renault", "netflix", "disney", "google", "apple", "samsung"]


def glued_graph() -> str:
    """Six organisations using AI, two CEOs sharing the PDG role, Renault's subsidiary Dacia, and a
    journalist who talks to everyone."""
    turtle = entity("ia", "Technology", "IA") + entity("pdg", "Role", "PDG") + entity("dacia", "Organization")
    turtle += entity("luca", "Person", "Luca de Meo") + entity("ted", "Person", "Ted Sarandos") + entity("eve", "Person")
    for n, user in enumerate(USERS):
        turtle += entity(user, "Organization") + stated(f"u{n}", f"ent:{user}", "kg:uses", "ent:ia", sentence=f"{user} utilise l'IA.")
        turtle += stated(f"p{n}", "ent:eve", "kg:partnerOf", f"ent:{user}", sentence=f"Eve et {user}.")
    for person, org in (("luca", "renault"), ("ted", "netflix")):
        turtle += f"event:{person} a kg:Appointment ; kg:person ent:{person} ; kg:role ent:pdg ; kg:organization ent:{org} .\n"
        turtle += stated(f"r{person}", f"ent:{person}", "kg:hasRole", "ent:pdg", sentence=f"{person}, PDG.", event=f"event:{person}")
    return turtle + stated("d", "ent:dacia", "kg:parentOrganization", "ent:renault", sentence="Dacia, filiale de Renault.")


def graph_file(path: Path, turtle: str) -> Path:
    """Write `turtle` (with the project's prefixes) to `path`, for commands that read graph files."""
    path.write_text(PROLOGUE + turtle, encoding="utf-8")
    return path
