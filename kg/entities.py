"""The `kg_entities` component: the final entity mentions of a parsed text.

It gathers candidates from every source — amounts and dates (kg.values), quoted titles and names,
the knowledge base, names typed by the noun before them, honorifics, roles, descriptions that refer
back, and the model's own names once junk is dropped — and keeps, where they overlap, the best by
priority. `span.label_` is a kg class local name (Organization, Person, Technology, Movie, ...) or a
value kind (MONEY, PERCENT, QUANTITY, DATE), or DESC for a description; `span.kb_id_` holds a
knowledge-base id and `span.id_` the evidence ("kb", "ner:MISC", "title", "trigger:syndicat", ...).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg import lexicon, places
from kg.accents import strip_accents
from kg.articles import normalize_typography
from kg.nlp import NER_CLASSES, article_date, prepared_text, token_strings
from kg.values import day_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Candidate:
    """A possible entity mention before overlaps are settled: token range, label, evidence."""

    start: int
    end: int
    label: str
    priority: int
    kb_id: str = ""
    evidence: str = ""


_QUOTES = "'\""
_TITLE_FUNCTION_WORDS = frozenset("of the and a an in on to for & : - – de du des la le les et à".split())
_ACRONYM = re.compile(r"[A-Z]{2,6}")
"""Initials: a word of capitals only."""
_ROMAN_ORDINAL = re.compile(r"[IVXLC]+(?:e|er|ère|ème|es)")
"""A Roman ordinal ("XVIIIe", "Ier"): a century or a rank, not a name."""
_APPOSITION_DETERMINERS = frozenset("un une le la l'".split())
"""Determiners of a noun set off after a name that says what the name is ("X, une association")."""
_DEFINITE = frozenset("le la l' les ce cet cette ces du au aux".split())
"""Determiners of a description that refers back, "du" and "au" included ("la filiale du groupe")."""
NAMING_PARTICIPLES = frozenset(f"{verb}{ending}" for verb in ("nommé", "appelé", "baptisé", "dénommé", "surnommé") for ending in ("", "e", "s", "es"))
"""Participles that introduce a name: "une association dénommée « X »", "L'usine, nommée « X »"."""
_ELIDED = re.compile(r"^[ldjmnstc]'|^qu'|^jusqu'|^lorsqu'|^puisqu'", re.IGNORECASE)
_ARTICLES = frozenset({"le", "la", "les"})
_NAME_LINKS = frozenset({"de", "d'", "d", "du", "des"})
"""Words between a naming noun and its name: "la ville de Rome", "l'association des « Pêcheurs »"; "d" is
what the tokenizer leaves of "d'" before a spaced quote ("la procédure d' « X »")."""
_CAMEL = re.compile(r"[a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]+[A-Z][a-z][A-Za-z]*")
"""A product's name shape: a capital inside a word ("iPhone", "eBay", "PlayStation"), not an acronym."""
_NAME_GLUE = frozenset("de d' du des la le l' les et pour contre sur en à aux".split())
"""Words inside long names of organisations between capitalised words ("Parti pour la Liberté et les Valeurs")."""
_CHARGED = frozenset({"chargé", "chargée", "chargés", "chargées"})
"""The word that introduces the mission inside a body's name ("Agence nationale chargée de la Protection Sociale")."""


