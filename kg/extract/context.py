"""The state of reading one article, shared by the rules: its sentences, tokens and mentions, the
facts found so far, and the questions rules ask about them (what a mention stands for, which mention
is the subject or the object of a verb, which entities a sentence names)."""
from __future__ import annotations

import re
from collections.abc import Container, Set
from functools import cache
from typing import TYPE_CHECKING, Any

from kg import lexicon, places
from kg.accents import strip_accents
from kg.articles import Article
from kg.entities import is_quote
from kg.extract.model import Fact, Mention
from kg.extract.syntax import active_subject, has_feature, is_relational, stripped, with_name_beside
from kg.nlp import prepared_text, token_strings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

AGENT_CLASSES = frozenset({"Organization", "Union", "Person"})
WORK_CLASSES = frozenset({"CreativeWork", "Movie", "TVSeries", "VideoGame", "Video"})


class Context:
    """One parsed article while it is read: rules add mentions and facts to it."""

    def __init__(self, article: Article, doc: Doc) -> None:
        from spacy.attrs import DEP, LEMMA, LOWER

        self.article = article
        self.doc = doc
        self.text = article.text
        self.prepared = prepared_text(doc)
        """The parsed text (typography folded, accents restored; offsets as in `text`)."""
        self.tokens = list(doc)
        """Every token, made once: indexing or iterating a Doc or Span makes new Token objects."""
        self.lowers = token_strings(doc, LOWER)
        self.lemmas = [lemma.lower() for lemma in token_strings(doc, LEMMA)]
        """Each token's lower-case form and lemma, read once: the word-list rules look words up in them."""
        self.deps = token_strings(doc, DEP)
        """Each token's dependency label, read once: the rules that scan every token test it first."""
        self._words: dict[int, set[str]] = {}
        """The forms and lemmas of each sentence (by its first token), made when a word-list rule first asks."""
        self.tags = _tags(doc)
        """Each token's part of speech ("VERB"), read at once: the clause rules pick verbs by it."""
        self.sents = [s for s in doc.sents if self.prepared[s.start_char:s.end_char].strip()]
        self.sentence_bounds = [stripped(self.text, s.start_char, s.end_char) for s in self.sents]
        self.sentence_of_token: dict[int, int] = {i: n for n, s in enumerate(self.sents) for i in range(s.start, s.end)}
        self.lower_texts = [self.prepared[s.start_char:s.end_char].lower() for s in self.sents]
        """Each sentence's text in lower case, and the same without accents: the cue-word rules read them."""
        self.plain_texts = [strip_accents(low) for low in self.lower_texts]
        self.mentions: list[Mention] = []
        self.facts: list[Fact] = []
        self.by_token: dict[int, Mention] = {}
        self.by_sentence: dict[int, list[Mention]] = {}
        self.described: dict[int, set[str]] = {}
        self.memory: dict[str, Any] = {}
        """What a rule remembers across sentences (the last agent that used a technology, ...)."""

    # -- mentions

    def add(self, start: int, end: int, label: str, evidence: str, sentence: int, kb_id: str | None = None) -> Mention:
        mention = Mention(len(self.mentions), start, end, self.text[start:end], label, evidence, sentence, kb_id)
        self.mentions.append(mention)
        self.by_sentence.setdefault(sentence, []).append(mention)
        return mention

    def targets(self, mention: Mention | None) -> list[Mention]:
        """The named mentions a mention stands for: itself, or its references."""
        if mention is None:
            return []
        if mention.label == "DESC":
            return [self.mentions[r] for r in mention.refs]
        return [mention]

    def tokens_of(self, sent: Span) -> list[Token]:
        return self.tokens[sent.start:sent.end]

    def tokens_with(self, sent: Span, words: Set[str]) -> list[Token]:
        """The sentence's tokens whose lower-case form or lemma is one of `words` (a set, or a dict's keys):
        what a word-list rule reads, found without visiting the other tokens."""
        lowers, lemmas = self.lowers, self.lemmas
        here = self._words.get(sent.start)
        if here is None:
            here = self._words[sent.start] = {*lowers[sent.start:sent.end], *lemmas[sent.start:sent.end]}
        if words.isdisjoint(here):
            return []  # most sentences have none of a list's words: one set operation says so
        return [self.tokens[i] for i in range(sent.start, sent.end) if lowers[i] in words or lemmas[i] in words]

    def tokens_tagged(self, sent: Span, tags: Container[str]) -> list[Token]:
        """The sentence's tokens with one of these parts of speech, found without visiting the others."""
        found = self.tags
        return [self.tokens[i] for i in range(sent.start, sent.end) if found[i] in tags]

    def names_any(self, sent: Span, labels: Container[str]) -> bool:
        """Whether the sentence has a mention of one of these labels, or a description standing for one."""
        return any(m.label in labels or m.label == "DESC" and any(t.label in labels for t in self.targets(m)) for m in self.mentions_in(sent))

    def mention_at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def mention_of(self, token: Token) -> Mention | None:
        """The mention a phrase headed by this token names: the token's own, else that of its name parts
        ("Madame X": the honorific heads the phrase), else a name right after a naming noun ("l'ONG
        « X »")."""
        mention = self.by_token.get(token.i)
        if mention is not None:
            return mention
        for child in token.children:
            if child.dep_ == "nmod" and child.i > token.i and any(c.dep_ == "case" for c in child.children):
                if token.lower_ in lexicon.seat_nouns():  # "les locaux du laboratoire X": a site stands for its owner
                    return self.mention_of(child)
                break  # "la sœur de Mme X": a name after the "de" phrase is that phrase's, however parsed
            if child.dep_ in {"flat:name", "flat", "appos", "nmod", "xcomp"} and child.i > token.i \
                    and (found := self.by_token.get(self.name_start(child.i))) is not None:
                return found  # "son mari, M. X": the name after the honorific
        after = token.i + 1
        while after < len(self.tokens) and self.tags[after] == "ADJ" and self.tokens[after].text.islower():
            after += 1  # "son homologue ukrainien X"
        if after < len(self.tokens) and self.tokens[after].text == "," and is_relational(token.lower_):
            after += 1  # "son homologue ukrainien, X", which the parser may hang elsewhere
        nxt = self.name_start(after)  # "l'ONG « X »", "son épouse Mme X"
        if nxt >= after + 2 or nxt >= len(self.tokens):
            return None
        found = self.by_token.get(nxt)
        return found if found is not None and found.is_named and token.pos_ in {"NOUN", "PROPN"} else None

    def name_start(self, i: int) -> int:
        """Where a name at token i starts: past the quotes and honorifics before it ("« X »", "Mme X")."""
        honorifics = lexicon.honorifics()
        while i < len(self.tokens) and (is_quote(self.tokens[i].text) or self.tokens[i].text in honorifics):
            i += 1
        return i

    def before_quotes(self, i: int) -> int:
        """The token at i or the nearest before it that is no quotation mark: where a quoted name ends."""
        while i >= 0 and is_quote(self.tokens[i].text):
            i -= 1
        return i

    def mentions_in(self, sent: Span) -> list[Mention]:
        return list(self.by_sentence.get(self.sentence_of_token[sent.start], ()))

    def value_in(self, sent: Span, kind: str) -> Mention | None:
        values = [m for m in self.mentions_in(sent) if m.label == kind]
        return values[0] if values else None

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

    def named_before(self, mention: Mention, classes: set[str] | frozenset[str]) -> list[Mention]:
        return [m for m in self.mentions if m.start < mention.start and m.label in classes and m.is_named]

    def salient(self, classes: set[str] | frozenset[str], before: Mention | None = None) -> Mention | None:
        """The most mentioned entity of these classes in the article (so far), named or described ("le
        distributeur" counts for the company it stands for), ties to the earliest; None unless it is
        mentioned twice."""
        counts: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if before is None or m.start < before.start:
                for t in (self.targets(m) if m.label == "DESC" else [m]):
                    if t.label in classes and t.is_named:
                        counts.setdefault(key(t), []).append(t)
        if not counts:
            return None
        best = max(counts.values(), key=lambda ms: (len(ms), -min(m.start for m in ms)))
        return max(best, key=lambda m: m.start) if len(best) >= 2 else None

    def last_person(self, before: int) -> Mention | None:
        people = [m for m in self.mentions if m.label == "Person" and m.end <= before]
        return people[-1] if people else None

    # -- facts

    def add_fact(self, predicate: str, subject: Mention, obj: Mention, sentence: int, rule: str,
                 event: str | None = None, roles: dict[str, int | str] | None = None,
                 support: tuple[int, ...] = ()) -> None:
        """Assert `predicate` between what `subject` and `obj` stand for. A pronoun or a description
        read as its antecedent adds "+pronoun" or "+description" to the rule; every sentence that names the
        subject or object other than the stating one joins the fact's support, so provenance names every
        sentence used. The fact's confidence is its rule's measured precision (ontology/lexicon/confidence.tsv)."""
        for s in self.targets(subject):
            for o in self.targets(obj):
                if s.id == o.id or key(s) == key(o):
                    continue
                resolved = [m for m in (subject, obj) if m.label == "DESC"]
                how = "".join(sorted({"+pronoun" if m.evidence.startswith("pronoun") else "+description" for m in resolved}))
                used = {s.sentence, o.sentence} | set(support)  # an antecedent or a possessor named elsewhere
                self.facts.append(Fact(predicate, s.id, o.id, sentence, rule + how, lexicon.rule_confidence(rule + how), event,
                                       dict(roles or {}), sorted(used - {sentence})))

    # -- clauses

    def subject(self, verb: Token) -> tuple[Mention | None, str]:
        """The agent of the verb, and how it was found: its subject (""), the subject of the verb it
        depends on (""), or the nearest agent before it in the sentence ("nearest")."""
        participle = verb.dep_ == "acl" and has_feature(verb, "VerbForm", "Part")
        if participle or any(c.dep_ == "aux:pass" for c in verb.children):
            agents = [c for c in verb.children if c.dep_ == "obl:agent" or c.dep_.startswith("obl") and any(g.lower_ == "par" for g in c.children if g.dep_ == "case")]
            for child in agents:
                mention = self.mention_or_subtree(child, AGENT_CLASSES)
                if mention is not None:
                    return mention, ""  # passive: "X a été racheté par Y", "la suite développée par Y"
            if participle and agents:
                return None, ""  # "utilisée par 4 millions de clients": the agent is named, and is no entity
        head = verb
        for _ in range(4):
            for child in head.children:
                if child.dep_ == "expl:subj" or active_subject(child):
                    mention = self.mention_or_subtree(child, AGENT_CLASSES | WORK_CLASSES | {"Product"})
                    if mention is not None:
                        return mention, ""
                if child.dep_ == "obl:agent":
                    mention = self.mention_or_subtree(child, AGENT_CLASSES)
                    if mention is not None:
                        return mention, ""
            if head.dep_ in {"xcomp", "advcl", "acl", "ccomp", "conj"} and head.head.i != head.i:
                head = head.head
                continue
            break
        before = [self.by_token[t.i] for t in verb.sent if t.i < verb.i and t.i in self.by_token]
        before = [m for m in before if m.label in AGENT_CLASSES | WORK_CLASSES or m.label == "DESC" and any(x.label in AGENT_CLASSES for x in self.targets(m))]
        return (before[-1], "nearest") if before else (None, "")

    def mention_or_subtree(self, token: Token, classes) -> Mention | None:
        """The mention a phrase headed by this token names: its own, the holder the relational-noun rule
        gave a title ("Le fils de l'acteur X, Y, a porté plainte": Y, not X), else the first in its words."""
        mention = self.title_holder(token) or self.mention_at(token)
        if mention is not None and (mention.label in classes or mention.label == "DESC"):
            return mention
        return self.find_in(token.subtree, classes)

    def title_holder(self, token: Token) -> Mention | None:
        """Who holds the title or tie this token heads, as the relational-noun rule found: the one a clause
        whose subject is the title speaks of ("La présidente de l'association X, Marie Roux, a rencontré Y")."""
        return self.memory.get(TITLE_HOLDERS, {}).get(token.i)

    def object(self, verb: Token, rule: lexicon.VerbRule) -> Mention | None:
        """The verb's object of an allowed class: its direct object, or the complement after the rule's
        preposition; failing that, the first allowed mention after the verb in the clause."""
        classes = rule.object_classes
        for child in verb.children:
            if rule.preposition is None and (child.dep_ == "obj" or child.dep_ == "nsubj:pass" and not active_subject(child)):
                found = self.find_in(with_name_beside(child), classes)  # "a racheté la banque belge Degroof Petercam"
                if found is not None:
                    return found
            if rule.preposition and child.dep_.startswith(("obl", "nmod", "obj")):
                case = [c.lower_ for c in child.children if c.dep_ in {"case", "fixed"}]
                if rule.preposition in case or strip_accents(rule.preposition) in map(strip_accents, case):
                    found = self.find_in(with_name_beside(child), classes)  # "contre son ex-agent, Bertrand Lavigne"
                    if found is not None:
                        return found
        if rule.preposition is None and any(c.dep_ == "obj" for c in verb.children):
            return None  # the parser found an object, and it is not of an allowed class
        by_agent = any(c.dep_ == "obl:agent" or c.dep_.startswith("obl") and any(g.lower_ == "par" for g in c.children) for c in verb.children)
        if rule.preposition is None and verb.dep_ == "acl" and has_feature(verb, "VerbForm", "Part") and by_agent:
            head = verb.head  # "Galaxy AI, la suite logicielle développée par X": what the participle qualifies
            for token in (head, head.head if head.dep_ == "appos" else head):
                found = self.mention_of(token)
                if found is not None and (found.label in classes or found.label in {"MISC", "Organization"} and found.evidence.startswith("ner:")):
                    return found
        window = [t for t in verb.sent if verb.i < t.i <= verb.i + 12]
        for token in window:
            if token.pos_ == "VERB" and token.i > verb.i + 1:
                break
            mention = self.by_token.get(token.i)
            if mention is None:
                continue
            if rule.preposition is None and _after_preposition(token):
                continue  # "a assigné X devant le tribunal": a complement, not the object the parser missed
            if rule.preposition is None and mention.label == "MISC" and "Organization" in classes and token.i == verb.i + 1:
                mention.label = "Organization"  # the name right after the verb, hung elsewhere: "a assigné Free"
            if mention.label in classes or mention.label == "DESC" and any(t.label in classes for t in self.targets(mention)):
                if rule.preposition is None or self.preceded_by(mention, rule.preposition):
                    return mention
        return None

    def preceded_by(self, mention: Mention, preposition: str) -> bool:
        before = self.text[max(0, mention.start - 12):mention.start].lower()
        return re.search(rf"\b{re.escape(preposition)}\b|\b{re.escape(strip_accents(preposition))}\b", strip_accents(before)) is not None or before.rstrip().endswith(("au", "aux", "du"))

    def coordinated(self, mention: Mention, classes) -> list[Mention]:
        """Mentions joined to this one by "et" / "," ("dans le cloud et l'intelligence artificielle", "de
        Tesla et de SpaceX")."""
        found = []
        ordered = sorted(self.mentions, key=lambda m: m.start)
        current = mention
        for m in ordered:
            if m.start <= current.end or m.sentence != mention.sentence:
                continue
            between = strip_accents(self.prepared[current.end:m.start].lower()).strip()
            if between in _COORDINATION and (m.label in classes):
                found.append(m)
                current = m
            else:
                break
        return found

    def work_in(self, sent: Span, exclude: Mention | None = None) -> Mention | None:
        works = [m for m in self.mentions_in(sent) if m.label in WORK_CLASSES and m is not exclude]
        return works[0] if works else None

    def reported_by(self, sent: Span) -> Mention | None:
        """The source in "comme rapporté par X" / "selon X"."""
        for token in self.tokens_of(sent):
            if token.lower_ in {"selon", "rapporté", "révélé"}:
                nxt = [self.by_token[i] for i in range(token.i + 1, min(token.i + 5, sent.end)) if i in self.by_token]
                agents = [m for m in nxt if m.label in AGENT_CLASSES]
                if agents:
                    return agents[0]
        return None


