"""read_articles: bad input gives one warning naming the file (and line) and never stops the run."""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from kg.articles import read_articles
from kg.errors import KgError

GOOD = "Netflix recrute un spécialiste de l'IA.\n"


def read_one(path: Path, data: bytes) -> tuple[list[str], list[str]]:
    """Write `data` to `path`, read its folder: the texts read and the warnings."""
    path.write_bytes(data)
    report = read_articles([path.parent])
    return [article.text for article in report.articles], report.warnings


def test_missing_path_is_an_error_with_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with pytest.raises(KgError) as raised:
        read_articles([tmp_path / "a.txt", tmp_path / "nope.txt"])
    assert raised.value.exit_code == 2
    assert str(raised.value) == f"path not found: {tmp_path / 'nope.txt'}"


def test_unsupported_extensions_are_skipped_one_warning_each(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    report = read_articles([tmp_path, tmp_path / "x.pdf"])
    assert [article.text for article in report.articles] == [GOOD]
    assert report.warnings == [
        f"{tmp_path / 'README'}: skipped: unsupported extension (none) (use .txt, .md, .html, .jsonl)",
        f"{tmp_path / 'x.pdf'}: skipped: unsupported extension .pdf (use .txt, .md, .html, .jsonl)",
    ]


def test_explicit_file_with_unknown_extension_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    report = read_articles([tmp_path / "notes.docx"])
    assert report.articles == []
    assert report.warnings == [f"{tmp_path / 'notes.docx'}: skipped: unsupported extension .docx (use .txt, .md, .html, .jsonl)"]


def test_hidden_files_and_folders_are_skipped_and_folders_are_recursive(tmp_path: Path) -> None:
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "a.txt").write_text("caché", encoding="utf-8")
    (tmp_path / ".b.txt").write_text("caché aussi", encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "c.txt").write_text(GOOD, encoding="utf-8")
    report = read_articles([tmp_path])
    assert [article.source for article in report.articles] == [str(tmp_path / "sub" / "deeper" / "c.txt")]
    assert report.warnings == []


@pytest.mark.parametrize(
    "name, data",
    [("a.txt", b""), ("a.txt", b" \n\t\r\n"), ("a.md", codecs.BOM_UTF8 + b"\n"), ("a.html", b"<p> </p><script>x</script>")],
)
def test_empty_or_whitespace_only_files_are_skipped(tmp_path: Path, name: str, data: bytes) -> None:
    assert read_one(tmp_path / name, data) == ([], [f"{tmp_path / name}: skipped: empty"])


def test_file_with_nul_bytes_is_binary(tmp_path: Path) -> None:
    assert read_one(tmp_path / "x.txt", b"texte\x00\x01\x02 suite") == ([], [f"{tmp_path / 'x.txt'}: skipped: binary file"])


def test_mostly_control_bytes_without_nul_is_binary(tmp_path: Path) -> None:
    noise = random.Random(0).randbytes(4096).replace(b"\x00", b"\x01")
    assert read_one(tmp_path / "x.txt", noise) == ([], [f"{tmp_path / 'x.txt'}: skipped: binary file"])


def test_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    text = "Élève à l’école : 15 € « très » bien…"
    assert read_one(tmp_path / "a.txt", text.encode("cp1252")) == (
        [text],
        [f"{tmp_path / 'a.txt'}: not UTF-8, decoded as cp1252"],
    )


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    assert read_one(tmp_path / "a.txt", b"caf\xe9 cr\xe8me \x81.") == (
        ["café crème  ."],  # U+0081 is a C1 control: a space, so offsets stay valid
        [f"{tmp_path / 'a.txt'}: not UTF-8, decoded as latin-1"],
    )


def test_utf8_bom_is_dropped_silently_but_counts_in_the_hash(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + GOOD.encode("utf-8"))
    (tmp_path / "plain.txt").write_bytes(GOOD.encode("utf-8"))
    report = read_articles([tmp_path])
    assert [article.text for article in report.articles] == [GOOD, GOOD]
    assert report.warnings == []


def test_jsonl_broken_lines_are_skipped_and_the_others_kept(tmp_path: Path) -> None:
    lines = [
        '{"text": "Bon article."}',
        '{"text": "pas fini"',
        "[1, 2]",
        '{"title": "sans texte"}',
        '{"text": 12}',
        '{"text": "   "}',
        "[" * 100_000,
        '{"text": "Autre bon article.", "date": "hier", "title": 3}',
    ]
    path = tmp_path / "f.jsonl"
    texts, warnings = read_one(path, "\r\n".join(lines).encode("utf-8"))
    assert sorted(texts) == ["Autre bon article.", "Bon article."]
    assert warnings == [
        f"{path}:2: skipped: invalid JSON (Expecting ',' delimiter at column 20)",
        f"{path}:3: skipped: invalid JSON (not an object)",
        f'{path}:4: skipped: invalid JSON (no string "text")',
        f'{path}:5: skipped: invalid JSON (no string "text")',
        f"{path}:6: skipped: empty",
        f"{path}:7: skipped: invalid JSON (nested too deeply)",
        f"{path}:8: ignored date 'hier' (not an ISO 8601 date)",
        f"{path}:8: ignored title (not a string)",
    ]


def test_unreadable_file_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Autre texte.", encoding="utf-8")
    read_bytes = Path.read_bytes

    def deny(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", deny)
    report = read_articles([tmp_path])
    assert [article.text for article in report.articles] == ["Autre texte."]
    assert report.warnings == [f"{locked}: skipped: cannot read (Permission denied)"]


def test_broken_symlink_in_a_folder_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    report = read_articles([tmp_path])
    assert report.articles == []
    assert report.warnings == [f"{tmp_path / 'dangling.txt'}: skipped: cannot read (No such file or directory)"]


def test_jsonl_in_cp1252_with_repeated_lines_warns_once_per_problem(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    line = '{"text": "Élève à l’école"}'
    texts, warnings = read_one(path, f"{line}\n{line}\n".encode("cp1252"))
    assert texts == ["Élève à l’école"]
    assert warnings == [
        f"{path}: not UTF-8, decoded as cp1252",
        f"{path}:2: skipped: same content as {path}:1",
    ]


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    assert [article.text for article in read_articles(str(tmp_path)).articles] == [GOOD]


def test_a_jsonl_integer_longer_than_pythons_limit_skips_only_its_line(tmp_path: Path) -> None:
    huge = "1" * 5000  # Python refuses to read integers of more than 4,300 digits (ValueError)
    (tmp_path / "news.jsonl").write_text(f'{{"text": "{GOOD.strip()}", "id": {huge}}}\n{{"text": "Ubisoft."}}\n', encoding="utf-8")
    report = read_articles(tmp_path)
    assert [article.text for article in report.articles] == ["Ubisoft."]
    assert report.warnings == [f"{tmp_path / 'news.jsonl'}:1: skipped: invalid JSON (a number too long to read)"]


def test_symlink_loops_in_a_folder_are_warnings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    report = read_articles(tmp_path)
    assert [article.text for article in report.articles] == [GOOD]
    assert report.warnings == [f"{tmp_path / name}: skipped: a symlink loop or an unreadable link"
                               for name in ("loop1.txt", "loop2.txt", "self")]