class EntityFinder:
    """The `kg_entities` component: gathers candidates from every source and keeps the best."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        places.load()
        self.vocab = nlp.vocab
        self.kb = lexicon.knowledge_base()
        self.kb_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.desc_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.work_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        tokenizer = nlp.tokenizer
        for entry in self.kb.values():
            forms = {entry.label, *entry.aliases}
            forms |= {strip_accents(f) for f in forms}
            self.kb_matcher.add(entry.id, [tokenizer(normalize_typography(f)) for f in sorted(forms)])
        for surface in lexicon.roles():
            self.role_matcher.add(surface, [tokenizer(surface), tokenizer(strip_accents(surface))])
        for phrase in lexicon.descriptions():
            forms = {phrase, strip_accents(phrase), _plural(phrase)}
            self.desc_matcher.add(phrase, [tokenizer(f) for f in sorted(forms)])
        for noun in lexicon.work_nouns():
            self.work_matcher.add(noun, [tokenizer(noun), tokenizer(strip_accents(noun))])
        self.triggers = {strip_accents(k): (label or NOT_AN_ENTITY, role) for k, (label, role) in lexicon.name_triggers().items()}
        self.group_nouns = lexicon.group_nouns()
        self.institutions: dict[str, list[list[str]]] = {}  # first word → the nouns' words, the longest first
        for noun in sorted(lexicon.institution_nouns(), key=len, reverse=True):
            words = noun.replace("'", "' ").split()
            self.institutions.setdefault(words[0], []).append(words)
        self.stop = {strip_accents(w) for w in lexicon.stop_entities()}
        self.nationalities = {strip_accents(n) for n in lexicon.nationalities()}
        self.honorifics = lexicon.honorifics()
        self.heads = {strip_accents(k): v for k, v in lexicon.name_heads().items()}
        self.families = lexicon.class_families()
        self.places = {
            strip_accents(f).lower()
            for e in self.kb.values() if e.type == "Place" for f in (e.label, *e.aliases)
        }
        self.ranks = {
            self.vocab.strings[key]: rank
            for rank, key in zip(range(60_000), self.vocab.vectors.key2row)
        }

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import ORTH

        from kg.values import find_values

        candidates: list[Candidate] = []
        text = prepared_text(doc)
        for value in find_values(text, article_date=article_date(doc)):
            span = doc.char_span(value.start, value.end, alignment_mode="expand")
            if span is not None:
                candidates.append(Candidate(span.start, span.end, _VALUE_KIND[value.kind], 100, evidence="value"))
        candidates += self._quoted_titles(doc, text)
        candidates += self._listed_titles(doc)
        kb = list(self._kb_matches(doc))
        candidates += kb
        candidates += self._branches(doc, kb)
        texts = token_strings(doc, ORTH)  # read once: the word-list sources below visit only the tokens they list
        candidates += self._triggered_names(doc, texts)
        candidates += self._institution_names(doc, texts)
        candidates += self._honorific_names(doc, texts)
        candidates += _kin_names(doc, texts)
        candidates += self._product_names(doc, texts)
        roles = [Candidate(s, _role_end(doc, e, self.nationalities), "Role", 60, evidence="role") for _, s, e in self.role_matcher(doc)]
        candidates += roles
        candidates += self._descriptions(doc)
        candidates += self._ner(doc, kb, roles)
        candidates += self._headed_names(doc, texts)
        doc.ents = self._settle(doc, candidates)
        return doc

    # -- sources

    def _kb_matches(self, doc: Doc) -> Iterable[Candidate]:
        for match_id, start, end in self.kb_matcher(doc):
            entry = self.kb[self.vocab.strings[match_id]]
            span = doc[start:end]
            if entry.type != "Technology" and not any(t.text[:1].isupper() or t.is_digit for t in span):
                continue  # "orange", "total", "meta" as common words
            if entry.type == "Organization" and end < len(doc) and doc[end].text in lexicon.org_suffixes():
                yield Candidate(start, end + 1, entry.type, 81, kb_id=entry.id, evidence="kb")  # "Renault Group"
                continue
            if entry.type == "Product" and end < len(doc) and _is_version(doc[end]) and not doc[end].ent_type_ == "DATE":
                yield Candidate(start, end + 1, entry.type, 81, evidence=f"version:{entry.id}")
                continue
            yield Candidate(start, end, entry.type, 80, kb_id=entry.id, evidence="kb")

    def _branches(self, doc: Doc, kb: list[Candidate]) -> Iterable[Candidate]:
        """A known organisation right before a place name is its branch: "Ubisoft Montpellier",
        "Samsung France" (the place is a known one or a name the model tags LOC)."""
        place_ends = {e.start: e.end for e in doc.ents if e.label_ == "LOC"}
        place_ends.update({c.start: c.end for c in kb if c.label == "Place"})
        for c in kb:
            end = place_ends.get(c.end)
            if c.label == "Organization" and end is not None and doc[c.end].text[:1].isupper() and not doc[c.end - 1].whitespace_ == "":
                if end - c.end <= 3 and all(t.text[:1].isupper() or t.text == "-" for t in doc[c.end:end]):
                    yield Candidate(c.start, end, "Organization", 83, evidence=f"subsidiary:{c.kb_id}")

    def _quoted_titles(self, doc: Doc, text: str) -> Iterable[Candidate]:
        for open_at, close_at in quoted_spans(text, spaced=True):
            inner = text[open_at + 1:close_at]
            words = inner.split()
            lead = len(inner) - len(inner.lstrip())
            inner = inner.strip()
            open_at += lead
            if not words or len(words) > 10:
                continue
            named = self._trigger_before(doc, open_at + 1) or self._trigger_after(doc, close_at)
            if named is None and not inner[:1].isupper():
                continue  # a quotation, unless a naming noun announces it: l'association « non à la pollution »
            if named is not None:
                span = doc.char_span(open_at + 1, open_at + 1 + len(inner), alignment_mode="expand")
                if span is not None:  # "l'association « Terre Vive »": the noun types the name, quoted or not
                    yield Candidate(span.start, span.end, named[0], 92, evidence=f"trigger:{named[1]}")
                    if doc[named[2]].text[:1].isupper():  # "l'Association « X »": the noun is no name of its own
                        yield Candidate(named[2], named[2] + 1, NOT_AN_ENTITY, 92, evidence="trigger")
                continue
            trigger = self._work_before(doc, open_at)
            if trigger is None and not _is_title_case(words):
                continue
            start = open_at + 1
            if len(words) > 1 and strip_accents(words[0].lower()) in self.nationalities and words[1][:1].isupper():
                start += len(words[0]) + 1
                adjective = doc.char_span(open_at + 1, start - 1, alignment_mode="expand")
                if adjective is not None:
                    yield Candidate(adjective.start, adjective.end, NOT_AN_ENTITY, 90, evidence="demonym")
            span = doc.char_span(start, open_at + 1 + len(inner), alignment_mode="expand")
            if span is None:
                continue
            if trigger is not None:
                yield Candidate(span.start, span.end, trigger, 90, evidence="title")
            else:
                yield Candidate(span.start, span.end, self._quoted_class(doc, span), 90, evidence="name:quoted")

    def _quoted_class(self, doc: Doc, span: Span) -> str:
        """The class of a quoted name that no noun announces: a work when the article speaks of works
        (a film, a series elsewhere in it), else a place the gazetteer knows, else an organisation —
        news quote the names of associations and companies as often as titles."""
        if self.work_matcher(doc):
            return "CreativeWork"
        return "Place" if places.lookup(span.text) is not None else "Organization"

    def _listed_titles(self, doc: Doc) -> Iterable[Candidate]:
        """A capitalised run after a work noun and a comma: "un jeu mobile, Harbor Tales : Night Shift"."""
        for match_id, start, end in self.work_matcher(doc):
            label = lexicon.work_nouns()[self.vocab.strings[match_id]]
            sentence_end = doc[start].sent.end
            for i in range(end, min(end + 8, sentence_end)):
                if doc[i].text == "," and i + 1 < sentence_end and doc[i + 1].text[:1].isupper() and doc[i + 1].text not in self.honorifics:
                    run_end = _title_run(doc, i + 1, sentence_end)
                    if run_end > i + 1 and (run_end == sentence_end or doc[run_end].is_punct):
                        yield Candidate(i + 1, run_end, label, 85, evidence="title")
                if doc[i].is_punct:
                    break  # the title follows the first comma: "Dans une vidéo, le père de Mary, Paul X" names none,
                    # nor does a person named after it ("Dans une vidéo, M. X a conseillé")

    def _work_before(self, doc: Doc, char: int) -> str | None:
        """The class announced by a work noun just before `char` ("le film 'X'"), if any."""
        token = doc.char_span(char, char + 1, alignment_mode="expand")
        if token is None:
            return None
        start = token.start
        window = doc[max(start - 4, doc[start].sent.start):start]
        for match_id, s, e in self.work_matcher(window):
            if window.start + e >= start - 1:
                return lexicon.work_nouns()[self.vocab.strings[match_id]]
        return None

    def _trigger_before(self, doc: Doc, char: int) -> tuple[str, str, int] | None:
        """(class, noun, its token) of a naming noun before the quoted name starting at `char`, maybe followed by
        "de", an adjective or a naming participle: "l'association « X »", "l'association des « X »", "l'ONG
        française « X »", "une association dénommée « X »"."""
        token = doc.char_span(char, char + 1, alignment_mode="expand")
        if token is None:
            return None
        i = token.start - 1
        while i >= 0 and (is_quote(doc[i].text) or doc[i].is_space):
            i -= 1
        if i > 0 and doc[i].lower_ in NAMING_PARTICIPLES:
            i -= 2 if i > 1 and doc[i - 1].text == "," else 1  # "le virus appelé « Nipah »", "l'usine, nommée « X »"
        elif i >= 0 and doc[i].lower_ in _NAME_LINKS:
            i -= 1
        if i > 0 and doc[i].pos_ == "ADJ" and doc[i].text.islower() and strip_accents(doc[i - 1].lower_) in self.triggers:
            i -= 1  # "l'association lyonnaise « X »"
        if i < 0 or doc[i].text[:1].isupper() and not doc[i].is_sent_start and not doc[i].text.isupper() \
                and self.heads.get(strip_accents(doc[i].text), ("", False))[0] != "NGO":
            return None  # "La Banque « X »": the noun is part of a name ("l'ONG « X »", "l'Association « X »" are not)
        trigger = self.triggers.get(strip_accents(doc[i].lower_))
        return (trigger[0], doc[i].lower_, i) if trigger is not None and trigger[0] != "Person" else None

    def _trigger_after(self, doc: Doc, char: int) -> tuple[str, str, int] | None:
        """(class, noun, its token) of a naming noun set off after the quoted name closing at `char`: "« Tous
        à l'école », une association dissoute", "« X », l'ONG de Paul Roux"."""
        token = doc.char_span(char, char + 1, alignment_mode="expand")
        i = token.end if token is not None else len(doc)
        if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in _APPOSITION_DETERMINERS:
            return None
        trigger = self.triggers.get(strip_accents(doc[i + 2].lower_))
        return (trigger[0], doc[i + 2].lower_, i + 2) if trigger is not None and trigger[0] != "Person" else None

    def _triggered_names(self, doc: Doc, texts: list[str]) -> Iterable[Candidate]:
        """Names typed by the noun before them: "les syndicats X et Y", "l'acteur X", "la start-up X",
        "la ville de Rome"; a known place after an organisation's noun is a place ("la mairie de Lyon").
        `texts`: the doc's token texts."""
        lowers = [text.lower() for text in texts]
        listed = {lower for lower in set(lowers) if lower in self.group_nouns or strip_accents(lower) in self.triggers}  # each word once
        for token in [doc[i] for i, lower in enumerate(lowers) if lower in listed]:
            if token.lower_ in self.group_nouns:
                yield from _family(doc, token)
                continue
            trigger = self.triggers.get(strip_accents(token.lower_))
            if trigger is None or token.text[:1].isupper() and not token.is_sent_start:
                continue  # "La Banque Postale": the noun is part of the name
            label, role = trigger
            i = token.i + 1
            while i < len(doc) and i - token.i <= 2 and doc[i].pos_ == "ADJ" and doc[i].text.islower():
                i += 1  # "la start-up parisienne Mistral AI", "le comédien français Michel Galabru"
            if i + 1 < len(doc) and doc[i].lower_ in _NAME_LINKS and _is_name_start(doc[i + 1]):
                if self.families.get(label) == "Place" and i > token.i + 1:
                    continue  # "la ville natale de Paul Roux": whose town, not the town's name ("la ville de Rome")
                if self.families.get(label) != "Place":
                    end = _name_run(doc, i + 1)
                    if places.is_place(doc[i + 1:end].text):  # "l'université du Texas", "la mairie de Lyon"
                        yield Candidate(i + 1, end, "Place", 72, evidence=f"trigger-of:{token.lower_}")
                    continue
                i += 1  # "la ville de Rome", "la région d'Agadez"
            while i < len(doc) and _is_name_start(doc[i]):
                end = _linked_name_run(doc, i) if self.families.get(label) == "Organization" else _name_run(doc, i)
                yield Candidate(i, end, label, 70, evidence=f"trigger:{token.lower_}" + (f":{role}" if role else ""))
                if end + 1 < len(doc) and (doc[end].lower_ == "et" or doc[end].text == "," and _listed(doc, end + 1)) \
                        and _is_name_start(doc[end + 1]):
                    i = end + 1
                else:
                    break

    def _institution_names(self, doc: Doc, texts: list[str]) -> Iterable[Candidate]:
        """"Le Centre hospitalier de Rodez", "le Tribunal de commerce de Lyon": an institution's noun
        (ontology/lexicon/institution_nouns.tsv) written with a capital, then "de" and a place the gazetteer
        knows, is no name of its own — the model makes "Centre" a region, or the whole a name it cannot
        type (above a known name inside a model's name: "Lyon" does not make the whole one). The place
        stays a place, and extraction makes the institution of the noun and the place, as
        it does in lower case (kg.extract.mentions.institutions_of_places). `texts`: the doc's token texts."""
        for i, text in enumerate(texts):
            nouns = self.institutions.get(text.lower()) if text[:1].isupper() else None
            for noun in nouns or ():
                of = i + len(noun)
                if [t.lower() for t in texts[i:of]] != noun or of + 1 >= len(doc) or texts[of].lower() not in _NAME_LINKS:
                    continue
                end = _name_run(doc, of + 1)
                if end > of + 1 and places.is_place(doc[of + 1:end].text):
                    yield Candidate(i, of, NOT_AN_ENTITY, 83, evidence="institution")
                    yield Candidate(of + 1, end, "Place", 83, evidence=f"trigger-of:{text.lower()}")
                break

    def _honorific_names(self, doc: Doc, texts: list[str]) -> Iterable[Candidate]:
        """"M. Jack Tellier", "Mme Ruiz", "Maître Dupont": a person, named without the honorific, which
        is never an entity itself. `texts`: the doc's token texts."""
        for token in [doc[i] for i, text in enumerate(texts) if text in self.honorifics]:
            honorific = self.honorifics.get(token.text)
            if honorific is None or token.i + 1 >= len(doc) or not _is_name_start(doc[token.i + 1], sentence_start=True) \
                    or doc[token.i + 1].text in self.honorifics:
                continue  # "à 300 M. Monsieur X": the second honorific names the person
            end = _name_run(doc, token.i + 1)
            while end + 1 < len(doc) and doc[end].lower_ in _PARTICLES and _is_name_start(doc[end + 1]) \
                    and not places.is_place(doc[end + 1:_name_run(doc, end + 1)].text):
                end = _name_run(doc, end + 1)  # "Mme Marie de Medeiros", not "M. Dupont de Lyon"
            yield Candidate(token.i, token.i + 1, NOT_AN_ENTITY, 85, evidence="honorific")
            yield Candidate(token.i + 1, end, "Person", 85, evidence=f"honorific:{honorific.gender or '-'}:{token.text}")

    def _product_names(self, doc: Doc, texts: list[str]) -> Iterable[Candidate]:
        """Names shaped like products: a word with a capital inside ("iPhone", "PlayStation"), maybe with
        a version ("iPhone 7"). `texts`: the doc's token texts."""
        shaped = [i for i, text in enumerate(texts) if _CAMEL.fullmatch(text) and text.lower() not in self.stop]
        people = {t.i for e in doc.ents if e.label_ == "PER" for t in e} if shaped else set()  # "McDonald" is a name of a person
        for token in (doc[i] for i in shaped):
            if token.i not in people:
                end = token.i + 2 if token.i + 1 < len(doc) and _is_version(doc[token.i + 1]) else token.i + 1
                yield Candidate(token.i, end, "Product", 45, evidence="name:shape")

    def _descriptions(self, doc: Doc) -> Iterable[Candidate]:
        for match_id, start, end in self.desc_matcher(doc):
            if start > 1 and doc[start - 1].pos_ == "ADJ" and doc[start - 2].lower_ in _DEFINITE:
                start -= 1  # "cette nouvelle technologie"
            if start == 0 or doc[start - 1].lower_ not in _DEFINITE:
                continue
            after = end
            while after < len(doc) and after - end < 2 and doc[after].pos_ == "ADJ" and doc[after].text.islower():
                after += 1  # "la start-up parisienne Mistral AI"
            if after < len(doc) and doc[after].text[:1].isupper() \
                    or doc[end - 1].text[:1].isupper() and not doc[end - 1].text.isupper() and not doc[start].is_sent_start:
                continue  # "la société Ubisoft", "La Banque Postale": names, not descriptions ("l'ONG" is one)
            phrase = self.vocab.strings[match_id]
            kind = lexicon.descriptions()[phrase]
            if after + 1 < len(doc) and doc[after].lower_ in _NAME_LINKS and _is_name_start(doc[after + 1]) \
                    and (self.families.get(kind) == "Place" or not places.is_place(doc[after + 1:_name_run(doc, after + 1)].text)):
                continue  # "la ville de Rome", "la ville natale de Paul Roux", "la société de Paul Roux": said by the name
                # after it, not of one before ("l'éditeur de Vélizy" still is: the one named before, and where it is)
            following = [t for t in doc[end:end + 3] if not t.is_space]
            if following and (is_quote(following[0].text) or following[0].lower_ in _NAME_LINKS and len(following) > 1 and is_quote(following[1].text)):
                continue  # "l'association « X »", "l'association des « X »": the noun names, it does not refer back
            yield Candidate(start - 1, end, "DESC", 50, evidence=f"desc:{kind}")

    def _ner(self, doc: Doc, kb: list[Candidate], roles: list[Candidate]) -> Iterable[Candidate]:
        """The model's names, filtered; a name that contains a known one is settled here (see
        `_around_known`); a name that begins inside a title is the rest after its "de" ("le procureur de la
        République de Lille": the model's "République de Lille" is Lille)."""
        spans = []
        for ent in doc.ents:
            ent = _after_title(ent, roles)
            span, cue = self._trim_cue(ent) if ent is not None else (None, None)
            span = self._past_opening_word(span) if span is not None else None
            if span is not None and ent.label_ == "PER":
                span = _with_hyphened_syllable(span)
            if span is not None and not self._is_junk(span, ent.label_):
                if spans and ent.label_ == spans[-1][1] == "PER" and spans[-1][0].end == span.start and span[0].lower_ in _PARTICLES:
                    span = doc[spans.pop()[0].start:span.end]  # "d'Aulde Da Silba", which the model cuts before the particle
                spans.append((span, ent.label_, cue))
        for own, ner_label, cue in spans:
            span = _with_ordinal(self._extend_kind_name(self._with_kind_before(_with_elided_n(own), ner_label)))
            place = _known_place_after_a(span)
            if place is not None:  # "le Comité des Ministres à Strasbourg": the committee, in Strasbourg
                yield Candidate(place.start, place.end, "Place", 40, evidence="name:gazetteer")
                span = span.doc[span.start:place.start - 1]
            label = cue or self._class_of_name(span, NER_CLASSES.get(ner_label, "MISC"))
            inside = sorted((c for c in kb if c.start >= span.start and c.end <= span.end and (c.start, c.end) != (span.start, span.end)), key=lambda c: c.start)
            if inside:
                names = {t.text for other, other_label, _ in spans if other is not own and other_label != "LOC" for t in other if t.text[:1].isupper()}
                yield from self._around_known(span, ner_label, inside, names)
            else:  # a name started at the noun of its kind outranks that noun read as a description
                yield Candidate(span.start, span.end, label, 55 if span.start < own.start else 40, evidence=f"ner:{ner_label}")

    def _headed_names(self, doc: Doc, texts: list[str]) -> Iterable[Candidate]:
        """Names of a kind the model missed: a capitalised head word and the name after it ("la Banque
        XXR", "le Collectif des Marcheurs"); below the model's names, so they only fill its gaps.
        `texts`: the doc's token texts."""
        for i, text in enumerate(texts):
            head = self.heads.get(strip_accents(text)) if text[:1].isupper() else None
            if head is None:
                continue
            token = doc[i]
            span = self._extend_kind_name(doc[token.i:_name_run(doc, token.i)])
            if (len(span) > 1 or head[1]) and not self._is_junk(span):  # "un coup d'État"
                yield Candidate(span.start, span.end, head[0], 39, evidence=f"head:{token.text}")

    def _with_kind_before(self, span: Span, ner_label: str) -> Span:
        """An organisation's name that the model starts after the lower-case noun of its kind ("le ministère
        de l'Intérieur": "Intérieur"; ontology/lexicon/lower_heads.txt) starts at that noun."""
        doc, start = span.doc, span.start
        if ner_label not in {"ORG", "MISC"} or places.is_place(span.text) or start < 2:
            return span  # not a person's ("la société de Paul Roux") nor a place's ("l'université de Lyon")
        of = start - 2 if doc[start - 1].lower_ in {"l'", "la"} and doc[start - 2].lower_ == "de" else start - 1
        if of >= 1 and doc[of].lower_ in _NAME_LINKS and doc[of - 1].text in lexicon.lower_heads():
            return doc[of - 1:span.end]
        return span

    def _head(self, word: str) -> tuple[str, bool] | None:
        """The kind of organisation a name's first word names, written with a capital or not."""
        return self.heads.get(strip_accents(word[:1].upper() + word[1:]))

    def _extend_kind_name(self, span: Span) -> Span:
        """A name of a kind ("Ministère de la Défense", "Association des Tailleurs") the model cut short
        goes on over linking words and capitalised words: "Ministère de la Défense et de la Sécurité
        Marine", "Association des Tailleurs de Pierre de Berne", and over the mission a body is charged
        with, after its nationality: "Agence Nationale australienne chargée de la Protection Sociale"."""
        if strip_accents(span[0].text) not in self.heads or len(span) < 2:
            return span
        doc, end = span.doc, span.end
        while end - span.start > 1 and doc[end - 1].lower_ in _NAME_GLUE:
            end -= 1  # "Association des Chimistes de" + a known place the model left out: go on from "Chimistes"
        sentence_end = span[0].sent.end
        while end < sentence_end:
            glue = end + (strip_accents(doc[end].lower_) in self.nationalities and end + 1 < sentence_end
                          and doc[end + 1].lower_ in _CHARGED)
            glue += glue < sentence_end and doc[glue].lower_ in _CHARGED
            i = glue
            while i < sentence_end and i - glue < 3 and doc[i].lower_ in _NAME_GLUE:
                i += 1
            if i == glue or doc[i - 1].lower_ == "et" or i >= sentence_end or not doc[i].text[:1].isupper() or doc[i].is_punct:
                break  # "et" must be followed by a linking word: "et de la Sécurité", not "et Paris"
            if doc[i].ent_iob_ == "B" and doc[end].lower_ in {"à", "au", "aux"}:
                break  # "a opposé le Front patriotique rwandais aux Forces armées": two names the model told apart
            end = _name_run(doc, i)
        return doc[span.start:end]

    def _trim_cue(self, ent: Span) -> tuple[Span | None, str | None]:
        """A model name without what is not part of it, and the class its cut words tell: an honorific
        ("Mme Ana Ruiz" → Ana Ruiz, a person), a naming noun in lower case ("ville de Rome" → Rome, a
        city; "association des Pêcheurs" → an NGO) or in capitals ("ONG Eau pour Tous")."""
        span = _trim(ent, self.stop)
        if span is None:
            return None, None
        doc = span.doc
        start, cue = span.start, None
        while start < span.end - 1 and doc[start].text in self.honorifics:
            start, cue = start + 1, "Person"
        if start < span.end - 1 and doc[start].lower_ in _ARTICLES and strip_accents(doc[start + 1].text) in self.heads:
            start += 1  # "Le Ministère de la Santé": the article is not part of the name ("Le Monde" is)
        trigger = self.triggers.get(strip_accents(doc[start].lower_)) if doc[start].text.isupper() else None
        if cue is None and trigger is not None and trigger[0] and start < span.end - 1 and doc[start + 1].text[:1].isupper():
            start, cue = start + 1, trigger[0]  # "ONG Eau" → Eau, an NGO, and the rest of its name ("pour Tous")
            return doc[start:max(span.end, _linked_name_run(doc, start))], cue
        if cue is None and not doc[start].text[:1].isupper():
            first_name = next((t.i for t in doc[start:span.end] if t.text[:1].isupper()), None)
            if first_name is None:
                return span, None  # all lower case: junk, as `_is_junk` says
            noun = next((self.triggers[key] for t in doc[start:first_name] if (key := strip_accents(t.lower_)) in self.triggers), None)
            start, cue = first_name, noun[0] if noun else None  # "transition écologique François de Rugy": the name only
        return doc[start:span.end], cue

    def _class_of_name(self, span: Span, label: str) -> str:
        """The class a name's own words tell: a first word naming a kind of organisation ("Ministère de
        la Santé", "Université de Lisbonne"), a body known by one word ("État"), a place the gazetteer
        knows (a name the model calls MISC, or a country or continent it calls an organisation)."""
        words = span.text.split()  # by spaces: the tokenizer splits "Croix-Rouge" at its hyphen
        if len(words) > 1 and words[0].lower() in _ARTICLES:
            words = words[1:]  # "La Croix-Rouge", the model's span
        head = self._head(words[0])
        if head is not None and (len(words) > 1 or head[1]):
            return head[0]
        if label in {"MISC", "Organization", "Person"} and places.is_place(span.text):
            found = places.lookup(span.text)
            if label == "MISC" or found is not None and found.kind in {"country", "continent"}:
                return "Place"
        if label == "Place" and _ACRONYM.fullmatch(span[0].text) and not places.is_place(span[0].text) \
                and (len(span) == 1 or places.is_place(span[1:].text)):
            return "Organization"  # "le RN", "l'ARS Occitanie": a body's initials (places' are in the gazetteer: "la RDC")
        return label

    def _around_known(self, span: Span, ner_label: str, inside: list[Candidate], names: set[str]) -> Iterable[Candidate]:
        """A model name around a known one: "Spotify Ek" splits (Ek is named elsewhere),
        "Renault Group" is Renault, "Spotify Japan" or "Airbus Defence and Space" is a subsidiary, and
        "Galaxy AI" is a name of its own."""
        head = inside[0]
        label = NER_CLASSES.get(ner_label, "MISC")
        evidence = f"ner:{ner_label}"
        rest = [t for t in span if not any(c.start <= t.i < c.end for c in inside)]
        while rest and rest[-1].lower_ in _TRAILING_GLUE:
            rest.pop()  # "Jeux Olympiques de Paris", Jeux named elsewhere: "Jeux Olympiques", not "… de"
        rest_text = " ".join(t.text for t in rest)
        only_places = all(strip_accents(t.lower_) in self.places for t in rest) and all(c.label == "Place" for c in inside[1:])
        if rest and any(t.text in names for t in rest if t.text[:1].isupper()) and not only_places:
            yield Candidate(rest[0].i, rest[-1].i + 1, label, 40, evidence=evidence)
        elif head.kb_id and rest and head.start == span.start and rest_text in lexicon.org_suffixes():
            yield Candidate(span.start, span.end, head.label, 82, kb_id=head.kb_id, evidence="kb")
        elif head.label == "Organization" and head.start == span.start and only_places and rest:
            yield Candidate(span.start, span.end, "Organization", 82, evidence=f"subsidiary:{head.kb_id or head.evidence.split(':')[-1]}")
        elif head.label == "Organization" and head.start == span.start and len(rest) >= 2 and rest[0].lower_ in {"de", "d'"} \
                and places.is_place(" ".join(t.text for t in rest[1:])):  # "l'usine Stellantis de Poissy": the company, in Poissy
            yield Candidate(rest[1].i, rest[-1].i + 1, "Place", 40, evidence="name:gazetteer")
        else:
            yield Candidate(span.start, span.end, label, 82, evidence=evidence)

    def _past_opening_word(self, span: Span) -> Span:
        """A name the model began with the sentence's first word, a common word, and "de" before a place the
        gazetteer knows is that place: "Native de Dakar" (not a name of a kind: "Banque de France")."""
        first = span[0]
        if len(span) < 3 or not first.is_sent_start or span[1].lower_ not in {"de", "d'"} or strip_accents(first.text) in self.heads \
                or not places.is_place(span[2:].text) or places.is_place(span.text):  # "Pays de la Loire" is one
            return span
        rank = self.ranks.get(first.lower_)
        return span[2:] if rank is not None and rank < self.ranks.get(first.text, 10**9) else span

    def _is_junk(self, span: Span, label: str = "") -> bool:
        """Clauses, lowercase words, discourse words and sentence-initial common words are not names."""
        text = strip_accents(span.text.lower())
        first = span[0]
        if text in self.stop or not first.text[:1].isupper() and not first.is_digit:
            return True
        if text in self.nationalities and not places.is_place(span.text) or first.text in self.honorifics and len(span) == 1:
            return True  # "Français", "Belge": nationalities ("la Suisse", "les Philippines" are places); "Monsieur" alone
        if len(span) == 1 and label in {"LOC", "MISC"} and text.endswith(_DEMONYM_ENDINGS) and not places.is_place(span.text):
            return True  # "Parisienne", "Lyonnaises": people of a place, not the place
        if len(span) == 1 and label in {"LOC", "MISC"} and text.endswith(_MASCULINE_DEMONYM_ENDINGS) and first.i > 0 \
                and first.nbor(-1).lower_ in _COUNTING and not places.is_place(span.text):
            return True  # "un Lyonnais de 28 ans", "deux Marseillais": counted people ("Calais" is a place)
        if any(t.pos_ in {"VERB", "AUX"} and t.text[:1].islower() for t in span):
            return True
        if len(span) == 1 and _ROMAN_ORDINAL.fullmatch(first.text):
            return True  # "au XVIIIe siècle": an ordinal, not a name
        if first.i >= 2 and first.nbor(-1).lower_ in {"d'", "d’"} and first.nbor(-2).text.isalpha() and first.nbor(-2).text.islower() \
                and (head := self.heads.get(strip_accents(first.text))) is not None and head[1]:
            return True  # "un coup d'État", "les chefs d'État africains", "le secrétaire d'État": a compound noun, not the state
        if len(span) > 6 and (len(span) > 12 or strip_accents(first.text) not in self.heads):
            return True  # a clause, unless a long name of a kind ("Parti pour la Liberté et les Valeurs")
        if len(span) == 1 and (first.is_sent_start or first.i == 0 or doc_prev_is_opening(first)):
            lower = first.lower_
            lower_rank = self.ranks.get(lower)
            return lower_rank is not None and COMMON_WORD_RATIO * lower_rank < self.ranks.get(first.text, 10**9)
        return False

    # -- settle overlaps

    @staticmethod
    def _settle(doc: Doc, candidates: list[Candidate]) -> list[Span]:
        from spacy.tokens import Span

        taken = [False] * len(doc)
        spans: list[Span] = []
        for c in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
            if c.end <= c.start or any(taken[c.start:c.end]):
                continue
            for i in range(c.start, c.end):
                taken[i] = True
            if c.label != NOT_AN_ENTITY:
                spans.append(Span(doc, c.start, c.end, label=c.label, kb_id=c.kb_id, span_id=c.evidence))
        return sorted(spans, key=lambda s: s.start)