def _tags(doc: Doc) -> list[str]:
    """The part-of-speech names of a Doc's tokens, from one array (reading Token.pos_ looks up a string)."""
    from spacy.attrs import POS
    from spacy.parts_of_speech import NAMES

    return [NAMES[i] for i in doc.to_array(POS).tolist()] if len(doc) else []


def _after_preposition(token: Token) -> bool:
    """Whether the token heads a prepositional phrase ("devant le tribunal")."""
    return any(c.dep_ == "case" and c.i < token.i for c in token.children)


TITLE_HOLDERS = "relational:holders"
"""Context memory: token index of a title or tie noun → the mention the relational-noun rule found holds it."""
_COORDINATION = frozenset({"et", ",", "et l'", "et le", "et la", "et les", ", l'", ", le", ", la", "ou", "et de", "et du", "et des", "et d'"})
"""What joins coordinated names, accent-free and in lower case."""


def of_kind(mention: Mention, wanted: str) -> bool:
    """Whether a place can be what a description of this class stands for: "le pays" is no city nor
    continent the gazetteer knows (a name it does not know may be anything)."""
    if lexicon.class_families().get(wanted) != "Place" or wanted == "Place":
        return True
    found = places.lookup(mention.text)
    return found is None or places.KIND_CLASSES[found.kind] == wanted


