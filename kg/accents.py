"""Restore the accents of French text written without them ("la societe a declare" → "la société a déclaré").

Scraped French often loses its accents, and the parser then misreads verbs as names ("declare" tagged PER).
Restoration swaps letters one for one, so the text keeps its length and every character offset stays valid.

The lexicon comes from the spaCy model's own vocabulary (its vector keys, most frequent first): for each
unaccented spelling, the most frequent accented spelling. Two ambiguities need context, because both
spellings are words: "a" (avoir) / "à", and present / past participle ("utilise" / "utilisé").
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ACCENTED = re.compile(r"[àâäçéèêëîïôöùûüÿœæ]", re.IGNORECASE)
_AUXILIARIES = frozenset(
    "a ai as avons avez ont avait avaient avais avions aura auront aurait auraient eu avoir ayant "
    "est sont etait etaient suis es sommes etes sera seront serait seraient ete etre".split()
)
_BETWEEN_AUX_AND_PARTICIPLE = frozenset(
    "t il elle on ils elles pas plus jamais deja bien tres toujours aussi souvent encore beaucoup "
    "vite mal ne n s se".split()
)
_ADVERBS_AFTER_HAS = frozenset("pas plus jamais deja bien toujours aussi souvent encore beaucoup ete eu".split())


class CharTable(dict):
    """A `str.translate` table filled as characters come: `replace(code)` gives a character's replacement
    (a code point, a string, or None to drop it) the first time it is met and the table keeps it, so
    translate finds every character with one lookup and never raises, then catches, a KeyError."""

    def __init__(self, replace: Callable[[int], int | str | None], known: Mapping[int, int | str] | None = None) -> None:
        super().__init__(known or {})
        self._replace = replace

    def __missing__(self, code: int) -> int | str | None:
        self[code] = found = self._replace(code)
        return found


_MARKS = CharTable(lambda code: None if unicodedata.category(chr(code)) == "Mn" else code)
"""Drops combining marks (category Mn): one lookup per character, not a Python loop asking each one's category."""


def strip_accents(text: str) -> str:
    """`text` without combining marks ("Société" → "Societe"); same length for precomposed letters."""
    return text if text.isascii() else _strip_marks(text)


@lru_cache(maxsize=1 << 16)
def _strip_marks(text: str) -> str:
    """Memoised: the rules ask for the same words and sentences again and again."""
    return unicodedata.normalize("NFD", text).translate(_MARKS)


def is_unaccented(text: str, *, min_letters: int = 400) -> bool:
    """True when a French text long enough to tell has (almost) no accented letters at all. Most texts
    have more accents than a thousandth of their length: they are told without counting letters one by one."""
    accented = len(_ACCENTED.findall(text))
    if len(text) < min_letters or accented * 1000 >= len(text):
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= min_letters and accented * 1000 < letters


@dataclass(frozen=True)
class AccentLexicon:
    """Unaccented lowercase word → its spellings with their frequency ranks, most frequent first."""

    forms: dict[str, tuple[tuple[str, int], ...]]

    @classmethod
    def from_words(cls, words: Iterable[str], *, limit: int = 300_000) -> AccentLexicon:
        """Build from words in descending frequency, keeping lowercase alphabetic ones."""
        forms: dict[str, list[tuple[str, int]]] = {}
        for rank, word in enumerate(words):
            if rank >= limit:
                break
            if not word.isalpha() or not word.islower():
                continue
            key = strip_accents(word)
            if len(key) != len(word):
                continue
            spellings = forms.setdefault(key, [])
            if all(word != s for s, _ in spellings):
                spellings.append((word, rank))
        return cls({k: tuple(v) for k, v in forms.items() if any(s != k for s, _ in v)})

    def restore(self, text: str) -> str:
        """Accented `text`, same length; words are changed only where the lexicon and context agree.

        One character for one is enforced, not assumed: a spelling whose case change is longer (Greek
        "τῶν" upper-cases to four characters, "ΤΩ͂Ν") leaves its word as written, and a result of
        another length (which would shift every later offset) gives back `text` itself.
        """
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        lowered = [w.lower() for _, _, w in words]
        out = list(text)
        for i, (start, end, word) in enumerate(words):
            choice = self._choose(lowered, i, words[i + 1][2][:1].isupper() if i + 1 < len(words) else False)
            if choice is None or choice == lowered[i]:
                continue
            replacement = _match_case(choice, word)
            if len(replacement) == end - start:
                out[start:end] = replacement
        restored = "".join(out)
        return restored if len(restored) == len(text) else text

    def _choose(self, lowered: list[str], i: int, name_follows: bool) -> str | None:
        word = lowered[i]
        if word == "a":
            return "à" if name_follows or not _is_auxiliary_a(lowered, i, self) else None
        spellings = self.forms.get(word)
        if not spellings or word in _FUNCTION_WORDS:
            return None
        best, best_rank = spellings[0]
        common = [s for s, rank in spellings if rank <= _COMMON_RATIO * best_rank]
        participle = next((s for s, _ in spellings if s.endswith(_PARTICIPLE_ENDINGS)), None)
        if participle is None or len(word) < 4:
            return best
        if _after_auxiliary(lowered, i):
            return participle
        other = next((s for s in common if s != participle), None)
        return other or participle


_COMMON_RATIO = 4
"""A spelling counts as a word in its own right when it is at most this many times rarer than the best."""
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")
_FUNCTION_WORDS = frozenset(
    "le la les l un une des du de d ce cet cette ces son sa ses leur leurs mon ma mes notre nos votre vos "
    "quel quelle quels quelles que qu qui tout tous toute toutes lui ici aussi ainsi parmi mi plus".split()
)


def _match_case(replacement: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _after_auxiliary(lowered: list[str], i: int) -> bool:
    """Whether a form of avoir/être stands before word i, skipping pronouns and adverbs."""
    j = i - 1
    while j >= 0 and i - j <= 4:
        previous = strip_accents(lowered[j])
        if previous in _AUXILIARIES:
            return True
        if previous not in _BETWEEN_AUX_AND_PARTICIPLE:
            return False
        j -= 1
    return False


def _is_auxiliary_a(lowered: list[str], i: int, lexicon: AccentLexicon) -> bool:
    """Whether "a" is the verb avoir (kept) rather than the preposition "à" (restored).

    It is avoir when a past participle or an adverb of the compound tense follows ("a utilisé",
    "n'a pas", "a déjà"), or in the inversion "a-t-il".
    """
    if i + 1 >= len(lowered):
        return True
    following = strip_accents(lowered[i + 1])
    if following in _ADVERBS_AFTER_HAS or following == "t":
        return True
    if i > 0 and lowered[i - 1] in {"n", "y", "il", "elle", "on", "qui", "ne"}:
        return True
    if following in _FUNCTION_WORDS:
        return False
    spellings = lexicon.forms.get(following, ())
    if any(s.endswith(_PARTICIPLE_ENDINGS) for s, _ in spellings) or following.endswith(("i", "is", "it", "u", "us", "int", "ert", "ort", "uit")):
        return True
    return False
