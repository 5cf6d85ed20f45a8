"""Money, percentages, quantities and dates in French text, with character offsets.

spaCy's French model tags no amounts or dates, so kg finds them with regular expressions. They run over
a folded copy of the text (lower case, no accents, plain apostrophes, spaces and dashes) that keeps one
character per character, so an offset found in the copy is an offset in the original text, and
"fevrier", "jusqu'a" or "dollars americains" read the same as their accented spellings.
The words (months, currencies, approximations, periods, scales) come from ontology/lexicon/.
Pure Python: no spaCy import, so query, viz and export stay fast to start.
"""
from __future__ import annotations

import bisect
import csv
import datetime
import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from pathlib import Path

from kg.accents import CharTable
from kg.data import LEXICON_DIR

KINDS = ("date", "money", "percent", "quantity")
"""Value kinds; on a tie in length the earlier kind wins ("15 mars" is a date)."""

_NEAR_FUTURE_DAYS = 62
"""A day-month without a year more than ~2 months after the article date is taken from the year before."""


@dataclass(frozen=True)
class Value:
    """An amount or a date found in a text: what it is, where it is and what it means."""

    kind: str
    """"money", "percent", "quantity" or "date"."""
    start: int
    end: int
    text: str
    """text[start:end] of the text given to find_values."""
    value: Decimal | None = None
    """The single value; None for ranges, caps and dates."""
    min: Decimal | None = None
    max: Decimal | None = None
    approximate: bool = False
    currency: str | None = None
    """ISO 4217 code for money."""
    unit: str | None = None
    """Quantity: the counted noun, singular lower case ("abonné"); percent: "percent"."""
    period: str | None = None
    """"year", "quarter", "month", "week", "day" or "hour" for amounts per period."""
    date: str | None = None
    """ISO lexical form ("2025-10-15", "2025-02", "--10-15", "2024"); None when unresolved."""
    datatype: str | None = None
    """The XSD local name of `date`: "date", "gYearMonth", "gMonthDay" or "gYear"."""


_PLAIN = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\t": " ",
    "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
}
"""Typographic characters and their plain equivalents (NBSP, narrow NBSP, ’, minus sign, dashes)."""


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """`char` in lower case without accent, made plain; always one character, so offsets stay valid."""
    if char in _PLAIN:
        return _PLAIN[char]
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


_FOLD_TABLE = CharTable(lambda code: ord(_fold_char(chr(code))))


def _fold(text: str) -> str:
    """`text` folded character by character (same length)."""
    return text.translate(_FOLD_TABLE)


def _key(matched: str) -> str:
    """A folded match as a lexicon key: runs of spaces become one."""
    return re.sub(r" +", " ", matched)


def _alternation(forms: Iterable[str], *, word_start: bool = True) -> str:
    """A regex for any of `forms` (folded), longest first, never starting or ending inside a word.

    A leading class of first characters lets the engine skip the alternatives at most positions.
    """
    parts = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        head = r"(?<!\w)" if word_start and form[0].isalnum() else ""
        tail = r"(?!\w)" if form[-1].isalnum() else ""
        parts.append(head + re.escape(form).replace(r"\ ", " +") + tail)
    first = "".join(sorted({re.escape(form[0]) for form in forms}))
    return f"(?=[{first}])(?:" + "|".join(parts) + ")"


_NO_NUMBER_BEFORE = r"(?<![\w.,+\-/:])"
_DIGITS = (
    r"(?:[0-9]{1,3}(?:(?: [0-9]{3})+|(?:\.[0-9]{3})+)(?![0-9])(?:,[0-9]+)?"  # 900 000 / 900.000 / 1 234,56
    r"|[0-9]+(?:[.,][0-9]+)?)(?![0-9])"  # 17, 11,5, 3.5
)
_NO_LETTER_AFTER = r"(?![^\W\d_])"
_NOUN = r"[^\W\d_]+(?:-[^\W\d_]+)*(?!\w)"
_WORD_START = r"(?<!\w)(?=\w)"
"""Where dates start; checked first, it spares trying every pattern inside words (3x faster)."""
_AMOUNT_START = rf"(?:{_WORD_START}|(?=[^\w\s]))"
"""Where amounts start: a word or a sign."""
_AMOUNT_STARTS = re.compile(_AMOUNT_START)
"""Those positions, found alone: the amount pattern is tried at each one of its windows (`_scan`)."""