def _kin_names(doc: Doc, texts: list[str]) -> Iterable[Candidate]:
    """"Sa femme Marine", "son épouse Claude", "leur fils Enzo": a name right after a possessive and a
    kinship noun is a person's, whatever else the name may be known as (a navy, a product; above the
    knowledge base's names, below an honorific's). `texts`: the doc's token texts."""
    kin = lexicon.kin_nouns()
    for i, text in enumerate(texts[1:-1], start=1):
        if text.lower() in kin and texts[i - 1].lower() in lexicon.POSSESSIVES and _is_name_start(doc[i + 1]):
            yield Candidate(i + 1, _name_run(doc, i + 1), "Person", 84, evidence=f"kin:{text.lower()}")


def _after_title(ent: Span, roles: list[Candidate]) -> Span | None:
    """A model name that begins inside a title: the name after the title's end, or its "de" ("République
    de Lille" after "procureur de la République": Lille, a place when the gazetteer knows it; "syndical
    Force ouvrière" after "délégué syndical"), or None (nothing of it is a name of its own)."""
    doc = ent.doc
    end = max((r.end for r in roles if r.start <= ent.start < r.end), default=None)
    if end is None:
        return ent
    start = end + 1 if end < ent.end and doc[end].lower_ in _NAME_LINKS else end
    if start < ent.end and doc[start].text[:1].isupper():
        from spacy.tokens import Span

        rest = doc[start:ent.end]  # the model typed the whole; the gazetteer tells a place ("Lille")
        return Span(doc, rest.start, rest.end, label="LOC" if places.is_place(rest.text) else ent.label_)
    return None


