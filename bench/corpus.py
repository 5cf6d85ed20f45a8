"""Synthetic French news corpus for benchmarks: seed and test sentences recombined, entity names varied.

Articles are runs of consecutive sentences from `seeds/` and `tests/data/articles/`, about as long as the
seeds (300–600 words). The names the gold annotations (`tests/gold/*.json`) list in those sentences —
people, organisations, unions, places, products, titles — are swapped for names built from the pools in
`bench/names.json`, drawn with a Zipf law: a few names recur across many articles, most are rare, so
entity resolution meets realistic variety instead of copies. Numbers, years, days and months vary too.
Article `i` depends only on `(seed, i)`: a corpus of N+1 articles is the corpus of N plus one file.

    python bench/corpus.py --articles 2000 --out /tmp/corpus [--seed 0]
"""
from __future__ import annotations

import argparse
import bisect
import functools
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "articles")
GOLD = (ROOT / "tests" / "gold" / "seeds.json", ROOT / "tests" / "gold" / "articles.json")
NAMES = Path(__file__).with_name("names.json")
POOL_OF_TYPE = {"Person": "person", "Organization": "organization", "Union": "union", "Place": "place",
                "Product": "product", "Movie": "work", "TVSeries": "work", "VideoGame": "work", "Video": "work"}
ZIPF_EXPONENT = 1.0
WORDS = (300, 600)
SENTENCES_PER_PASSAGE = (2, 5)
SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+(?=[«“A-ZÀ-Ý0-9-])")
NUMBER = r"\d+(?:[ .,\u00a0\u202f]\d+)*"
VOWELS = "AEIOUYÀÂÉÈÊËÎÏÔÙÛÜaeiouyàâéèêëîïôùûü"


@dataclass(frozen=True)
class Slot:
    """A varying part of a source sentence: an entity name (or part of it), a number or a month."""

    kind: str
    """"entity", "number", "year", "day" or "month"."""
    key: str = ""
    """For entities: the gold label of the entity, so its aliases in the same article follow its new name."""
    part: str = "full"
    """Which part of the new name an alias stands for: "full", "first" word, "last" word or "initials"."""
    text: str = ""
    """The source text, for numbers whose digits are redrawn in the same layout."""


Sentence = tuple[str | Slot, ...]


