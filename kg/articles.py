"""Reading article files and folders into `Article` records: the first step of the data flow.

Formats: .txt and .md (text as is), .html/.htm (visible text), .jsonl (one article per line).
Bad input never stops a run: each skipped file or line gives one warning naming it, on one line.
Ids come from the file name and the content hash only, so a corpus read in any order, from any
folder, gets the same ids. `Article.text` is what character offsets refer to; the NLP step folds
typography with `normalize_typography`, which keeps every offset valid.

Hostile input is made safe here, once, so every later step and every output format can trust it:
- every string field is cleaned character for character (`clean_text`): control characters other
  than tab and line breaks become spaces (XML 1.0, hence RDF/XML, cannot carry them), lone
  surrogates (not encodable as UTF-8) and the non-characters U+FFFE/U+FFFF become U+FFFD; offsets
  stay valid because each character is replaced by exactly one;
- ids are slugs of ASCII letters, digits, "_" and "-" (valid in any IRI);
- a url is kept only when it is an absolute http(s) IRI (`http_iri`), else ignored with a warning;
- an article longer than `max_chars` characters is skipped with a warning giving its size.
"""
from __future__ import annotations

import codecs
import dataclasses
import datetime
import functools
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox

from kg.accents import CharTable
from kg.data import LEXICON_DIR
from kg.errors import KgError

TYPOGRAPHY_TABLE = LEXICON_DIR / "typography.tsv"
SUPPORTED = ".txt, .md, .html, .jsonl"
SLUG_MAX = 64
"""Longest file-name part of an id; with "_" and 12 hex digits an id stays under 80 characters."""
ID_HASH_DIGITS = 12
"""Hex digits of the content's sha256 in an article id: 48 bits keep articles apart by chance, not
against an input crafted to collide (2^24 tries), so `unique_ids` checks."""
MAX_CHARS = 1_000_000
"""Longest article read by default: spaCy's own nlp.max_length; news articles are far shorter."""
BINARY_SAMPLE = 65536
BINARY_RATIO = 0.1
"""A file with a NUL byte, or whose first BINARY_SAMPLE characters are more than this share of
control characters, is binary: text has almost none (random bytes decoded as latin-1 have ~23%)."""
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
"""C0 and C1 controls except tab, line breaks, form feed and escape."""
UNSAFE_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[\ud800-\udfff\ufffe\uffff]")
"""What `clean_text` replaces: controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF."""


@dataclass(frozen=True)
class Article:
    """One article: its text (what offsets refer to), where it came from and its metadata."""

    id: str
    """Slug of the file stem (or JSONL id/line) + "_" + the first 12 hex digits of sha256."""
    source: str
    """For messages: the path as given, or "file.jsonl:3" for line 3 of a JSONL file."""
    name: str
    """The file name, or the JSONL `id`, else "file.jsonl:3"."""
    text: str
    title: str | None
    url: str | None
    date: datetime.date | None
    sha256: str
    """Hex sha256 of the source bytes: the file, or the JSONL line without its line break."""


@dataclass
class ReadReport:
    """What `read_articles` found: the articles sorted by id, and one warning per skipped input."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_articles(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str], *, max_chars: int = MAX_CHARS
) -> ReadReport:
    """Read files and folders (recursively, hidden ones skipped) into articles sorted by id.

    Articles with the same bytes are kept once (the smallest id), with a warning for the others;
    articles longer than `max_chars` characters are skipped with a warning.
    A single path may be given instead of a sequence (a string is never a list of one-letter paths).
    Raises KgError (exit 2) when a path does not exist; every other problem is a warning.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    warnings: list[str] = []
    files = list_files(paths, warnings)
    articles = [article for path in files for article in read_file(path, warnings, max_chars=max_chars)]
    articles = unique_ids(drop_duplicates(articles, warnings), warnings)
    return ReadReport(articles, [one_line(warning) for warning in warnings])


def clean_text(text: str) -> str:
    """`text` with each character that RDF/XML or UTF-8 cannot carry replaced by one character.

    Controls other than tab, LF and CR become a space; lone surrogates, U+FFFE and U+FFFF become
    U+FFFD. Same length as `text`, so offsets stay valid.
    >>> clean_text("a\\x00b\\x1bc\\ud800d")
    'a b c\ufffdd'
    """
    return UNSAFE_CHARACTERS.sub(lambda match: " " if match[0] < "\ud800" else "\ufffd", text)


