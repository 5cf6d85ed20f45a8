"""read_articles: each supported format gives the right text (what offsets refer to) and metadata."""
from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

from hypothesis import given, settings, strategies as st

from kg.articles import read_articles, read_html

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_seeds_are_three_articles_with_their_text_unchanged() -> None:
    report = read_articles([SEEDS])
    files = sorted(SEEDS.glob("*.txt"))
    assert report.warnings == []
    assert [article.name for article in report.articles] == [file.name for file in files]
    for article, file in zip(report.articles, files):
        assert article.text == file.read_text(encoding="utf-8")
        assert article.sha256 == hashlib.sha256(file.read_bytes()).hexdigest()
        assert article.id == f"{file.stem}_{article.sha256[:12]}"
        assert (article.title, article.url, article.date) == (None, None, None)


def test_txt_keeps_text_as_is_and_source_is_the_path_as_given(tmp_path: Path) -> None:
    text = "Netflix recrute.\r\n\r\n  L’IA « générative » arrive.\n"
    (tmp_path / "Grève à Hollywood.TXT").write_text(text, encoding="utf-8", newline="")
    [article] = read_articles([tmp_path]).articles
    assert article.text == text
    assert article.source == str(tmp_path / "Grève à Hollywood.TXT")
    assert article.name == "Grève à Hollywood.TXT"
    assert article.id.startswith("greve-a-hollywood_")


def test_markdown_keeps_text_and_takes_the_first_heading_as_title(tmp_path: Path) -> None:
    text = "Intro sans titre.\n\n## Netflix et l'IA ##\n\n# Autre titre\n\nCorps **gras**.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    [article] = read_articles([tmp_path / "a.md"]).articles
    assert article.text == text
    assert article.title == "Netflix et l'IA"


def test_markdown_without_heading_has_no_title(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("#hashtag n'est pas un titre\n", encoding="utf-8")
    assert read_articles([tmp_path]).articles[0].title is None


HTML = """<!DOCTYPE html>
<html><head>
  <title>Netflix &amp; l’IA
  </title>
  <meta property="article:published_time" content="2023-07-26T08:30:00+02:00">
  <link rel="canonical" href="https://example.com/netflix-ia">
  <style>p { color: red }</style>
  <script>var x = "<p>pas du texte</p>";</script>
</head><body>
  <!-- commentaire caché -->
  <noscript>Activez JavaScript</noscript>
  <template><p>modèle</p></template>
  <h1>Netflix   recrute</h1>
  <p>Le salaire atteint <b>900&nbsp;000</b> dollars&#8239;!<br>Deuxième ligne.</p>
  <ul><li>un</li><li>deux</li></ul>
  <table><tr><td>a</td><td>b</td></tr></table>
  <svg><title>icône</title></svg>
</body></html>
"""


def test_html_gives_visible_text_with_blocks_as_lines_and_head_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    [article] = read_articles([tmp_path]).articles
    assert article.text == (
        "Netflix recrute\nLe salaire atteint 900\u00a0000 dollars\u202f!\nDeuxième ligne.\nun\ndeux\na\nb"
    )
    assert article.title == "Netflix & l’IA"
    assert article.url == "https://example.com/netflix-ia"
    assert article.date == datetime.date(2023, 7, 26)
    assert article.name == "page.html"


def test_htm_is_html_and_og_url_is_a_fallback(tmp_path: Path) -> None:
    page = '<meta property="og:url" content="https://x.test/a"><p>Un</p><p>deux  trois</p>'
    (tmp_path / "a.htm").write_text(page, encoding="utf-8")
    [article] = read_articles([tmp_path]).articles
    assert (article.text, article.url, article.title, article.date) == ("Un\ndeux trois", "https://x.test/a", None, None)


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*"<>/!?[]-&#;=\"' a\nxp", "<![", "<!--", "<script>", "&#x"])).map("".join))
def test_html_reader_never_raises_on_malformed_markup(page: str) -> None:
    text, _ = read_html(page)
    assert isinstance(text, str)


def test_jsonl_gives_one_article_per_line_with_its_fields(tmp_path: Path) -> None:
    records = [
        {"text": "Premier article.", "title": "Un", "url": "https://a.test/1", "date": "2023-07-20", "id": "A-1"},
        {"text": "Deuxième article.", "date": "2023-10-15T09:00:00Z"},
        {"text": "Troisième.", "id": 42},
    ]
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    report = read_articles([tmp_path / "news.jsonl"])
    assert report.warnings == []
    by_text = {article.text: article for article in report.articles}
    first, second, third = (by_text[record["text"]] for record in records)
    assert (first.title, first.url, first.date, first.name) == ("Un", "https://a.test/1", datetime.date(2023, 7, 20), "A-1")
    assert first.source == f"{tmp_path / 'news.jsonl'}:1"
    assert first.sha256 == hashlib.sha256(lines[0].encode("utf-8")).hexdigest()
    assert first.id == f"a-1_{first.sha256[:12]}"
    assert (second.date, second.name, second.title) == (datetime.date(2023, 10, 15), "news.jsonl:2", None)
    assert second.id.startswith("news-2_")
    assert (third.name, third.id[:3]) == ("42", "42_")


def test_jsonl_handles_a_five_megabyte_line_under_a_raised_cap(tmp_path: Path) -> None:
    text = "Netflix investit dans l'IA. " * 200_000
    (tmp_path / "big.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    [article] = read_articles([tmp_path], max_chars=6_000_000).articles
    assert len(article.text) == len(text) > 5_000_000


def test_crlf_markdown_headings_have_no_carriage_return(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes("# Grève à Hollywood \r\n\r\nLe texte.\r\n".encode())
    (tmp_path / "b.md").write_bytes(b"## Deux ##\r\nSuite.\r\n")
    titles = {article.name: article.title for article in read_articles([tmp_path]).articles}
    assert titles == {"a.md": "Grève à Hollywood", "b.md": "Deux"}
