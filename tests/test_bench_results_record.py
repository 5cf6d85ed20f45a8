"""bench.results.record: one Markdown section per run with machine, versions, table and notes."""
from __future__ import annotations

from bench.results import format_table, record


def test_record_appends_a_section_and_prints_it(tmp_path, capsys):
    path = tmp_path / "RESULTS.md"
    path.write_text("# Results\n\n", encoding="utf-8")
    record("demo", [{"run": "a", "seconds": 1.23456}, {"run": "b|c", "words/s": 2900.4}], "a note", path=path)
    record("demo", [], path=path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Results\n\n## demo — ")
    assert text.count("## demo — ") == 2
    assert "- machine: " in text and "CPUs" in text and "GiB RAM" in text
    assert "Python 3." in text and "spacy " in text and "pyoxigraph " in text
    assert "| run | seconds | words/s |" in text
    assert "| a | 1.23 |  |" in text and "| b\\|c |  | 2,900 |" in text
    assert "a note" in text and "(no rows)" in text
    assert capsys.readouterr().out in text


def test_table_columns_are_the_union_of_row_keys_in_first_seen_order():
    assert format_table([{"x": 1}, {"y": "z", "x": 2}]) == ["| x | y |", "|---|---|", "| 1 |  |", "| 2 | z |"]