@dataclass(frozen=True)
class _Lexicon:
    """The words of ontology/lexicon/ (folded) and the patterns built from them."""

    words: dict
    currencies: dict[str, str]
    scales: dict[str, int]
    not_units: frozenset[str]
    invariable: frozenset[str]
    singular_endings: tuple[tuple[str, str], ...]
    number_phrase: re.Pattern[str]
    amount: re.Pattern[str]
    amount_anchor: re.Pattern[str]
    named_date: re.Pattern[str]
    month: re.Pattern[str]
    """A month name where it stands (what the named-date pattern's month group matches)."""
    month_forms: tuple[str, ...]
    weekday_date: re.Pattern[str]
    relative_day: re.Pattern[str]
    relative_period: re.Pattern[str]
    month_cue: re.Pattern[str]
    needles: dict[re.Pattern[str], tuple[str, ...]]
    """For the date patterns of rare words (weekdays, "hier"), words one of which their every match
    contains: a text with none of them (a plain substring search) is not scanned with them. Month names are
    in nearly every text ("mai" in "maison"), so the named-date pattern has none."""


def _folded_keys(mapping: dict) -> dict:
    """`mapping` with folded keys."""
    return {_fold(key): value for key, value in mapping.items()}


def _read_currencies(path: Path) -> tuple[dict[str, str], list[str]]:
    """Folded currency forms → ISO code, and the forms that may stand before a number."""
    codes: dict[str, str] = {}
    before: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            form = _fold(row["form"])
            codes[form] = row["code"]
            if row["kind"] != "name":
                before.append(form)
    return codes, before