NOT_AN_ENTITY = "O"
"""Label of a candidate that only blocks others (a nationality adjective in front of a title)."""
_VALUE_KIND = {"money": "MONEY", "percent": "PERCENT", "quantity": "QUANTITY", "date": "DATE"}


_ORDINAL = re.compile(r"[0-9]+(?:e|ème|eme|er|re)")


def _with_ordinal(span: Span) -> Span:
    """A name with the ordinal the model left before it: "la 88e Avenue", "la 5e Compagnie"."""
    if span.start > 0 and _ORDINAL.fullmatch(span.doc[span.start - 1].lower_):
        return span.doc[span.start - 1:span.end]
    return span


def _family(doc: Doc, noun: Token) -> Iterable[Candidate]:
    """"la famille Clavier": a description of the article's people of that name (coreference finds them),
    not a person of its own nor one of them; "le père de famille Jean Dupont" is a person."""
    i = noun.i + 1
    if noun.i > 0 and doc[noun.i - 1].lower_ in {"de", "d'"} or i >= len(doc) or not _is_name_start(doc[i]):
        return
    yield Candidate(noun.i, _name_run(doc, i), "DESC", 70, evidence=f"desc:{FAMILY}")


FAMILY = "Family"
"""What a description of a family refers to (`span.id_` "desc:Family"): the people who bear its name."""