def one_line(message: str) -> str:
    """`message` printable on one line: controls and undecodable file-name bytes as backslash escapes."""
    escaped = UNSAFE_CHARACTERS.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"), message)
    return re.sub(r"[\n\r\t]", lambda match: match[0].encode("unicode_escape").decode("ascii"), escaped)


UCSCHAR = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(plane << 16)}-{chr((plane << 16) + 0xFFFD)}" for plane in range(1, 14)
) + "\U000e1000-\U000efffd"
"""RFC 3987 ucschar: the non-ASCII characters an IRI may hold as they are (not the tag characters
U+E0000-U+E0FFF at the start of plane 14)."""
IRI_HOST = re.compile(
    rf"(?:[^\s@/?#\[\]]+@)?(?:[A-Za-z0-9_.~!$&'()*+,;=%{UCSCHAR}-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?"
)
"""An IRI authority: optional user info, a host name (Unicode letters allowed) or [IP literal], optional port."""
IRI_UNSAFE = re.compile(
    rf"[^A-Za-z0-9_.~!$&'()*+,;=:@/?#%{UCSCHAR}-]|[\u200e\u200f\u202a-\u202e\u2066-\u2069]|\s|%(?![0-9A-Fa-f]{{2}})"
)
"""Characters an IRI cannot hold as they are (RFC 3987 ucschar and ASCII IRI characters are fine),
bidirectional formatting marks (forbidden by RFC 3987 section 4.1), Unicode spaces (ucschar, but
N-Triples readers such as rdflib's end an IRI there: NBSP in a url broke `kg validate`), and a "%" not
starting an escape."""


def http_iri(value: str) -> str | None:
    """`value` as an absolute http(s) IRI, percent-encoding what an IRI cannot hold (a second "#"
    included), or None when it is not a web address (no http/https scheme, no host, a host with
    characters no host has, or anything else Oxigraph, which has the last word, rejects).

    >>> http_iri("https://example.org/a b?q=<1>#x#y")
    'https://example.org/a%20b?q=%3C1%3E#x%23y'
    >>> http_iri("javascript:alert(1)"), http_iri("http://[1]/news")
    (None, None)
    """
    match = re.fullmatch(r"(https?)://([^/?#]*)(.*)", value.strip(), re.IGNORECASE | re.DOTALL)
    if match is None or not IRI_HOST.fullmatch(match[2]):
        return None
    user, at, host_port = match[2].rpartition("@")
    if IRI_UNSAFE.search(re.sub(r":[0-9]*$", "", host_port).strip("[]")):
        return None

    def encode(found: re.Match[str]) -> str:
        return "".join(f"%{byte:02X}" for byte in found[0].encode("utf-8", "surrogatepass"))

    path, hash_, fragment = IRI_UNSAFE.sub(encode, match[3]).partition("#")
    iri = f"{match[1].lower()}://{IRI_UNSAFE.sub(encode, user)}{at}{host_port}{path}{hash_}{fragment.replace('#', '%23')}"
    try:
        ox.NamedNode(iri)
    except ValueError:  # e.g. an IP literal that is not an address
        return None
    return iri


def normalize_typography(text: str) -> str:
    """Fold curly quotes, guillemets, Unicode spaces, zero-width characters and hyphens to ASCII.

    Each character becomes exactly one character, so offsets into `text` stay valid in the result.
    >>> normalize_typography("l\u2019IA \u00abcr\u00e9ative\u00bb\u202f!")
    'l\\'IA "créative" !'
    """
    return text.translate(_translation())


@functools.cache
def _translation() -> CharTable:
    """load_typography's table, keeping every other character as it is."""
    return CharTable(lambda code: code, load_typography())