def key(mention: Mention) -> str:
    """What makes two mentions of one article the same entity: the knowledge-base id, else the name."""
    return mention.kb_id or name_key(mention)


def name_key(mention: Mention) -> str:
    """A mention's article-wide name: a person's fullest form in the article ("Miller" is "Oumelkheir
    Miller"), else its text; lower case, without accents."""
    return strip_accents(str(mention.extra.get("name") or mention.text).lower())


def unique_entities(mentions: list[Mention], ids: list[int]) -> list[int]:
    seen: dict[str, int] = {}
    for i in ids:
        seen.setdefault(key(mentions[i]), i)
    return list(seen.values())


@cache
def description_nouns() -> frozenset[str]:
    """First words of the description phrases, accent-free ("geant", "start-up", "societe")."""
    return frozenset(strip_accents(p.split()[0]) for p in lexicon.descriptions())


def description_noun(text: str) -> str:
    """The head noun of a description, as its synonym's when it has one: "la jeune start-up" →
    "start-up", "le géant du logiciel" → "geant", "la jeune pousse" → "start-up"."""
    lowered = text.lower().replace("’", "'")
    phrase = re.sub(r"^(le|la|l'|les|ce|cet|cette|ces)\s*", "", lowered).strip()
    if phrase in lexicon.description_synonyms():
        return strip_accents(lexicon.description_synonyms()[phrase].split()[0])
    words = [w for w in re.split(r"[\s']+", strip_accents(lowered)) if w and w not in {"le", "la", "l", "les", "ce", "cet", "cette", "ces"}]
    nouns = [w for w in words if w in description_nouns()]
    return nouns[0] if nouns else (words[0] if words else "")