def _plural(phrase: str) -> str:
    """The phrase with its head noun in the plural ("entreprise" → "entreprises")."""
    head, _, rest = phrase.partition(" ")
    plural = head if head.endswith(("s", "x")) else head + ("x" if head.endswith("eau") else "s")
    return f"{plural} {rest}".strip()


def doc_prev_is_opening(token) -> bool:
    """Whether the token follows an opening quote, dash or bullet (so it is capitalised by position)."""
    return token.i > 0 and doc_prev(token).text in {'"', "'", "-", "–", "—", "(", ":", "«"}


def doc_prev(token):
    return token.doc[token.i - 1]


def quoted_spans(text: str, *, spaced: bool = False, limit: int = 200) -> Iterable[tuple[int, int]]:
    """(open, close) character positions of quoted passages with ' or " (after typography folding).

    An opening quote follows a space, a line start or a bracket; a closing quote is followed by a
    space or punctuation. An apostrophe followed by a space and a capitalised word that itself closes
    the quote is a possessive inside an English title ('Travelers' Bay'). With `spaced`, double
    quotes may have a space inside them, as French guillemets do (« ... »).
    """
    i = 0
    n = len(text)
    while (found := _QUOTE_CHARACTER.search(text, i)) is not None:  # only a quote character can open
        i = found.start()
        ch = text[i]
        pad = 2 if spaced and ch == '"' else 1
        opens = ch in _QUOTES and (i == 0 or text[i - 1] in " \n\t([" or text[i - 1] in _QUOTES)
        if opens and any(i + k < n and text[i + k].isalnum() for k in range(1, pad + 1)) and (pad == 2 or text[i + 1:i + 2].isalnum()):
            close = _closing_quote(text, i, ch, limit, pad == 2)
            if close is not None:
                yield i, close
                i = close + 1
                continue
        i += 1