@functools.cache
def _lexicon() -> _Lexicon:
    """Load the lexicon files once and compile the patterns."""
    raw = json.loads((LEXICON_DIR / "values_fr.json").read_text(encoding="utf-8"))
    words = {
        name: _folded_keys(entry) if isinstance(entry, dict) else [_fold(item) for item in entry]
        for name, entry in raw.items()
        if name not in ("_about", "singular_endings")
    }
    currencies, before = _read_currencies(LEXICON_DIR / "currencies.tsv")
    scales = {**words["scales"], **words["scale_abbreviations"]}

    currency_any = _alternation(currencies)
    currency_before = _alternation(before)
    scale_word = _alternation(words["scales"])
    scale_short = _alternation(words["scale_abbreviations"], word_start=False)
    scale = rf"(?:{scale_word}|{scale_short}(?= ?(?:de +|d')?{currency_any}))"
    number_word = rf"{_alternation(words['number_words'])}(?= +{scale_word})"
    percent = _alternation(words["percent_words"])
    months = _alternation(words["months"])
    relative = _alternation(words["relative_words"])
    weekdays = _alternation(words["weekdays"])

    def number(name: str, *, lookbehind: bool) -> str:
        guard = _NO_NUMBER_BEFORE if lookbehind else ""
        return rf"(?P<{name}>{guard}[+-]?{_DIGITS}|{number_word})"

    anchor = rf"[0-9]|{'|'.join(sorted({w[:4] for w in words['scales']}))}"
    amount = (
        # where amounts start: a word or a sign, with a digit or a scale word ("mill", "bill") not far ahead
        rf"{_AMOUNT_START}(?=[^\n]{{0,{_AMOUNT_REACH}}}?(?:{anchor}))"
        rf"(?:(?P<approx>{_alternation(words['approximations'])}) *|(?P<bound>{_alternation(words['bounds'])}) *)?"
        r"(?:(?P<open_de>(?<!\w)de) +|(?P<open_entre>(?<!\w)entre) +)?"
        rf"(?:(?P<cur1>{currency_before}) ?)?"
        rf"{number('n1', lookbehind=True)}(?: ?(?P<s1>{scale}))?{_NO_LETTER_AFTER}"
        r"(?:"
        rf"(?: ?(?P<u1>{currency_any}|{percent}))?"
        r"(?: +(?P<sep_a>a) +| +(?P<sep_et>et) +| *(?P<sep_dash>-) *)"
        rf"(?:(?P<cur2>{currency_before}) ?)?"
        rf"{number('n2', lookbehind=False)}(?: ?(?P<s2>{scale}))?{_NO_LETTER_AFTER}"
        r")?"
        # "de" goes with "à", "entre" with "et", and "et" only with "entre"
        r"(?(open_de)(?(sep_a)|(?!)))(?(open_entre)(?(sep_et)|(?!)))(?(sep_et)(?(open_entre)|(?!)))"
        rf"(?: ?(?P<unit_de>de +|d')?(?:(?P<unit>{currency_any}|{percent})|(?(cur1)(?!)|(?(cur2)(?!)|(?P<noun>{_NOUN})))))?"
        rf"(?: ?{_alternation(words['amount_qualifiers'])})?(?: ?(?P<period>{_alternation(words['periods'])})(?! +{relative}))?"
    )
    named_date = (
        rf"{_WORD_START}(?:(?P<weekday>{weekdays}) +)?(?:(?<![\w.,])(?P<day>[0-3]?[0-9])(?:er)? +)?(?P<month>{months})"
        rf"(?: +(?P<year>[12][0-9]{{3}})(?![0-9])| +(?P<rel>{relative}))?"
    )
    units = _alternation(words["calendar_units"])
    relative_period = (
        rf"(?:(?<!\w)(?:la|le|l') *(?P<unit>{units}) +(?P<rel>{relative})"
        rf"|{_alternation(words['this_words'])} +(?P<this_unit>{units})(?:-ci)?(?!\w))"
    )
    weekday_date = re.compile(rf"(?P<weekday>{weekdays}) +(?P<rel>{relative})")
    relative_day = re.compile(_alternation(words["relative_days"]))
    return _Lexicon(
        words=words,
        currencies=currencies,
        scales=scales,
        not_units=frozenset(words["not_units"]) | frozenset(words["months"]),
        invariable=frozenset(words["invariable_nouns"]),
        singular_endings=tuple((plural, singular) for plural, singular in raw["singular_endings"]),
        number_phrase=re.compile(rf"{number('n1', lookbehind=False)}(?: ?(?P<s1>{scale_word}|{scale_short}))?"),
        amount=re.compile(amount),
        amount_anchor=re.compile(anchor),
        named_date=re.compile(named_date),
        month=re.compile(months),
        month_forms=tuple(sorted(set(words["months"]))),
        weekday_date=weekday_date,
        relative_day=relative_day,
        relative_period=re.compile(relative_period),
        month_cue=re.compile(rf"{_alternation(words['month_cues'])} *$"),
        needles={weekday_date: _first_words(words["weekdays"]), relative_day: _first_words(words["relative_days"])},
    )


def _first_words(forms: Iterable[str]) -> tuple[str, ...]:
    """The first words of `forms`, which any text matching one of them contains as written."""
    return tuple(sorted({form.split(" ")[0] for form in forms}))


_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
"""Arithmetic that never rounds: the default context keeps 28 digits, so amounts of 10^28 and more
lost theirs."""


def _tidy(number: Decimal) -> Decimal:
    """`number` without a meaningless fraction or trailing zeros (11500000000.0 → 11500000000)."""
    whole = number.to_integral_value(context=_EXACT)
    return whole if number == whole else number.normalize(_EXACT)


