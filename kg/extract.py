"""Extraction: one article → its mentions and facts, read from the dependency parse.

`extract_article(article, doc, version)` is a pure function of the article and the pipeline version, and its
result is plain data (JSON-ready), so extraction can run on many processes, be cached by content hash,
or run on a cluster; resolution across articles (kg.resolve) is a separate step.

References inside the article are settled here, because they need the article's order of mention: a
description ("la société", "cette technologie") points to the last compatible name before it, "ces
entreprises" to the organisations of the sentence before, "il" in "a-t-il déclaré" to the last person.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kg import lexicon
from kg.accents import strip_accents
from kg.articles import Article
from kg.nlp import VALUE_LABELS, prepared_text, quoted_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

AGENT_CLASSES = frozenset({"Organization", "Union", "Person"})
WORK_CLASSES = frozenset({"CreativeWork", "Movie", "TVSeries", "VideoGame", "Video"})
NAMED_EVIDENCE = ("kb", "ner", "title", "trigger", "version", "subsidiary")


@dataclass
class Mention:
    """A stretch of the article that names or describes something (an entity, a value, a quotation)."""

    id: int
    start: int
    end: int
    text: str
    label: str
    evidence: str
    sentence: int
    kb_id: str | None = None
    refs: list[int] = field(default_factory=list)
    value: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_named(self) -> bool:
        return self.evidence.startswith(NAMED_EVIDENCE)


@dataclass
class Fact:
    """One asserted triple (subject and object are mention ids) and the n-ary event it belongs to."""

    predicate: str
    subject: int
    object: int
    sentence: int
    rule: str
    confidence: float
    event: str | None = None
    roles: dict[str, int | str] = field(default_factory=dict)


@dataclass
class Extraction:
    """Everything read from one article: its metadata, sentences, mentions and facts."""

    article: dict[str, Any]
    version: str
    sentences: list[tuple[int, int, str]]
    mentions: list[Mention]
    facts: list[Fact]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            article=data["article"],
            version=data["version"],
            sentences=[tuple(s) for s in data["sentences"]],
            mentions=[Mention(**m) for m in data["mentions"]],
            facts=[Fact(**f) for f in data["facts"]],
        )


def article_metadata(article: Article) -> dict[str, Any]:
    """The JSON-ready description of an article that the graph needs."""
    return {
        "id": article.id, "name": article.name, "source": article.source, "title": article.title,
        "url": article.url, "date": article.date.isoformat() if article.date else None,
        "sha256": article.sha256, "length": len(article.text),
    }


def extract_article(article: Article, doc: Doc, version: str) -> Extraction:
    """Mentions and facts of one parsed article (`doc` is the pipeline's output on its prepared text)."""
    reader = _Reader(article, doc)
    reader.read()
    return Extraction(article_metadata(article), version, reader.sentence_bounds, reader.mentions, reader.facts)


# ---------------------------------------------------------------- the reader

_NEGATIONS = frozenset({"pas", "jamais", "aucun", "aucune", "guère", "nullement"})
_SPECULATIVE_HEADS = frozenset({"imaginer", "envisager", "supposer", "pouvoir", "devoir", "falloir", "espérer", "craindre",
                                "sembler", "paraître", "compter", "prévoir", "vouloir"})
_REPORTING = frozenset(
    "déclarer affirmer indiquer souligner expliquer ajouter préciser assurer estimer annoncer confier "
    "dire répondre rappeler insister twitter tweeter écrire montrer avancer".split()
)
_APPOINTING = frozenset({"nommer", "désigner", "promouvoir", "choisir", "élire", "recruter", "devenir"})
_REPORTING_PLAIN = frozenset(strip_accents(w) for w in _REPORTING)
_HIRING = frozenset({"embaucher", "recruter", "rechercher", "chercher", "publier", "proposer", "offrir"})
_JOB_CUES = tuple(strip_accents(c) for c in ("offre d'emploi", "offres d'emploi", "poste", "recrut", "embauch"))
"""Looked for in the sentence's text without accents."""
_SALARY_CUES = ("salaire", "rémunér", "payé", "paye", "rapporter", "poste", "par an", "par mois")
_INCREASE = ("augmentation", "hausse", "progression", "croissance", "bond", "progresse", "augmente")
_DECREASE = ("baisse", "recul", "diminution", "repli", "chute", "recule", "baisse")
_REPORT_NOUNS = frozenset({"rapport", "bilan", "communiqué", "étude"})
_PERIOD_WORDS = {"trimestriel": "quarter", "trimestre": "quarter", "annuel": "year", "annuelle": "year",
                 "semestriel": "half-year", "semestre": "half-year", "mensuel": "month"}
_METRICS = {"chiffre d'affaires": "revenue", "ventes": "revenue", "revenus": "revenue", "recettes": "revenue",
            "bénéfice net": "net income", "résultat net": "net income", "bénéfice": "net income",
            "résultat opérationnel": "operating income", "perte nette": "net loss"}
_STRIKE_WORDS = ("grève", "débrayage")
_MAX_QUOTE_WORDS_AS_TITLE = 10


class _Reader:
    """Walks one parsed article and collects mentions and facts."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.text = article.text
        self.prepared = prepared_text(doc)
        """The parsed text (typography folded, accents restored; offsets as in `text`)."""
        self.tokens = list(doc)
        """Every token, made once: indexing or iterating a Doc or Span makes new Token objects."""
        self.sents = [s for s in doc.sents if self.prepared[s.start_char:s.end_char].strip()]
        self.sentence_bounds = [_stripped(self.text, s.start_char, s.end_char) for s in self.sents]
        self.sentence_of_token: dict[int, int] = {i: n for n, s in enumerate(self.sents) for i in range(s.start, s.end)}
        self.lower_texts = [self.prepared[s.start_char:s.end_char].lower() for s in self.sents]
        """Each sentence's text in lower case, and the same without accents: the cue-word rules read them."""
        self.plain_texts = [strip_accents(low) for low in self.lower_texts]
        self.mentions: list[Mention] = []
        self.facts: list[Fact] = []
        self.by_token: dict[int, Mention] = {}
        self.by_sentence: dict[int, list[Mention]] = {}
        self.last_use_agent: tuple[int, int] | None = None  # (mention id, sentence)
        self.described: dict[int, set[str]] = {}

    # -- mentions

    def read(self) -> None:
        from kg.values import find_values

        article_date = self.article.date
        values = {(v.start, v.end): v for v in find_values(self.prepared, article_date=article_date)}
        for ent in self.doc.ents:
            sentence = self.sentence_of_token.get(ent.start)
            if sentence is None:
                continue
            mention = self._add(ent.start_char, ent.end_char, ent.label_, ent.id_, sentence, ent.kb_id_ or None)
            if ent.label_ in VALUE_LABELS:
                value = values.get((ent.start_char, ent.end_char)) or _nearest_value(values, ent)
                mention.value = _value_dict(value) if value else None
            for token in ent:
                self.by_token[token.i] = mention
        self._propagate_types()
        self._resolve_references()
        for n, sent in enumerate(self.sents):
            self._verbs(sent, n)
            self._nominalisations(sent, n)
            self._roles(sent, n)
            self._job_postings(sent, n)
            self._financial_results(sent, n)
            self._strikes(sent, n)
            self._reports(sent, n)
            self._locations(sent, n)
        self._subsidiaries()
        self._quotations()

    def _add(self, start: int, end: int, label: str, evidence: str, sentence: int, kb_id: str | None = None) -> Mention:
        mention = Mention(len(self.mentions), start, end, self.text[start:end], label, evidence, sentence, kb_id)
        self.mentions.append(mention)
        self.by_sentence.setdefault(sentence, []).append(mention)
        return mention

    def _propagate_types(self) -> None:
        """Within an article a name keeps one type: a surname alone ("Ek") is the person named in
        full elsewhere; a title written once in quotes is a work everywhere ("de Night Radio")."""
        self.described = self._descriptions_of_names()
        people = {m.text.split()[-1]: m for m in self.mentions if m.label == "Person" and " " in m.text}
        typed = {m.text: m.label for m in self.mentions if m.evidence.startswith(("title", "trigger", "version"))}
        for i, m in enumerate(self.mentions):
            if not m.evidence.startswith("ner:") or m.kb_id:
                continue
            if m.text in people:
                m.label = "Person"
            elif m.text in typed:
                m.label = typed[m.text]
            elif m.label in {"MISC", "Person", "Place"} and any(lexicon.descriptions().get(n) == "Organization" for n in self.described.get(m.id, ())):
                m.label = "Organization"  # "Kelvia, une start-up lyonnaise"
            elif m.label == "MISC":
                neighbours = [n for n in self.mentions[max(0, i - 1):i + 2] if n is not m and n.label == "Organization"]
                if any(self.text[min(n.end, m.end):max(n.start, m.start)].strip() in {",", "et", "ou"} for n in neighbours):
                    m.label = "Organization"  # "Spotify et Deezer"

    def _descriptions_of_names(self) -> dict[int, set[str]]:
        """Nouns the article uses to describe each name: "Kelvia, une start-up lyonnaise", "la start-up
        Kelvia" — so that "la start-up" later points to Kelvia, not to the last company named."""
        text = self.prepared.lower()
        described: dict[int, set[str]] = {}
        for m in self.mentions:
            if not m.is_named:
                continue
            after = re.match(r",\s+(?:un|une|le|la|l')\s*([\w-]+)(?:\s+([\w-]+))?", text[m.end:m.end + 50])
            before = re.search(r"\b(?:le|la|l'|les|un|une)\s*([\w-]+)\s+$", text[max(0, m.start - 30):m.start])
            nouns = {strip_accents(g) for x in (after, before) if x for g in x.groups() if g}
            described[m.id] = {n for n in nouns if n in _description_nouns()}
            for noun in list(described[m.id]):
                described[m.id] |= {p for p in lexicon.descriptions() if strip_accents(p) == noun}
        return described

    def _resolve_references(self) -> None:
        """Point descriptions and plural descriptions to the names they stand for."""
        for mention in self.mentions:
            if mention.label != "DESC":
                continue
            wanted = mention.evidence.split(":", 1)[1]
            classes = AGENT_CLASSES - {"Person"} if wanted in {"Organization", "Union"} else {wanted}
            if wanted == "Technology":
                classes = {"Technology"}
            plural = self.text[mention.start:mention.end].lower().startswith(("les ", "ces "))
            if plural:
                previous = [m.id for m in self._named_before(mention, classes) if m.sentence == mention.sentence - 1]
                mention.refs = sorted(set(previous), key=previous.index) if len(previous) >= 2 else []
                mention.refs = _unique_entities(self.mentions, mention.refs)
            else:
                before = self._named_before(mention, classes)
                noun = _description_noun(mention.text)
                described = [m for m in before if noun in self.described.get(m.id, ())]
                recent = [m for m in before if mention.sentence - m.sentence <= 3]
                pick = (described or recent or [self._salient(classes, mention)])[-1]
                mention.refs = [pick.id] if pick else []

    def _named_before(self, mention: Mention, classes: set[str] | frozenset[str]) -> list[Mention]:
        return [m for m in self.mentions if m.start < mention.start and m.label in classes and m.is_named]

    def _salient(self, classes: set[str] | frozenset[str], before: Mention | None = None) -> Mention | None:
        """The most mentioned name of these classes in the article (so far), ties to the earliest."""
        counts: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.label in classes and m.is_named and (before is None or m.start < before.start):
                counts.setdefault(_key(m), []).append(m)
        if not counts:
            return None
        best = max(counts.values(), key=lambda ms: (len(ms), -ms[0].start))
        return best[-1] if len(best) >= 2 else None

    def targets(self, mention: Mention | None) -> list[Mention]:
        """The named mentions a mention stands for: itself, or its references."""
        if mention is None:
            return []
        if mention.label == "DESC":
            return [self.mentions[r] for r in mention.refs]
        return [mention]

    def tokens_of(self, sent: Span) -> list[Token]:
        """The sentence's tokens."""
        return self.tokens[sent.start:sent.end]

    def mention_at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def find_in(self, tokens, classes: set[str] | frozenset[str]) -> Mention | None:
        """The first mention of these classes among the tokens, named mentions before descriptions."""
        found = [self.by_token[t.i] for t in tokens if t.i in self.by_token]
        named = [m for m in found if m.label in classes]
        if not named and "Organization" in classes:
            named = [m for m in found if m.label == "MISC"]
            for m in named[:1]:
                m.label = "Organization"  # the frame types it: "racheter X", "investir dans X"
        described = [m for m in found if m.label == "DESC" and any(t.label in classes for t in self.targets(m))]
        return (named or described or [None])[0]

    # -- facts

    def add_fact(self, predicate: str, subject: Mention, obj: Mention, sentence: int, rule: str,
                 confidence: float, event: str | None = None, roles: dict[str, int | str] | None = None) -> None:
        for s in self.targets(subject):
            for o in self.targets(obj):
                if s.id == o.id or _key(s) == _key(o):
                    continue
                self.facts.append(Fact(predicate, s.id, o.id, sentence, rule, confidence, event, dict(roles or {})))

    def _verbs(self, sent: Span, n: int) -> None:
        """Subject–verb–object facts from the verb lexicon (auxiliaries, passives, control verbs)."""
        verbs = lexicon.verbs()
        for token in self.tokens_of(sent):
            if token.pos_ not in {"VERB", "AUX"} and not (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
                continue
            candidates = next((verbs[k] for k in _lemma_candidates(token) if k in verbs), [])
            if token.lemma_ == "faire" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "appel":
                candidates = verbs.get("faire appel", [])
            if not candidates or _negated(token) or _speculative(token):
                continue
            for rule in candidates:
                obj = self._object(token, rule)
                if obj is None:
                    continue
                subject, confidence = self._subject(token)
                if subject is None:
                    continue
                for each in [obj, *self._coordinated(obj, rule.object_classes)]:
                    self._verb_fact(rule, token, subject, each, n, confidence)
                break

    def _verb_fact(self, rule: lexicon.VerbRule, verb: Token, subject: Mention, obj: Mention, n: int, confidence: float) -> None:
        sent = verb.sent
        roles: dict[str, int | str] = {}
        agents = [m for m in self.targets(subject)]
        if rule.event == "TechnologyUse" and agents and agents[0].label in WORK_CLASSES:
            roles["work"] = agents[0].id
            inherited = self._recent_agent(n)
            if inherited is None:
                return
            subject, confidence = inherited, confidence * 0.75
        elif not any(a.label in AGENT_CLASSES for a in agents):
            return
        if rule.event == "TechnologyUse":
            work = self._work_in(sent, exclude=subject)
            if work is not None and "work" not in roles:
                roles["work"] = work.id
            purpose = _purpose(verb, self.by_token)
            if purpose:
                roles["purpose"] = purpose
            self.last_use_agent = (self.targets(subject)[0].id if self.targets(subject) else subject.id, n)
        if rule.event:
            date = self._value_in(sent, "DATE")
            if date is not None:
                roles["date"] = date.id
            money = self._value_in(sent, "MONEY")
            if money is not None and rule.event in {"Acquisition", "Investment", "Lawsuit", "ProductLaunch"}:
                roles["amount"] = money.id
            place = self._place_after(verb, ("en", "à", "au", "aux"))
            if place is not None:
                roles["locatedIn"] = place.id
            source = self._reported_by(sent)
            if source is not None:
                roles["statedBy"] = source.id
        self.add_fact(rule.property, subject, obj, n, f"verb:{rule.lemma}", round(rule.confidence * confidence, 3), rule.event, roles)

    def _coordinated(self, mention: Mention, classes) -> list[Mention]:
        """Mentions joined to this one by "et" / "," ("dans le cloud et l'intelligence artificielle")."""
        found = []
        ordered = sorted(self.mentions, key=lambda m: m.start)
        current = mention
        for m in ordered:
            if m.start <= current.end or m.sentence != mention.sentence:
                continue
            between = strip_accents(self.text[current.end:m.start].lower()).strip()
            if between in {"et", ",", "et l'", "et le", "et la", "et les", ", l'", ", le", ", la", "ou"} and (m.label in classes):
                found.append(m)
                current = m
            else:
                break
        return found

    def _recent_agent(self, n: int) -> Mention | None:
        if self.last_use_agent and n - self.last_use_agent[1] <= 2:
            return self.mentions[self.last_use_agent[0]]
        return None

    def _subject(self, verb: Token) -> tuple[Mention | None, float]:
        """The agent of the verb: its subject, the subject of the verb it depends on, or the nearest
        agent before it in the sentence."""
        if any(c.dep_ == "aux:pass" for c in verb.children):
            for child in verb.children:
                if child.dep_.startswith("obl") and any(c.lower_ == "par" for c in child.children if c.dep_ == "case"):
                    mention = self._mention_or_subtree(child, AGENT_CLASSES)
                    if mention is not None:
                        return mention, 1.0  # passive: "X a été racheté par Y"
        head = verb
        for _ in range(4):
            for child in head.children:
                if child.dep_ in {"nsubj", "expl:subj"}:
                    mention = self._mention_or_subtree(child, AGENT_CLASSES | WORK_CLASSES)
                    if mention is not None:
                        return mention, 1.0
                if child.dep_ == "obl:agent":
                    mention = self._mention_or_subtree(child, AGENT_CLASSES)
                    if mention is not None:
                        return mention, 1.0
            if head.dep_ in {"xcomp", "advcl", "acl", "ccomp", "conj"} and head.head.i != head.i:
                head = head.head
                continue
            break
        before = [self.by_token[t.i] for t in verb.sent if t.i < verb.i and t.i in self.by_token]
        before = [m for m in before if m.label in AGENT_CLASSES | WORK_CLASSES or m.label == "DESC" and any(x.label in AGENT_CLASSES for x in self.targets(m))]
        return (before[-1], 0.8) if before else (None, 0.0)

    def _mention_or_subtree(self, token: Token, classes) -> Mention | None:
        mention = self.mention_at(token)
        if mention is not None and (mention.label in classes or mention.label == "DESC"):
            return mention
        return self.find_in(token.subtree, classes)

    def _object(self, verb: Token, rule: lexicon.VerbRule) -> Mention | None:
        """The verb's object of an allowed class: its direct object, or the complement after the rule's
        preposition; failing that, the first allowed mention after the verb in the clause."""
        classes = rule.object_classes
        for child in verb.children:
            if rule.preposition is None and child.dep_ in {"obj", "nsubj:pass"}:
                found = self.find_in(_head_and_modifiers(child), classes)
                if found is not None:
                    return found
            if rule.preposition and child.dep_.startswith(("obl", "nmod", "obj")):
                case = [c.lower_ for c in child.children if c.dep_ in {"case", "fixed"}]
                if rule.preposition in case or strip_accents(rule.preposition) in map(strip_accents, case):
                    found = self.find_in(_head_and_modifiers(child), classes)
                    if found is not None:
                        return found
        if rule.preposition is None and any(c.dep_ == "obj" for c in verb.children):
            return None  # the parser found an object, and it is not of an allowed class
        window = [t for t in verb.sent if verb.i < t.i <= verb.i + 12]
        for token in window:
            if token.pos_ == "VERB" and token.i > verb.i + 1:
                break
            mention = self.by_token.get(token.i)
            if mention is None:
                continue
            if mention.label in classes or mention.label == "DESC" and any(t.label in classes for t in self.targets(mention)):
                if rule.preposition is None or self._preceded_by(mention, rule.preposition):
                    return mention
        return None

    def _preceded_by(self, mention: Mention, preposition: str) -> bool:
        before = self.text[max(0, mention.start - 12):mention.start].lower()
        return re.search(rf"\b{re.escape(preposition)}\b|\b{re.escape(strip_accents(preposition))}\b", strip_accents(before)) is not None or before.rstrip().endswith(("au", "aux", "du"))

    def _work_in(self, sent: Span, exclude: Mention | None = None) -> Mention | None:
        works = [m for m in self._mentions_in(sent) if m.label in WORK_CLASSES and m is not exclude]
        return works[0] if works else None

    def _mentions_in(self, sent: Span) -> list[Mention]:
        n = self.sentence_of_token[sent.start]
        return list(self.by_sentence.get(n, ()))

    def _value_in(self, sent: Span, kind: str) -> Mention | None:
        values = [m for m in self._mentions_in(sent) if m.label == kind]
        return values[0] if values else None

    def _place_after(self, verb: Token, prepositions: tuple[str, ...]) -> Mention | None:
        """A place introduced by one of the prepositions in the verb's clause ("investit ... en France")."""
        for child in verb.children:
            mention = self.by_token.get(child.i)
            if mention is not None and mention.label == "Place" and any(c.lower_ in prepositions for c in child.children if c.dep_ == "case"):
                return mention
        return None

    def _reported_by(self, sent: Span) -> Mention | None:
        """The source in "comme rapporté par X" / "selon X"."""
        for token in self.tokens_of(sent):
            if token.lower_ in {"selon", "rapporté", "révélé"}:
                nxt = [self.by_token[i] for i in range(token.i + 1, min(token.i + 5, sent.end)) if i in self.by_token]
                agents = [m for m in nxt if m.label in AGENT_CLASSES]
                if agents:
                    return agents[0]
        return None

    def _nominalisations(self, sent: Span, n: int) -> None:
        """"le lancement de X par Y", "l'événement Y de lancement de X", "l'utilisation de X chez Y"."""
        nouns = lexicon.nouns()
        for token in self.tokens_of(sent):
            if token.pos_ != "NOUN":
                continue
            rules = nouns.get(token.lemma_.lower()) or nouns.get(token.lower_)
            if not rules or _negated(token.head) or _speculative(token.head if token.dep_ == "obj" else token):
                continue
            rule = rules[0]
            obj = None
            agent = None
            for child in token.children:
                case = {c.lower_ for c in child.children if c.dep_ == "case"}
                if case & {"de", "d'", "du", "des", "à", "au", "aux"} and obj is None:
                    obj = self.find_in(_head_and_modifiers(child), rule.object_classes)
                if case & {"par", "chez"}:
                    agent = self.find_in(child.subtree, AGENT_CLASSES)
            if obj is None:
                continue
            if agent is None and token.head.pos_ == "NOUN" and token.head.i != token.i:
                around = [t for t in token.head.subtree if t.i < token.i]
                agent = self.find_in(around, AGENT_CLASSES - {"Person"})
            if agent is None:
                verb = _governing_verb(token)
                if verb is not None:
                    agent, _ = self._subject(verb)  # "X a annoncé le rachat de Y", "X a eu recours à Y"
            if agent is None or not any(t.label in AGENT_CLASSES for t in self.targets(agent)):
                continue
            roles: dict[str, int | str] = {}
            date = self._value_in(sent, "DATE")
            if date is not None:
                roles["date"] = date.id
            money = self._value_in(sent, "MONEY")
            if money is not None and rule.event in {"Acquisition", "Investment"}:
                roles["amount"] = money.id
            if rule.event == "TechnologyUse":
                purpose = _purpose(token, self.by_token)
                if purpose:
                    roles["purpose"] = purpose
                work = self._work_in(sent)
                if work is not None:
                    roles["work"] = work.id
            self.add_fact(rule.property, agent, obj, n, f"noun:{rule.lemma}", rule.confidence, rule.event, roles)

    def _roles(self, sent: Span, n: int) -> None:
        """"le PDG Daniel Ek", "Daniel Ek, PDG de Spotify", "l'actrice Léa Moreau"."""
        for token in self.tokens_of(sent):
            role = self.by_token.get(token.i)
            if role is None or role.label != "Role" or token.i != self.doc.char_span(role.start, role.end, alignment_mode="expand").start:
                continue
            entry = _role_entry(role.text)
            if entry is None:
                continue
            person = self._person_next_to(role)
            if person is None:
                continue
            role.extra = {"role": entry.label if role.text.lower() in lexicon.roles() else role.text.lower(), "en": entry.en}
            roles: dict[str, int | str] = {"role": role.id}
            org = self._employer(role, sent, allow_sentence=entry.property == "ceoOf") if entry.property else None
            confidence = 0.85
            if entry.property == "ceoOf" and org is None:
                org = self._salient(AGENT_CLASSES - {"Person", "Union"})
                confidence = 0.6
            if org is not None:
                roles["organization"] = org.id
            self.add_fact("hasRole", person, role, n, "apposition-role", confidence, "Appointment", roles)
            if entry.property and org is not None:
                self.add_fact(entry.property, person, org, n, "apposition-role", confidence, "Appointment", roles)

    def _person_next_to(self, role: Mention) -> Mention | None:
        """The person holding a role: in apposition right after it ("le PDG X") or before it ("X, PDG"),
        linked to it by the parse ("La fondatrice de la start-up, X"), the subject of a copula ("elle était
        directrice"), or the object of an appointment ("a nommé X directrice générale")."""
        after = self.text[role.end:role.end + 3]
        before = self.text[max(0, role.start - 3):role.start]
        for m in self.mentions:
            if m.label != "Person":
                continue
            if m.start >= role.end and m.start - role.end <= 1 and after[:1] in {" ", ""}:
                return m
            if m.end <= role.start and role.start - m.end <= 2 and before.rstrip().endswith(","):
                return m
        head = self.doc.char_span(role.start, role.end, alignment_mode="expand")
        if head is None:
            return None
        token = head.root
        linked = [c for c in token.children if c.dep_ in {"appos", "nsubj"}] + ([token.head] if token.dep_ in {"appos", "xcomp", "obj"} else [])
        if any(c.dep_ == "cop" for c in token.children):
            linked += [c for c in token.children if c.dep_.startswith("nsubj")]
        if token.dep_ in {"xcomp", "obj", "obl:mod"} and token.head.lemma_ in _APPOINTING:
            linked += [c for c in token.head.children if c.dep_ in {"obj", "nsubj:pass"} and c.i != token.i]
        for candidate in linked:
            mention = self.by_token.get(candidate.i)
            if mention is not None and mention.label == "Person":
                return mention
            if candidate.lower_ in {"il", "elle"} and candidate.dep_.startswith("nsubj"):
                return self._last_person(role.start)
        return None

    def _employer(self, role: Mention, sent: Span, *, allow_sentence: bool) -> Mention | None:
        """The organisation of a role: "PDG de X" / "chez X"; for a chief executive, else the one
        organisation of the sentence ("Le PDG X affirme que Netflix...")."""
        following = self.prepared[role.end:role.end + 8].lower()
        orgs = [m for m in self._mentions_in(sent) if m.label in {"Organization", "Union"} or m.label == "DESC" and m.refs]
        if following.startswith((" de ", " d'", " du ", " chez ", " de la ", " de l'")):
            after = [m for m in orgs if m.start > role.end and m.start - role.end <= 12]
            if after:
                targets = self.targets(after[0])
                return targets[0] if targets else None
        if not allow_sentence:
            return None
        named = {_key(t): t for m in orgs for t in self.targets(m) if t.label == "Organization"}
        return next(iter(named.values())) if len(named) == 1 else None

    def _job_postings(self, sent: Span, n: int) -> None:
        """A role wanted by an organisation: "X recrute un directeur technique pour l'IA", "une offre
        d'emploi pour un chef de produit en IA", "en tant que 'chef de produit'". Salaries attach to it."""
        low = self.plain_texts[n]
        lemmas = {t.lemma_ for t in self.tokens_of(sent)}
        hiring = any(strip_accents(lemma) in _HIRING for lemma in lemmas) or any(c in low for c in _JOB_CUES)
        roles = [m for m in self._mentions_in(sent) if m.label == "Role" and m.evidence == "role"]
        if hiring and "offre" in low or lemmas & {"embaucher", "recruter", "rechercher"}:
            for role in roles:
                if self._person_next_to(role) is not None:
                    continue
                title, field_mention = self._job_title(role, sent)
                org = self._hiring_org(sent)
                if org is None:
                    continue
                job = self._add(role.start, role.start + len(title), "JobPosting", "job", n)
                job.text = title
                job.extra = {"org": org.id, "role": role.id, "field": field_mention.id if field_mention else None}
                self.add_fact("advertises", org, job, n, "job-posting", 0.8)
        money = self._value_in(sent, "MONEY")
        if money is not None and any(c in low for c in map(strip_accents, _SALARY_CUES)):
            jobs = [m for m in self.mentions if m.label == "JobPosting" and n - m.sentence <= 2]
            if jobs:
                self.add_fact("salary", jobs[-1], money, n, "job-salary", 0.75)

    def _job_title(self, role: Mention, sent: Span) -> tuple[str, Mention | None]:
        """The role and its field: "chef de produit en apprentissage automatique"."""
        rest = self.prepared[role.end:sent.end_char]
        match = re.match(r"\s+(en|pour|de|d'|du|dans)\s+(l'|la |le |les )?", rest)
        if match:
            field_start = role.end + match.end()
            tech = [m for m in self.mentions if m.label == "Technology" and m.start == field_start]
            if tech:
                return self.text[role.start:tech[0].end], tech[0]
        return role.text, None

    def _hiring_org(self, sent: Span) -> Mention | None:
        root = sent.root
        subject, _ = self._subject(root) if root.pos_ in {"VERB", "AUX"} else (None, 0)
        targets = [t for t in self.targets(subject) if t.label == "Organization"] if subject else []
        if targets:
            return targets[0]
        orgs = [t for m in self._mentions_in(sent) for t in self.targets(m) if t.label == "Organization"]
        return orgs[0] if orgs else self._salient(frozenset({"Organization"}))

    def _financial_results(self, sent: Span, n: int) -> None:
        """"Le chiffre d'affaires de X a atteint 11,5 milliards de dollars, en hausse de 17 %"."""
        low, plain = self.lower_texts[n], self.plain_texts[n]
        metric = next((name for phrase, name in _METRICS.items() if phrase in low or strip_accents(phrase) in plain), None)
        money = self._value_in(sent, "MONEY")
        if metric is None or money is None:
            return
        at = low.find(next(p for p in _METRICS if p in low or strip_accents(p) in plain))
        orgs = [t for m in self._mentions_in(sent) for t in self.targets(m) if t.label == "Organization"]
        after_metric = [o for o in orgs if o.start > sent.start_char + at]
        org = (after_metric or orgs or [self._salient(frozenset({"Organization"}))])[0]
        if org is None:
            return
        roles: dict[str, int | str] = {"metric": metric}
        percent = self._value_in(sent, "PERCENT")
        if percent is not None and percent.value is not None:
            nearby = strip_accents(self.text[max(sent.start_char, percent.start - 30):percent.start].lower())
            sign = -1 if any(w in nearby for w in map(strip_accents, _DECREASE)) else 1
            if sign < 0 and percent.value.get("value") and not str(percent.value["value"]).startswith("-"):
                percent.value["value"] = "-" + str(percent.value["value"])
            roles["change"] = percent.id
        period = next((p for w, p in _PERIOD_WORDS.items() if w in plain or w in low), None)
        if period:
            roles["period"] = period
        prop = "revenue" if metric == "revenue" else None
        if prop:
            self.add_fact(prop, org, money, n, "financial-result", 0.85, "FinancialResult", roles)

    def _strikes(self, sent: Span, n: int) -> None:
        """"la grève à Hollywood" + unions named in that sentence or the next two → onStrikeIn."""
        low = self.lower_texts[n]
        if not any(w in low or strip_accents(w) in low for w in _STRIKE_WORDS):
            return
        places = [
            m for m in self._mentions_in(sent)
            if m.label == "Place" and re.search(r"\b(à|a|aux|en|dans)\s+$", self.text[max(0, m.start - 6):m.start].lower())
        ]
        if not places:
            return
        window = [m for m in self.mentions if n <= m.sentence <= n + 2 and m.label == "Union"]
        for union in window:
            for place in places[:1]:
                self.add_fact("onStrikeIn", union, place, n, "strike", 0.7)

    def _reports(self, sent: Span, n: int) -> None:
        """"son rapport trimestriel publié le 15 octobre" → the organisation published a report."""
        for token in self.tokens_of(sent):
            if token.lemma_ not in _REPORT_NOUNS or token.pos_ != "NOUN":
                continue
            determiner = [c.lower_ for c in token.children if c.dep_ in {"det", "nmod:poss"}]
            owner = None
            for child in token.children:
                if child.dep_ == "nmod" and any(c.lower_ in {"de", "d'", "du"} for c in child.children):
                    owner = self.find_in(child.subtree, frozenset({"Organization"}))
            if owner is None and not set(determiner) & {"son", "sa", "leur"}:
                continue
            if owner is None:
                subject, _ = self._subject(sent.root)
                owner = subject if subject and any(t.label == "Organization" for t in self.targets(subject)) else self._salient(frozenset({"Organization"}))
            if owner is None:
                continue
            adjectives = [c for c in token.children if c.dep_ == "amod" and c.i == token.i + 1]
            end = (adjectives[-1] if adjectives else token).idx + len((adjectives[-1] if adjectives else token).text)
            report = self._add(token.idx, end, "Report", "report", n)
            report.extra = {"owner": owner.id}
            roles: dict[str, int | str] = {}
            date = self._value_in(sent, "DATE")
            if date is not None:
                roles["date"] = date.id
            self.add_fact("published", owner, report, n, "possessive-report", 0.7, "Publication", roles)

    def _locations(self, sent: Span, n: int) -> None:
        """"X, basée à Lyon", "installé à", "dont le siège est à", "où se trouve le siège de X"."""
        low = self.prepared[sent.start_char:sent.end_char].lower()
        for match in _LOCATED.finditer(low):
            at = sent.start_char + match.end()
            places = [m for m in self._mentions_in(sent) if m.label == "Place" and 0 <= m.start - at <= 3]
            if not places:
                continue
            before = [m for m in self._mentions_in(sent) if m.end <= sent.start_char + match.start()
                      and any(t.label == "Organization" for t in self.targets(m))]
            if before:
                self.add_fact("locatedIn", before[-1], places[0], n, "located", 0.7)

    def _subsidiaries(self) -> None:
        """"Spotify Japan" → parentOrganization Spotify (a known organisation plus a place name)."""
        seen: set[str] = set()
        for m in list(self.mentions):
            if not m.evidence.startswith("subsidiary:") or m.text in seen:
                continue
            seen.add(m.text)
            kb_id = m.evidence.split(":", 1)[1]
            parent = self._add(m.start, m.start, "Organization", "kb", m.sentence, kb_id)
            parent.text = lexicon.knowledge_base()[kb_id].label
            self.add_fact("parentOrganization", m, parent, m.sentence, "name-subsidiary", 0.75)

    def _quotations(self) -> None:
        """Quoted words of four or more that are not titles, with their speaker: "« ... », indique X",
        "« ... » a-t-il déclaré", "X a souligné : '...'"."""
        for open_at, close_at in quoted_spans(self.prepared, spaced=True, limit=1500):
            inner = self.text[open_at + 1:close_at].strip()
            if len(inner.split()) < 4:
                continue
            token = self.doc.char_span(open_at, open_at + 1, alignment_mode="expand")
            if token is None or token.start not in self.sentence_of_token:
                continue
            n = self.sentence_of_token[token.start]
            end_token = self.doc.char_span(close_at, close_at + 1, alignment_mode="expand")
            n_end = self.sentence_of_token.get(end_token.start, n) if end_token is not None else n
            speaker = self._speaker_after(close_at, n_end) or self._speaker_before(open_at, n)
            if speaker is None:
                continue
            quote = self._add(open_at + 1, close_at, "Quotation", "quote", n)
            quote.text = inner
            self.add_fact("speaker", quote, speaker, n_end, "quotation", 0.85)

    def _speaker_after(self, close_at: int, n: int) -> Mention | None:
        """"..., indique X" / "... a-t-il déclaré" right after the closing quote, in the same clause."""
        tail = self.doc.char_span(close_at + 1, min(len(self.text), close_at + 60), alignment_mode="contract")
        if tail is None:
            return None
        seen_pronoun = False
        for token in tail:
            if token.is_punct and token.text not in {",", "-"} or token.is_space:
                return None
            if token.lower_.lstrip("-") in {"il", "elle"}:
                seen_pronoun = True
            if not any(strip_accents(c) in _REPORTING_PLAIN for c in _lemma_candidates(token)):
                continue
            if seen_pronoun:
                return self._last_person(close_at)
            for t in tail:
                if t.i <= token.i:
                    continue
                if t.is_punct and t.text not in {",", "-"} or t.i > token.i + 4:
                    break
                if t.lower_.lstrip("-") in {"il", "elle"}:
                    return self._last_person(close_at)
                mention = self.by_token.get(t.i)
                if mention is not None and (mention.label in AGENT_CLASSES or mention.label == "DESC" and mention.refs):
                    return mention
            return None
        return None

    def _speaker_before(self, open_at: int, n: int) -> Mention | None:
        """"X a souligné : '...'", "..., qui twittait '...'": the nearest agent before the quote."""
        sent = self.sents[n]
        before = [m for m in self._mentions_in(sent) if m.end <= open_at and (m.label in AGENT_CLASSES or m.label == "DESC" and m.refs)]
        if not before:
            return None
        between = self.text[before[-1].end:open_at]
        if len(between) > 80 or not any(strip_accents(w) in strip_accents(between.lower()) for w in (":", "qui", *_REPORTING)):
            return None
        candidate = before[-1]
        if candidate.label == "Organization" and candidate.end < open_at:
            people = [m for m in before if m.label == "Person"]
            candidate = people[-1] if people and people[-1].start > candidate.start - 30 else candidate
        return candidate

    def _last_person(self, before: int) -> Mention | None:
        people = [m for m in self.mentions if m.label == "Person" and m.end <= before]
        return people[-1] if people else None


# ---------------------------------------------------------------- helpers


def _stripped(text: str, start: int, end: int) -> tuple[int, int, str]:
    """A sentence's offsets and text without surrounding white space or list bullets."""
    while start < end and (text[start].isspace() or text[start] in "-–•*" and start + 1 < end and text[start + 1].isspace()):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, text[start:end]


def _description_noun(text: str) -> str:
    """The head noun of a description: "la jeune start-up" → "start-up", "le géant du logiciel" → "geant"."""
    words = [w for w in re.split(r"[\s']+", strip_accents(text.lower())) if w and w not in {"le", "la", "l", "les", "ce", "cet", "cette", "ces"}]
    nouns = [w for w in words if w in _description_nouns()]
    return nouns[0] if nouns else (words[0] if words else "")


@cache
def _description_nouns() -> frozenset[str]:
    """First words of the description phrases, accent-free ("geant", "start-up", "societe")."""
    return frozenset(strip_accents(p.split()[0]) for p in lexicon.descriptions())


def _key(mention: Mention) -> str:
    return mention.kb_id or strip_accents(mention.text.lower())


def _head_and_modifiers(token: Token) -> list[Token]:
    """A noun and the words of its direct modifiers ("la technologie de l'IA", "Claude 4"), not deeper
    ("la narration d'un jeu" does not stand for the game)."""
    tokens = [token]
    for child in token.children:
        if child.dep_ in {"nmod", "flat:name", "flat", "amod", "nummod", "compound"}:
            tokens += [child, *[g for g in child.children if g.dep_ in {"flat:name", "flat", "nummod"}]]
    return sorted(tokens, key=lambda t: t.i)


def _unique_entities(mentions: list[Mention], ids: list[int]) -> list[int]:
    seen: dict[str, int] = {}
    for i in ids:
        seen.setdefault(_key(mentions[i]), i)
    return list(seen.values())


def _role_entry(text: str) -> lexicon.RoleEntry | None:
    """The lexicon entry of a role, by its longest known beginning ("directrice des opérations" →
    "directrice")."""
    words = text.lower().split()
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        entry = lexicon.roles().get(head) or lexicon.roles().get(strip_accents(head))
        if entry is not None:
            return entry
    return None


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun phrase depends on, climbing through nouns ("annoncé le 3 mars le rachat")."""
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
    return None


def _lemma_candidates(token: Token) -> list[str]:
    """The token's lemma, then guesses from its form for verbs the lemmatiser left as written
    ("applique" → "appliquer"): the lexicon is keyed by infinitive."""
    lemma = token.lemma_.lower()
    form = token.lower_
    guesses = [lemma, form]
    for ending in ("ées", "és", "ée", "é", "ent", "es", "e"):
        if form.endswith(ending):
            guesses.append(form[: -len(ending)] + "er")
            break
    return guesses + [strip_accents(g) for g in guesses]


def _negated(token: Token) -> bool:
    """"n'utilise pas", "ne ... jamais"."""
    return any(c.lower_ in _NEGATIONS or c.lemma_ in _NEGATIONS for c in token.children)


def _speculative(token: Token) -> bool:
    """Future, conditional, or under "imaginer que", "pouvoir", "devoir": not a stated fact."""
    head = token
    for _ in range(4):
        morph = head.morph
        if "Fut" in morph.get("Tense") or "Cnd" in morph.get("Mood"):
            return True
        if any(c.lemma_ in _SPECULATIVE_HEADS and c.dep_.startswith("aux") for c in head.children):
            return True
        if head.dep_ in {"xcomp", "ccomp"} and any(c in _SPECULATIVE_HEADS for c in _lemma_candidates(head.head)):
            return True
        if head.head.i == head.i or head.dep_ not in {"xcomp", "ccomp", "advcl", "conj"}:
            return False
        head = head.head
    return False


def _purpose(verb: Token, by_token: dict[int, Mention]) -> str | None:
    """What the action is for: "pour + infinitive" (else "pour + noun phrase") after the verb,
    up to the end of the clause, without a trailing title in apposition."""
    sent = verb.sent
    tokens = [t for t in sent if t.i > verb.i]
    for want_infinitive in (True, False):
        for t in tokens:
            if t.lower_ != "pour":
                continue
            nxt = t.nbor(1) if t.i + 1 < sent.end else None
            if nxt is None:
                continue
            if want_infinitive and not (nxt.pos_ == "VERB" and "Inf" in nxt.morph.get("VerbForm")):
                continue
            if not want_infinitive and (nxt.pos_ not in {"DET", "NOUN"} or nxt.lower_ in {"la", "le"} and t.i + 2 < sent.end and t.nbor(2).lower_ in {"première", "premiere", "fois"}):
                continue
            start = nxt
            end = min(sent.end, max(u.i for u in nxt.subtree) + 1) if want_infinitive else sent.end
            for u in sent.doc[start.i + 1:end]:
                mention = by_token.get(u.i)
                if mention is not None and mention.label in WORK_CLASSES or u.text in {";", ".", "!", "?"}:
                    end = u.i
                    break
                if u.text == "," and u.i + 1 < end and u.nbor(1).lower_ not in {"pour", "ou", "et"}:
                    end = u.i
                    break
            span = sent.doc[start.i:end]
            text = _TRAILING_LINK.sub("", span.text.strip().rstrip(",:;.- ").strip())
            return text or None
    return None


_LOCATED = re.compile(r"\b(?:basée?s?|située?s?|installée?s?|implantée?s?|établie?s?|domiciliée?s?|siège(?: social)? (?:est )?(?:situé )?)\s+(?:à|a|en|au)\b\s*")
_TRAILING_LINK = re.compile(r"(\s+(de|du|des|d'|à|au|aux|pour|dans|sur|et|ou))+$", re.IGNORECASE)


def _nearest_value(values: dict, ent) -> Any:
    for (start, end), value in values.items():
        if start < ent.end_char and end > ent.start_char:
            return value
    return None


def _value_dict(value) -> dict[str, Any]:
    """A kg.values.Value as JSON-ready data (decimals as strings, exact)."""
    data = {}
    for name in ("kind", "value", "min", "max", "approximate", "currency", "unit", "period", "date", "datatype"):
        item = getattr(value, name, None)
        data[name] = str(item) if item is not None and name in {"value", "min", "max"} else item
    return data