def _closing_quote(text: str, i: int, ch: str, limit: int, spaced: bool) -> int | None:
    n = len(text)
    j = i + 1
    while (found := _QUOTE_OR_LINE.search(text, j, min(n, i + limit))) is not None and found.group() != "\n":
        j = found.start()  # the next quote character before the line ends and within `limit`
        if ch == '"' and text[j:j + 2] == "''" and text[j - 1] != " " and (j + 2 == n or not text[j + 2].isalnum()):
            return j  # "“Stop aux violences’’": a double quote closed by two single ones
        if text[j] == ch and (text[j - 1] != " " or spaced) and (j + 1 == n or not text[j + 1].isalnum()):
            if _POSSESSIVE_IN_TITLE[ch].match(text, j + 1) is None:
                return j
        j += 1
    return None


_QUOTE_CHARACTER = re.compile("[" + re.escape(_QUOTES) + "]")
_QUOTE_OR_LINE = re.compile("[" + re.escape(_QUOTES) + "\n]")
_POSSESSIVE_IN_TITLE = {ch: re.compile(r" [A-Z][\w-]*" + re.escape(ch) + r"(?!\w)") for ch in _QUOTES}
"""An apostrophe, a space and a capitalised word that closes the quote: "'Travelers' Bay'"."""


def _is_title_case(words: list[str]) -> bool:
    """Every word capitalised (or a number, or a short function word): "Night Radio 2"."""
    content = [w for w in words if w.lower().strip(",.") not in _TITLE_FUNCTION_WORDS]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _title_run(doc: Doc, start: int, limit: int) -> int:
    """End of a run of capitalised words, numbers and title glue (":", "&", "of") from `start`."""
    end = start
    i = start
    while i < limit:
        token = doc[i]
        if token.text[:1].isupper() or token.like_num:
            i += 1
            end = i
        elif token.lower_ in _TITLE_FUNCTION_WORDS and i + 1 < limit and (doc[i + 1].text[:1].isupper() or doc[i + 1].like_num):
            i += 1
        else:
            break
    return end