def _number_value(number: str, lexicon: _Lexicon) -> Decimal:
    """A folded French number without scale: "900 000", "900.000", "1 234,56", "3.5", "-3,2", "deux"."""
    if number in lexicon.words["number_words"]:
        return Decimal(lexicon.words["number_words"][number])
    compact = number.replace(" ", "")
    if re.fullmatch(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?", compact):
        compact = compact.replace(".", "")  # dots grouping thousands: 900.000
    return Decimal(compact.replace(",", "."))


def _scale_factor(scale: str | None, lexicon: _Lexicon) -> Decimal:
    """10 to the power of a scale word ("milliards" → 10^9; French "billion" is 10^12, the long scale)."""
    return Decimal(1) if scale is None else Decimal(10) ** lexicon.scales[scale]


def parse_number(text: str) -> Decimal:
    """A French number as written ("1 234,56", "900.000", "+17", "11,5 milliards", "deux millions").

    Spaces, NBSP or dots group thousands, a comma marks decimals; a dot followed by other than three
    digits is an English decimal point ("3.5"). Raises ValueError when `text` is not one number.
    """
    lexicon = _lexicon()
    match = lexicon.number_phrase.fullmatch(_fold(text).strip())
    if match is None:
        raise ValueError(f"not a French number: {text!r}")
    return _tidy(_EXACT.multiply(_number_value(match["n1"], lexicon), _scale_factor(match["s1"], lexicon)))


def _unit_noun(written: str, lexicon: _Lexicon) -> str | None:
    """The singular of a plural lower-case noun counted by a quantity ("abonnés" → "abonné"), else None."""
    folded = _fold(written)
    if not written[0].islower() or folded in lexicon.not_units:
        return None
    lowered = written.lower()
    if folded in lexicon.invariable:
        return lowered
    for plural, singular in lexicon.singular_endings:
        if lowered.endswith(plural) and len(lowered) > len(plural):
            return lowered[: len(lowered) - len(plural)] + singular
    return None


def _counted_noun(match: re.Match[str], text: str, lexicon: _Lexicon) -> tuple[str, int] | None:
    """The noun a quantity counts and where the quantity ends; an adjective before the noun is
    skipped ("1 200 nouveaux clients" counts clients)."""
    written = text[match.start("noun"):match.end("noun")]
    if _fold(written) in {_fold(w) for w in lexicon.words["leading_adjectives"]}:
        following = re.match(r"\s+([^\W\d_][\w'-]*)", text[match.end("noun"):])
        unit = _unit_noun(following.group(1), lexicon) if following else None
        return (unit, match.end("noun") + following.end()) if unit else None
    unit = _unit_noun(written, lexicon)
    return (unit, match.end()) if unit else None


def _amount(match: re.Match[str], text: str, lexicon: _Lexicon) -> Value | None:
    """The money, percent or quantity a match of the amount pattern stands for, or None."""
    # "de" before the unit follows a scale word or whole millions: "6 millions d'abonnés", "1 000 000 d'euros"
    takes_de = bool(match["s1"] or match["s2"]) or (match["n2"] or match["n1"]).replace(".", " ").endswith("000 000")
    if match["sep_a"] and not match["open_de"] and text[match.start("sep_a")] not in "àÀ":
        return None  # "Claude 4 a 3 millions d'abonnés": "a" is the verb, not a range
    if match["unit_de"] and not takes_de:
        return None
    unit_text = _key(match["unit"] or match["u1"] or "")
    currency_text = match["cur1"] or match["cur2"] or (unit_text if unit_text in lexicon.currencies else None)
    unit = None
    end = match.end()
    if currency_text:
        kind, currency = "money", lexicon.currencies[_key(currency_text)]
    elif unit_text and not match["unit_de"]:
        kind, currency, unit = "percent", None, "percent"
    elif match["noun"] and (counted := _counted_noun(match, text, lexicon)) is not None:
        kind, currency = "quantity", None
        unit, end = counted
    else:
        return None
    low = _number_value(match["n1"], lexicon)
    bounds: dict[str, Decimal | None] = {"value": None, "min": None, "max": None}
    if match["n2"] is not None:
        high = _EXACT.multiply(_number_value(match["n2"], lexicon), _scale_factor(match["s2"], lexicon))
        # "entre 5 et 10 millions": the scale of the upper bound also applies to the lower one
        scale_1 = match["s1"] or (match["s2"] if low < _number_value(match["n2"], lexicon) else None)
        low = _EXACT.multiply(low, _scale_factor(scale_1, lexicon))
        bounds["min"], bounds["max"] = _tidy(min(low, high)), _tidy(max(low, high))
    else:
        side = lexicon.words["bounds"].get(_key(match["bound"] or ""), "value")
        bounds[side] = _tidy(_EXACT.multiply(low, _scale_factor(match["s1"], lexicon)))
    return Value(
        kind=kind,
        start=match.start(),
        end=end,
        text=text[match.start():end],
        **bounds,
        approximate=match["approx"] is not None,
        currency=currency,
        unit=unit,
        period=lexicon.words["periods"][_key(match["period"])] if match["period"] else None,
    )


def _iso(year: int, month: int, day: int | None) -> tuple[str, str]:
    """ISO form and XSD datatype of a full date or a year-month; ValueError for an impossible date."""
    if day is None:
        return f"{year:04d}-{month:02d}", "gYearMonth"
    return datetime.date(year, month, day).isoformat(), "date"


def _resolve_day_month(
    day: int | None, month: int, rel: int | None, article_date: datetime.date | None
) -> tuple[str | None, str | None]:
    """Date of a day-month or a month with no year, relative to the article date when there is one.

    "15 octobre" → the article's year, or the year before when that is more than ~2 months ahead;
    "février dernier" → the last February before the article's month; "3 mars prochain" → the next one.
    Without an article date: gMonthDay for a day-month, unresolved otherwise.
    """
    if article_date is None:
        return (f"--{month:02d}-{day:02d}", "gMonthDay") if day is not None and rel is None else (None, None)
    year = article_date.year
    try:
        if rel is not None:
            ahead = (
                (month - article_date.month) if day is None
                else (datetime.date(year, month, day) - article_date).days
            )
            return _iso(year if ahead * rel > 0 else year + rel, month, day)
        if day is None:
            return _iso(year - int(month - article_date.month > 2), month, None)
        too_far = (datetime.date(year, month, day) - article_date).days > _NEAR_FUTURE_DAYS
        return _iso(year - int(too_far), month, day)
    except ValueError:  # 29 février in a year without one
        return _resolve_day_month(day, month, None, None) if rel is None else (None, None)


def _named_date(match: re.Match[str], text: str, lexicon: _Lexicon, article_date: datetime.date | None) -> Value | None:
    """A date written with a month name: "15 octobre", "1er mars 2025", "février dernier", "en octobre"."""
    day = int(match["day"]) if match["day"] else None
    month = lexicon.words["months"][match["month"]]
    rel = lexicon.words["relative_words"][_key(match["rel"])] if match["rel"] else None
    if day is None and rel is None and match["year"] is None:
        folded_before = _fold(text[max(0, match.start() - 30):match.start()])
        if not lexicon.month_cue.search(folded_before):
            return None  # a bare "mars" may be the planet or the company
    try:
        if day is not None:
            datetime.date(2000, month, day)  # raises for "31 février" (2000 has a 29 février)
        if match["year"]:
            iso, datatype = _iso(int(match["year"]), month, day)
        else:
            iso, datatype = _resolve_day_month(day, month, rel, article_date)
    except ValueError:
        return None
    return _date_value(match, text, iso, datatype)


def _date_value(match: re.Match[str], text: str, iso: str | None, datatype: str | None) -> Value:
    """A date Value covering `match`."""
    return Value(kind="date", start=match.start(), end=match.end(), text=text[match.start():match.end()],
                 date=iso, datatype=datatype)


def _shifted_date(
    match: re.Match[str], text: str, article_date: datetime.date | None, days: Callable[[datetime.date], int]
) -> Value:
    """A date Value `days(article_date)` days from the article date; unresolved without one."""
    try:
        shifted = article_date + datetime.timedelta(days=days(article_date)) if article_date else None
    except OverflowError:  # before 1 January of year 1 or after 9999
        shifted = None
    return _date_value(match, text, *((shifted.isoformat(), "date") if shifted else (None, None)))


def _weekday_date(match: re.Match[str], text: str, lexicon: _Lexicon, article_date: datetime.date | None) -> Value:
    """"lundi dernier" / "mardi prochain": the nearest such weekday strictly before / after the article date."""
    weekday = lexicon.words["weekdays"][match["weekday"]]
    rel = lexicon.words["relative_words"][_key(match["rel"])]
    # days back to the last such weekday (rel -1) or forward to the next one (rel +1), never 0
    return _shifted_date(match, text, article_date, lambda a: rel * ((rel * (weekday - a.weekday())) % 7 or 7))


def _relative_day(match: re.Match[str], text: str, lexicon: _Lexicon, article_date: datetime.date | None) -> Value:
    """"hier", "aujourd'hui", "demain"... from the article date."""
    shift = lexicon.words["relative_days"][_key(match.group())]
    return _shifted_date(match, text, article_date, lambda _: shift)


def _relative_period(match: re.Match[str], text: str, lexicon: _Lexicon, article_date: datetime.date | None) -> Value:
    """"l'an dernier", "le mois prochain", "cette année": a gYear or gYearMonth; weeks stay unresolved."""
    unit = lexicon.words["calendar_units"][match["unit"] or match["this_unit"]]
    rel = lexicon.words["relative_words"][_key(match["rel"])] if match["rel"] else 0
    if article_date is None or unit == "week":
        return _date_value(match, text, None, None)
    if unit == "year":
        return _date_value(match, text, f"{article_date.year + rel:04d}", "gYear")
    months = article_date.year * 12 + article_date.month - 1 + rel
    return _date_value(match, text, *_iso(months // 12, months % 12 + 1, None))


_ISO_DATE = re.compile(r"(?<![\w\-/.])(?P<year>[12][0-9]{3})-(?P<month>[01][0-9])-(?P<day>[0-3][0-9])(?![\w\-/]|\.[0-9])")
_SLASH_DATE = re.compile(r"(?<![\w\-/.])(?P<day>[0-3]?[0-9])/(?P<month>[01]?[0-9])/(?P<year>[12][0-9]{3})(?![\w\-/]|\.[0-9])")
_YEAR = re.compile(rf"{_NO_NUMBER_BEFORE}(?:19|20)[0-9]{{2}}(?![0-9]|[.,][0-9]){_NO_LETTER_AFTER}")


def _numeric_date(match: re.Match[str], text: str) -> Value | None:
    """"2025-10-15" or "15/10/2025" as an xsd:date, None when no such day exists."""
    try:
        iso, datatype = _iso(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    return _date_value(match, text, iso, datatype)


def _scan(pattern: re.Pattern[str], folded: str, build: Callable[[re.Match[str]], Value | None],
          windows: Iterable[tuple[int, int]] | None = None, starts: re.Pattern[str] | None = None) -> Iterator[Value]:
    """Values built from the matches of `pattern`; after a rejected match, look again one character on.
    With `windows`, matches start only inside them, at the positions `starts` finds there (where the
    pattern may start): each is tried in turn, so no start is looked for past a window, and a match
    reads on past it up to a tail longer than any value (in full should a match reach that tail)."""
    position = 0
    for low, high in windows if windows is not None else [(0, len(folded))]:
        position = max(position, low)
        while position < high:
            if starts is None:
                match = pattern.search(folded, position)
            else:
                end = min(len(folded), high + _TAIL)
                match = next((m for start in starts.finditer(folded, position, high) if (m := pattern.match(folded, start.start(), end))), None)
                if match is not None and end < len(folded) and match.end() > end - _TAIL // 4:
                    match = pattern.search(folded, match.start())  # it may run on past the cut
            if match is None or match.start() >= high:
                break
            value = build(match)
            if value is not None:
                yield value
            position = match.end() if value is not None else match.start() + 1


_AMOUNT_REACH = 60
"""How far before its digit or scale word an amount may start ("à peu près deux millions")."""
_TAIL = 400
"""More characters than any amount or date spans."""


def _amount_windows(folded: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where amounts may start: within _AMOUNT_REACH characters before a digit or a scale word."""
    return _merged((max(0, found.start() - _AMOUNT_REACH), found.start() + 1) for found in anchor.finditer(folded))


def _month_windows(folded: str, lexicon: _Lexicon) -> list[tuple[int, int]]:
    """Where named dates may start: at a month name, or before it over a day and a weekday ("lundi 3
    mars"). Month names are found by plain string search, five times quicker than trying the date
    pattern at every word."""
    found: set[int] = set()
    for form in lexicon.month_forms:
        i = folded.find(form)
        while i >= 0:
            found.add(i)
            i = folded.find(form, i + 1)
    backwards = folded[::-1] if found else ""

    def window(start: int) -> tuple[int, int]:
        at = len(folded) - start
        return start - (_BEFORE_MONTH.match(backwards, at).end() - at), start + 1

    # a start inside a word ("maison") or a longer word ("marseille") is no month
    return _merged(window(start) for start in sorted(found) if lexicon.month.match(folded, start) is not None)


def _merged(windows: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Windows (low, high), in order of their highs, with those that touch or overlap joined."""
    joined: list[tuple[int, int]] = []
    for low, high in windows:
        if joined and low <= joined[-1][1]:
            joined[-1] = (joined[-1][0], high)
        else:
            joined.append((low, high))
    return joined


_BEFORE_MONTH = re.compile(r" *(?:re)?[0-9]{0,2} *[^\W\d_]{0,12}")
"""What may come before a month in a named date, read backwards from it: spaces, a day ("1er" reads
"re1"), spaces, a weekday — more than the date pattern allows, so its window starts early enough."""
_WORD_STARTS = re.compile(_WORD_START)


def _non_overlapping(candidates: Iterable[Value]) -> list[Value]:
    """The longest candidates that do not overlap (dates first on a tie), sorted by start."""
    chosen: list[Value] = []  # kept sorted by start; disjoint, so also by end
    for value in sorted(candidates, key=lambda v: (v.start - v.end, KINDS.index(v.kind), v.start)):
        index = bisect.bisect_left(chosen, value.start, key=lambda v: v.start)
        fits_before = index == len(chosen) or value.end <= chosen[index].start
        fits_after = index == 0 or chosen[index - 1].end <= value.start
        if fits_before and fits_after:
            chosen.insert(index, value)
    return chosen


@functools.cache
def day_words() -> frozenset[str]:
    """Weekdays and relative days, folded ("samedi", "hier", "aujourd'hui"): words no name runs on over."""
    words = _lexicon().words
    return frozenset({*words["weekdays"], *words["relative_days"]})


def find_values(text: str, *, article_date: datetime.date | None = None) -> list[Value]:
    """All values in text, sorted by start, non-overlapping (longest match wins).

    Relative and year-less dates are resolved against `article_date` when given.
    """
    return list(_find_values(text, article_date))


@functools.lru_cache(maxsize=64)
def _find_values(text: str, article_date: datetime.date | None) -> tuple[Value, ...]:
    """find_values, remembered for the last texts: the pipeline's entity component and then the
    extraction ask for the values of each article, with its date (the scan is a fifth of extraction)."""
    lexicon = _lexicon()
    folded = _fold(text)
    amounts = _scan(lexicon.amount, folded, lambda m: _amount(m, text, lexicon), _amount_windows(folded, lexicon.amount_anchor), _AMOUNT_STARTS)
    named = _scan(lexicon.named_date, folded, lambda m: _named_date(m, text, lexicon, article_date), _month_windows(folded, lexicon), _WORD_STARTS)
    dates: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Value | None]]] = [
        (lexicon.weekday_date, lambda m: _weekday_date(m, text, lexicon, article_date)),
        (lexicon.relative_day, lambda m: _relative_day(m, text, lexicon, article_date)),
        (lexicon.relative_period, lambda m: _relative_period(m, text, lexicon, article_date)),
        (_ISO_DATE, lambda m: _numeric_date(m, text)),
        (_SLASH_DATE, lambda m: _numeric_date(m, text)),
        (_YEAR, lambda m: _date_value(m, text, m.group(), "gYear")),
    ]
    dates = [(pattern, build) for pattern, build in dates
             if pattern not in lexicon.needles or any(needle in folded for needle in lexicon.needles[pattern])]
    return tuple(_non_overlapping([*amounts, *named, *(value for pattern, build in dates for value in _scan(pattern, folded, build))]))


__all__ = ["KINDS", "Value", "day_words", "find_values", "parse_number"]