class NamePools:
    """Names per kind (person, organization, …) with Zipf-distributed draws, in a seed-dependent order."""

    def __init__(self, seed: int = 0) -> None:
        data = json.loads(NAMES.read_text(encoding="utf-8"))
        numbers = [str(n) for n in range(2, 10)]
        pools = {
            "person": [f"{f} {l}" for f, l in itertools.product(data["first_names"], data["last_names"])],
            "organization": [form.format(stem=s) for s in data["organization_stems"] for form in data["organization_forms"]],
            "union": list(data["unions"]),
            "place": list(data["places"]),
            "product": sorted({form.format(stem=s, number=n) for s in data["product_stems"]
                               for form in data["product_forms"] for n in numbers}),
            "work": [f"{a} {b}" for a, b in itertools.product(data["work_first"], data["work_second"])],
        }
        order = random.Random(seed)
        for names in pools.values():
            order.shuffle(names)
        self.pools = pools
        self.months: list[str] = data["months"]
        self.cumulative = {kind: list(itertools.accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(names))))
                           for kind, names in pools.items()}

    def draw(self, kind: str, rng: random.Random) -> str:
        """One name of `kind`; the name of rank r comes with probability ∝ 1/r."""
        cumulative = self.cumulative[kind]
        return self.pools[kind][bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


@functools.cache
def name_pools(seed: int) -> NamePools:
    """The name pools of a corpus seed, built once per process."""
    return NamePools(seed)


def write_corpus(n_articles: int, out_dir: Path, *, seed: int = 0) -> list[Path]:
    """Write `n_articles` synthetic articles as `out_dir/article_NNNNNN.txt` and return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n_articles):
        path = out_dir / f"article_{index:06d}.txt"
        path.write_text(make_article(index, seed=seed), encoding="utf-8")
        paths.append(path)
    return paths


def make_article(index: int, *, seed: int = 0) -> str:
    """Article `index` of the corpus of `seed`: passages of source sentences with names and numbers redrawn."""
    pools = name_pools(seed)
    rng = random.Random(f"{seed}:{index}")
    passages = load_passages()
    target = rng.randint(*WORDS)
    names: dict[str, str] = {}
    paragraphs: list[str] = []
    words = 0
    unused = list(range(len(passages)))
    while words < target and unused:
        passage = passages[unused.pop(rng.randrange(len(unused)))]
        start = rng.randrange(len(passage)) if paragraphs else 0
        sentences = passage[start:start + rng.randint(*SENTENCES_PER_PASSAGE)]
        paragraph = " ".join(render_sentence(s, rng, pools, names) for s in sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return "\n".join(paragraphs) + "\n"


def render_sentence(sentence: Sentence, rng: random.Random, pools: NamePools, names: dict[str, str]) -> str:
    """The sentence with each slot filled; `names` maps gold labels to their new name for the whole article."""
    out: list[str] = []
    for piece in sentence:
        if isinstance(piece, str):
            out.append(piece)
        elif piece.kind == "entity":
            label, kind = piece.key.split("\t")
            if label not in names:
                names[label] = draw_unused(kind, rng, pools, set(names.values()))
            name = name_part(names[label], piece.part)
            if out:
                out[-1] = elide(out[-1], name)
            out.append(name)
        else:
            out.append(redraw_value(piece, rng, pools))
    return "".join(out)


def draw_unused(kind: str, rng: random.Random, pools: NamePools, used: set[str]) -> str:
    """A name not yet given to another entity of the article (a few tries, then any)."""
    name = pools.draw(kind, rng)
    for _ in range(8):
        if name not in used:
            break
        name = pools.draw(kind, rng)
    return name


def name_part(name: str, part: str) -> str:
    """The part of a full name an alias stands for (`Sarandos` is the last word of `Ted Sarandos`)."""
    words = name.split()
    if part == "first":
        return words[0]
    if part == "last":
        return words[-1]
    if part == "initials":
        return "".join(w[0] for w in words).upper() if len(words) > 1 else name
    return name


def elide(before: str, name: str) -> str:
    """French elision before the new name: `de` + vowel → `d’`, `d’` + consonant → `de `."""
    vowel = name[0] in VOWELS
    for full, short in (("de ", "d’"), ("que ", "qu’")):
        if vowel and before.endswith(" " + full):
            return before[: -len(full)] + short
        for apostrophe in ("’", "'"):
            elided = short.replace("’", apostrophe)
            if not vowel and before.endswith(elided) and (len(before) == len(elided) or not before[-len(elided) - 1].isalpha()):
                return before[: -len(elided)] + full
    return before


def redraw_value(slot: Slot, rng: random.Random, pools: NamePools) -> str:
    """A new year, day of month, month name or number laid out like the source number."""
    if slot.kind == "year":
        return str(rng.randint(2015, 2026))
    if slot.kind == "day":
        return str(rng.randint(1, 28))
    if slot.kind == "month":
        return rng.choice(pools.months)
    digits = iter([str(rng.randint(1, 9))] + [str(rng.randint(0, 9)) for _ in slot.text])
    return re.sub(r"\d", lambda _: next(digits), slot.text)


@functools.cache
def load_passages() -> tuple[tuple[Sentence, ...], ...]:
    """Every paragraph of the source articles as a tuple of slotted sentences."""
    pattern = slot_pattern()
    passages = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            for paragraph in path.read_text(encoding="utf-8").splitlines():
                sentences = [s for s in SENTENCE_END.split(paragraph.strip()) if s]
                if sentences:
                    passages.append(tuple(slot_sentence(s, pattern) for s in sentences))
    return tuple(passages)


@functools.cache
def surface_forms() -> dict[str, Slot]:
    """Each swappable name and proper-name alias of the gold files → its slot (longest forms win later)."""
    forms: dict[str, Slot] = {}
    for gold in GOLD:
        for entity in json.loads(gold.read_text(encoding="utf-8"))["entities"]:
            kind = POOL_OF_TYPE.get(entity["type"])
            label = entity["label"]
            if kind is None or not label[0].isupper():
                continue
            key = f"{label}\t{kind}"
            forms.setdefault(label, Slot("entity", key))
            for alias in entity["aliases"]:
                if alias[0].isupper():
                    forms.setdefault(alias, Slot("entity", key, alias_part(alias, label)))
    return forms


def alias_part(alias: str, label: str) -> str:
    """How an alias relates to its label: its first word, last word, initials, or another full form."""
    words = label.split()
    if len(words) > 1 and alias == words[0]:
        return "first"
    if len(words) > 1 and alias == words[-1]:
        return "last"
    if alias.isupper() and alias not in words:
        return "initials"
    return "full"


def slot_pattern() -> re.Pattern[str]:
    """One regex for every name (longest first), numbers and month names, on word boundaries."""
    names = sorted(surface_forms(), key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(?:(?P<name>" + "|".join(map(re.escape, names)) + r")|(?P<number>" + NUMBER + r")"
        r"|(?P<month>" + slot_months() + r"))(?!\w)"
    )


def slot_sentence(sentence: str, pattern: re.Pattern[str]) -> Sentence:
    """Split a sentence into literal text and slots."""
    pieces: list[str | Slot] = []
    position = 0
    for match in pattern.finditer(sentence):
        pieces.append(sentence[position:match.start()])
        pieces.append(slot_of(match))
        position = match.end()
    pieces.append(sentence[position:])
    return tuple(p for p in pieces if p != "")


def slot_of(match: re.Match[str]) -> Slot:
    """The slot a match stands for; a number is a year (19xx/20xx) or a day (before a month) when it looks so."""
    if match["name"]:
        return surface_forms()[match["name"]]
    if match["month"]:
        return Slot("month")
    text = match["number"]
    if re.fullmatch(r"(19|20)\d\d", text):
        return Slot("year")
    if re.match(r"\s*(er\s+)?(" + slot_months() + ")", match.string[match.end():]) and int(text) <= 31:
        return Slot("day")
    return Slot("number", text=text)


@functools.cache
def slot_months() -> str:
    """Month names as a regex alternation."""
    return "|".join(json.loads(NAMES.read_text(encoding="utf-8"))["months"])


def main(argv: list[str] | None = None) -> int:
    """CLI: write a corpus and say how many articles and words it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the articles into")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (same seed, same corpus)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.articles, args.out, seed=args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} articles, {words} words in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