_ROLE_LINKS = frozenset({"de", "des", "du", "d'"})
_PARTICLES = frozenset({"de", "du", "des", "da", "das", "do", "dos", "di", "del", "della", "van", "von", "ben", "bin", "el"})
"""Particles inside a person's surname after an honorific ("Mme Marie de Medeiros", "M. Paulo da Silva")."""
_PORTFOLIO_TITLES = frozenset({"ministre", "ministres", "ministère"})
"""Titles whose capitalised "de" complement is a portfolio, part of the title ("ministre de la Santé")."""
_ROLE_NOT_COMPLEMENT = frozenset({"général", "générale", "adjoint", "adjointe"})


@cache
def _organisation_descriptions() -> frozenset[str]:
    """The one-word descriptions of organisations ("laboratoire", "groupe", "parti"; descriptions.tsv)."""
    families = lexicon.class_families()
    return frozenset(p for p, c in lexicon.descriptions().items() if " " not in p and families.get(c, c) == "Organization")


def _names_organisation(noun: str) -> bool:
    """Whether a noun types the name after it as an organisation ("le club Azur"; org_triggers.tsv)."""
    trigger = lexicon.name_triggers().get(noun)
    return trigger is not None and lexicon.class_families().get(trigger[0] or "", trigger[0]) == "Organization"


def _role_end(doc: Doc, end: int, nationalities: set[str] | frozenset[str] = frozenset()) -> int:
    """Extend a role over its lowercase complement: "directrice des opérations", "directrice marketing",
    "directeur des systèmes d'information" — not over a name ("directeur de Dassault") nor a
    nationality ("le comédien français")."""
    i = end
    if doc[end - 1].lower_ in _PORTFOLIO_TITLES and i + 1 < len(doc) and doc[i].lower_ in _ROLE_LINKS:
        j = i + 1
        while j < len(doc) and doc[j].lower_ in {"la", "l'", "le", "les"}:
            j += 1
        place = places.lookup(doc[j:_name_run(doc, j)].text) if j < len(doc) else None
        if j < len(doc) and doc[j].text[:1].isupper() and (place is None or place.kind == "city" and j > i + 1):  # a town takes no article
            run = _name_run(doc, j)  # up to a person's name the model found after it ("ministre de l'Intérieur Bruno X")
            run = next((k for k in range(j + 1, run) if doc[k].ent_iob_ == "B" and doc[k].ent_type_ == "PER"), run)
            return _past_adjectives(doc, run, nationalities)  # "ministre de la Santé", "ministre des Affaires étrangères"
    if i < len(doc) and doc[i].pos_ in {"NOUN", "ADJ", "X"} and doc[i].text.isalpha() and doc[i].text.islower() \
            and doc[i].lower_ not in _ROLE_NOT_COMPLEMENT and strip_accents(doc[i].lower_) not in nationalities:
        return i + 1
    if i + 1 < len(doc) and doc[i].lower_ in _ROLE_LINKS and doc[i + 1].text.islower():
        j = i + 1
        if doc[i].lower_ == "du" and (doc[j].lower_ in _organisation_descriptions()
                                      or j + 1 < len(doc) and doc[j + 1].text[:1].isupper() and _names_organisation(doc[j].lower_)):
            return end  # "chercheur du laboratoire" (the one named before), "présidente du club Azur": the complement's
            # noun, not the title's ("technicien de laboratoire" is a title)
        if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].text.islower():
            j += 1
            if doc[i].lower_ in {"des", "du"}:  # a department: "directeur des relations publiques"; not "chef de projet
                j = _past_adjectives(doc, j, nationalities)  # cloud", where the word after may be an entity of its own
            while j + 1 < len(doc) and doc[j].lower_ in {"d'", "de"} and doc[j + 1].pos_ == "NOUN" and doc[j + 1].text.islower():
                j += 2
            return j
    return end