@functools.cache
def load_typography() -> dict[int, str]:
    """The character table of ontology/lexicon/typography.tsv, as a `str.translate` mapping."""
    table: dict[int, str] = {}
    for number, line in enumerate(TYPOGRAPHY_TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        char, replacement = (codecs.decode(cell, "unicode_escape") for cell in line.split("\t")[:2])
        if len(char) != 1 or len(replacement) != 1:
            raise ValueError(f"{TYPOGRAPHY_TABLE}:{number}: expected one character to one character")
        table[ord(char)] = replacement
    return table


def list_files(paths: Sequence[str | os.PathLike[str]], warnings: list[str]) -> list[Path]:
    """The files to read: named files, and the files under named folders, each file once."""
    for given in paths:
        if not Path(given).exists():
            raise KgError(f"path not found: {os.fspath(given)}", exit_code=2)
    files: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        for file in walk_folder(path, warnings) if path.is_dir() else [path]:
            try:
                identity = file.resolve()
            except (OSError, RuntimeError):  # RuntimeError: a symlink loop
                warnings.append(f"{file}: skipped: a symlink loop or an unreadable link")
                continue
            if identity not in seen:
                seen.add(identity)
                files.append(file)
    return files


def walk_folder(folder: Path, warnings: list[str]) -> list[Path]:
    """Every file under `folder`, sorted, without hidden files and folders or symlinked folders."""

    def warn_folder(error: OSError) -> None:
        warnings.append(f"{error.filename}: skipped: cannot read folder ({error.strerror})")

    files = []
    for root, dirs, names in os.walk(folder, onerror=warn_folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        files += [Path(root, name) for name in sorted(names) if not name.startswith(".")]
    return sorted(files)


def read_file(path: Path, warnings: list[str], *, max_chars: int = MAX_CHARS) -> list[Article]:
    """The articles in one file (none, with a warning, when it cannot be used)."""
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        warnings.append(f"{path}: skipped: unsupported extension {suffix or '(none)'} (use {SUPPORTED})")
        return []
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            warnings.append(f"{path}: skipped: not a regular file")
            return []
        if suffix != ".jsonl" and status.st_size > 4 * max_chars:  # UTF-8 takes at most 4 bytes a character
            warnings.append(f"{path}: skipped: {status.st_size:,} bytes, over the limit of {max_chars:,} characters")
            return []
        data = path.read_bytes()
    except OSError as error:
        warnings.append(f"{path}: skipped: cannot read ({error.strerror or error})")
        return []
    decoded = decode_bytes(data, str(path), warnings)
    if decoded is None:
        return []
    text, encoding = decoded
    if suffix == ".jsonl":
        return read_jsonl(path, data, encoding, warnings, max_chars=max_chars)
    text, metadata = TEXT_READERS[suffix](text)
    if not text.strip():
        warnings.append(f"{path}: skipped: empty")
        return []
    if too_long(text, str(path), max_chars, warnings):
        return []
    metadata["url"] = checked_url(metadata.get("url"), str(path), warnings)
    return [
        make_article(path.stem, source=str(path), name=path.name, text=text, data=data, **metadata)
    ]


def too_long(text: str, source: str, max_chars: int, warnings: list[str]) -> bool:
    """Whether `text` is over `max_chars` characters (with a warning giving its size)."""
    if len(text) <= max_chars:
        return False
    warnings.append(f"{source}: skipped: {len(text):,} characters, over the limit of {max_chars:,}")
    return True


def checked_url(url: str | None, source: str, warnings: list[str]) -> str | None:
    """`url` as an http(s) IRI (see `http_iri`), or None with a warning when it is not one."""
    iri = http_iri(url) if url else None
    if url and iri is None:
        warnings.append(f"{source}: ignored url {url[:100]!r} (not an http(s) address)")
    return iri


def decode_bytes(data: bytes, source: str, warnings: list[str]) -> tuple[str, str] | None:
    """The text of `data` and its encoding (UTF-8, else cp1252, else latin-1), or None when unusable.

    A UTF-8 byte order mark is dropped. Empty and binary data give a warning and None.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        warnings.append(f"{source}: skipped: empty")
        return None
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if b"\0" in data or is_mostly_binary(text[:BINARY_SAMPLE]):
        warnings.append(f"{source}: skipped: binary file")
        return None
    if encoding != "utf-8":
        warnings.append(f"{source}: not UTF-8, decoded as {encoding}")
    return text, encoding


def is_mostly_binary(sample: str) -> bool:
    """Whether more than BINARY_RATIO of the characters of `sample` are control characters."""
    return len(CONTROL_CHARACTERS.findall(sample)) > BINARY_RATIO * len(sample)


def read_plain(text: str) -> tuple[str, dict[str, object]]:
    """A .txt file: the text as is, no metadata."""
    return text, {}


MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t\r]*$", re.MULTILINE)
"""An ATX heading; a CRLF line end is not part of the title."""


def read_markdown(text: str) -> tuple[str, dict[str, object]]:
    """A .md file: the text as is (offsets are the file's), the first ATX heading as title."""
    heading = MARKDOWN_HEADING.search(text)
    return text, {"title": heading.group(1) if heading else None}


def read_html(text: str) -> tuple[str, dict[str, object]]:
    """An .html file: its visible text, block elements as line breaks; title, url and date from the head."""
    parser = VisibleText()
    parser.feed(text)
    parser.close()
    metadata = {
        "title": " ".join("".join(parser.title).split()) or None,
        "url": parser.url,
        "date": parse_date(parser.published) if parser.published else None,
    }
    return parser.text(), metadata


TEXT_READERS = {".txt": read_plain, ".md": read_markdown, ".html": read_html, ".htm": read_html}
"""Readers of one-article files by extension: the decoded file → the article text and metadata."""
EXTENSIONS = frozenset({*TEXT_READERS, ".jsonl"})


class VisibleText(HTMLParser):
    """Collects the text a browser shows (without scripts, styles, templates, comments) and head metadata."""

    HIDDEN = frozenset({"script", "style", "noscript", "template"})
    BLOCKS = frozenset(
        "address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption "
        "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table "
        "tbody td tfoot th thead tr ul".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.title: list[str] = []
        self.url: str | None = None
        self.published: str | None = None
        self.hidden_depth = 0
        self.in_title = False
        self.seen_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in self.BLOCKS:
            self.chunks.append("\n")
        elif tag == "meta" and values.get("property") == "article:published_time":
            self.published = values.get("content", "").strip() or self.published
        elif tag == "meta" and values.get("property") == "og:url" and not self.url:
            self.url = values.get("content", "").strip() or None
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.url = values.get("href", "").strip() or self.url

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag == "title":
            self.in_title = False
            self.seen_title = True
        elif tag in self.BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self.hidden_depth:
            return
        if self.in_title:
            if not self.seen_title:
                self.title.append(data)
        else:
            self.chunks.append(re.sub(r"[ \t\n\r\f\v]+", " ", data))

    def close(self) -> None:
        """End of input. What the parser left unparsed, when it starts with `<`, is markup the input
        never closed (`<a ` without `>`, an unterminated comment or attribute): dropped whole, as
        browsers drop it at the end of a file. The standard parser instead re-reads it from each later
        `<` (quadratic: 180 KB of `<a ` ran for minutes)."""
        if self.rawdata.startswith("<") and len(self.rawdata) > 1:
            self.rawdata = ""
        super().close()

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Skip a malformed `<![...>` section to its `>` as browsers do (the standard parser asserts)."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1

    def text(self) -> str:
        """The collected text: one line per block, runs of spaces collapsed, no blank lines."""
        text = re.sub(r" {2,}", " ", "".join(self.chunks))
        return "\n".join(line.strip(" ") for line in text.split("\n") if line.strip(" "))


def read_jsonl(path: Path, data: bytes, encoding: str, warnings: list[str], *, max_chars: int = MAX_CHARS) -> list[Article]:
    """The articles of a JSONL file: one JSON object per line with `text` and optional title, url, date, id.

    Blank lines are ignored; a broken line gives a warning and the other lines are kept.
    """
    articles = []
    lines = data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    for number, line in enumerate(lines, 1):
        line = line.removesuffix(b"\r")
        if not line.strip():
            continue
        source = f"{path}:{number}"
        record, problem = parse_record(line.decode(encoding))
        if problem:
            warnings.append(f"{source}: skipped: invalid JSON ({problem})")
        elif not record["text"].strip():
            warnings.append(f"{source}: skipped: empty")
        elif not too_long(record["text"], source, max_chars, warnings):
            articles.append(record_article(record, path, number, line, warnings))
    return articles


def parse_record(line: str) -> tuple[dict, str | None]:
    """A JSONL line as a JSON object with a string `text`, or what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return {}, f"{error.msg} at column {error.colno}"
    except ValueError:  # an integer of more than 4,300 digits (Python's int limit)
        return {}, "a number too long to read"
    except RecursionError:
        return {}, "nested too deeply"
    if not isinstance(record, dict):
        return {}, "not an object"
    if not isinstance(record.get("text"), str):
        return {}, 'no string "text"'
    return record, None


def record_article(record: dict, path: Path, number: int, line: bytes, warnings: list[str]) -> Article:
    """The article of one valid JSONL record; unusable optional fields are ignored with a warning."""
    source = f"{path}:{number}"

    def optional(key: str, types: tuple[type, ...] = (str,)) -> str | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, types):
            warnings.append(f"{source}: ignored {key} (not a string)")
            return None
        return str(value).strip() or None

    key = optional("id", (str, int))
    raw_date = optional("date")
    date = parse_date(raw_date) if raw_date else None
    if raw_date and date is None:
        warnings.append(f"{source}: ignored date {raw_date!r} (not an ISO 8601 date)")
    return make_article(
        key or f"{path.stem}-{number}",
        source=source,
        name=key or f"{path.name}:{number}",
        text=record["text"],
        data=line,
        title=optional("title"),
        url=checked_url(optional("url"), source, warnings),
        date=date,
    )


def parse_date(value: str) -> datetime.date | None:
    """The calendar date of an ISO 8601 date or date-time (as written, not moved to UTC), else None."""
    try:
        return datetime.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def make_article(
    key: str,
    *,
    source: str,
    name: str,
    text: str,
    data: bytes,
    title: str | None = None,
    url: str | None = None,
    date: datetime.date | None = None,
) -> Article:
    """An Article whose id is the slug of `key` and the first 12 hex digits of the sha256 of `data`;
    its strings cleaned by `clean_text` (the source, for messages, by `one_line`)."""
    sha256 = hashlib.sha256(data).hexdigest()
    title, url = (clean_text(value) if value else value for value in (title, url))
    return Article(f"{slugify(key)}_{sha256[:ID_HASH_DIGITS]}", one_line(source), clean_text(name), clean_text(text), title, url, date, sha256)


def slugify(name: str) -> str:
    """`name` as lowercase ASCII letters, digits, "_" and "-", at most SLUG_MAX characters.

    >>> slugify("Grève à Hollywood (2023)")
    'greve-a-hollywood-2023'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_name.lower()).strip("-_")
    return slug[:SLUG_MAX].rstrip("-_") or "article"


def drop_duplicates(articles: list[Article], warnings: list[str]) -> list[Article]:
    """The articles sorted by id, keeping the first of each set with the same bytes."""
    kept: dict[str, Article] = {}
    for article in sorted(articles, key=lambda article: article.id):
        if article.sha256 in kept:
            warnings.append(f"{article.source}: skipped: same content as {kept[article.sha256].source}")
        else:
            kept[article.sha256] = article
    return list(kept.values())


def unique_ids(articles: list[Article], warnings: list[str]) -> list[Article]:
    """The articles sorted by id, no two with the same id. Different articles whose ids collide (same
    slug, same hash prefix: it takes a crafted input) would be read as one, their mentions mixed into
    false facts: they get the whole sha256 in their ids, with a warning; one whose longer id still
    collides is skipped."""
    counts = Counter(article.id for article in articles)
    lengthened = []
    for article in articles:
        if counts[article.id] > 1:
            longer = f"{article.id[: -ID_HASH_DIGITS - 1]}_{article.sha256}"
            warnings.append(f"{article.source}: id {article.id} collides with another article's: read as {longer}")
            article = dataclasses.replace(article, id=longer)
        lengthened.append(article)
    kept: dict[str, Article] = {}
    for article in sorted(lengthened, key=lambda article: (article.id, article.sha256)):
        if article.id in kept:
            warnings.append(f"{article.source}: skipped: its id {article.id} collides with {kept[article.id].source}")
        else:
            kept[article.id] = article
    return list(kept.values())