def _listed(doc: Doc, i: int) -> bool:
    """Whether the names from token i on end a list with "et" or "ou" ("l'association X, Y et Z"): after
    a comma alone, a name is an apposition ("la présidente de l'association X, Marie Roux, a parlé")."""
    while i < len(doc) and _is_name_start(doc[i]):
        end = _name_run(doc, i)
        if end + 1 < len(doc) and doc[end].lower_ in {"et", "ou"} and _is_name_start(doc[end + 1]):
            return True
        if not (end + 1 < len(doc) and doc[end].text == ","):
            return False
        i = end + 1
    return False


def _with_hyphened_syllable(span: Span) -> Span:
    """A person's name with the lower-case syllable the model left after a hyphen: "Kim Jong-un"."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha and doc[end + 1].text.islower() and len(doc[end + 1]) <= 3:
        return doc[span.start:end + 2]
    return span


def _past_adjectives(doc: Doc, i: int, nationalities: set[str] | frozenset[str]) -> int:
    """Past the lowercase adjectives at token i that are no nationality: they are the title's ("des
    relations publiques"); a nationality is the holder's ("ministre de l'Intérieur français")."""
    while i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].text.islower() and strip_accents(doc[i].lower_) not in nationalities:
        i += 1
    return i


def is_quote(text: str) -> bool:
    """Whether a token is quotation marks only: '"', "'", or the "''" of doubled apostrophes (‘’X’’); the
    reading turns every quotation mark into one of the first two."""
    return bool(text) and not text.strip(_QUOTES)


def _with_elided_n(span: Span) -> Span:
    """A name the tokenizer split after a capital "N'" ("N'Djaména", "N'Golo"), whole again."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text in {"N'", "N’"} and not doc[span.start - 1].whitespace_:
        return doc[span.start - 1:span.end]
    return span


def _known_place_after_a(span: Span) -> Span | None:
    """The place a model name runs on to after "à", when the gazetteer knows it: "le Comité des Ministres à
    Strasbourg" names the committee, then where it met ("Ministère délégué à la Santé" is one name)."""
    for token in span[1:-1]:
        if token.lower_ == "à" and places.lookup(span.doc[token.i + 1:span.end].text) is not None:
            return span.doc[token.i + 1:span.end]
    return None


def _is_version(token) -> bool:
    """A version number after a product's name: "Claude 4", "iPhone 15", "Galaxy S24" (not "une")."""
    return bool(re.fullmatch(r"[A-Z]?\d+(?:[.,]\d+)?[a-z]?", token.text))


def _is_name_start(token, *, sentence_start: bool = False) -> bool:
    """Whether a name may start at the token: capitalised, not punctuation, and (unless told otherwise)
    not capitalised only because it starts a sentence."""
    return token.text[:1].isupper() and not token.is_punct and (sentence_start or not token.is_sent_start)


def _name_run(doc: Doc, start: int) -> int:
    """End of a proper name: capitalised tokens, hyphen-joined parts, trailing numbers and an English
    possessive the tokenizer splits ("Beauty's" is "Beauty'" and "s")."""
    end = start + 1
    while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].like_num and not doc[end].is_alpha and len(doc[end]) <= 2
                              or doc[end].text in {"-", "&"}):  # "Renault 5", not "SMT un"
        if doc[end].text in {"-", "&"} and not (end + 1 < len(doc) and doc[end + 1].text[:1].isupper()):
            break
        end += 1
    if end < len(doc) and doc[end].text == "s" and doc[end - 1].text[-1:] in {"'", "’"} and not doc[end - 1].whitespace_:
        end += 1
    return end


def _linked_name_run(doc: Doc, start: int) -> int:
    """End of an organisation's name after the noun of its kind, over linking words before a capitalised word
    ("l'association Les Restos du Cœur", "l'ONG Eau pour Tous"); not over "de" and a place the gazetteer
    knows ("la société Batimex du Mans": the company, in Le Mans)."""
    end = _name_run(doc, start)
    for _ in range(2):
        link = end + (end + 1 < len(doc) and doc[end].lower_ == "de" and doc[end + 1].lower_ in {"la", "l'"})
        if link + 1 >= len(doc) or doc[end].lower_ not in _ORG_LINKS or not doc[link + 1].text[:1].isupper() or is_quote(doc[link + 1].text):
            break
        after = _name_run(doc, link + 1)
        if doc[end].lower_ not in _NAME_PREPOSITIONS and places.is_place(doc[link + 1:after].text):
            break
        end = after
    return end


_NAME_PREPOSITIONS = frozenset({"pour", "contre", "sans", "sur"})
_ORG_LINKS = _NAME_LINKS | _NAME_PREPOSITIONS
"""Words that link the parts of an organisation's name ("Médecins sans Frontières", "Eau pour Tous")."""


def _trim(span: Span, stop: set[str]) -> Span | None:
    """The span without surrounding punctuation, quotes, elided articles ("l'", "d'") and leading
    discourse words ("Source : X"), and cut before a day the model ran on into ("le Stade rennais
    samedi soir")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or _ELIDED.match(doc[start].text) and len(doc[start]) <= 3
                           or strip_accents(doc[start].lower_) in stop):
        start += 1
    end = next((t.i for t in doc[start + 1:end] if t.text.islower() and strip_accents(t.text) in day_words()
                and doc[t.i - 1].lower_ not in _NAME_GLUE), end)  # not "le Journal du dimanche"
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in _TRAILING_GLUE):
        end -= 1  # "Jeux Olympiques de", "SMT un": the model ran on into the next words
    if end > start and end < len(doc) and doc[end - 1].text.endswith("'") and len(doc[end - 1]) > 1 \
            and doc[end].lower_ == "s" and not doc[end - 1].whitespace_:
        end += 1  # "Beauty's", which the tokenizer splits as "Beauty'" + "s"
    return doc[start:end] if end > start else None


COMMON_WORD_RATIO = 4
"""A capitalised first word is a common word, not a name, when its lower-case form ranks this many times
higher in the model's vocabulary ("Ensuite", "Police"; not "Carrefour", a name nearly as often)."""
_DEMONYM_ENDINGS = ("ien", "iens", "ienne", "iennes", "aise", "aises", "oise", "oises", "een", "eens", "eenne", "eennes", "aines")
"""Endings of demonyms, without accents ("Parisienne", "Lyonnaises", "le Bélizien", "un Vendéen"), a place's
people, not a place (places the gazetteer knows, "Amiens", stay places)."""
_MASCULINE_DEMONYM_ENDINGS = ("ais", "ois", "ain", "ains")
"""Endings of masculine demonyms, which end place names too ("Calais", "Blois"): a demonym only after a word
that counts people."""
_COUNTING = frozenset("un deux trois quatre cinq six sept huit neuf dix plusieurs quelques".split())
_TRAILING_GLUE = frozenset("de d' du des la le l' les et un une à au aux en".split())
