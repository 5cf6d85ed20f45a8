"""read_articles: ids depend on file name and content only, and duplicate content is read once."""
from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

from kg.articles import read_articles

CORPUS = {
    "b.txt": "Netflix recrute.",
    "a.md": "# Titre\n\nCorps.",
    "c.html": "<p>Hollywood en grève.</p>",
    "d.jsonl": '{"text": "Un."}\n{"text": "Deux.", "id": "Dépêche AFP n°2"}\n',
}


def write_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in CORPUS]


def test_ids_do_not_depend_on_path_order_or_folder(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "one")
    moved = tmp_path / "elsewhere" / "deep"
    shutil.copytree(tmp_path / "one", moved)
    ids = [article.id for article in read_articles(files).articles]
    assert [article.id for article in read_articles(files[::-1]).articles] == ids
    assert [article.id for article in read_articles([moved]).articles] == ids
    assert len(ids) == 5 and ids == sorted(ids)
    assert all(re.fullmatch(r"[a-z0-9_-]{1,64}_[0-9a-f]{12}", article_id) for article_id in ids)
    assert "depeche-afp-n2" in {article_id.rsplit("_", 1)[0] for article_id in ids}


def test_a_long_name_gives_an_id_under_80_characters(tmp_path: Path) -> None:
    (tmp_path / f"{'Très long titre ' * 12}.txt").write_text("Texte.", encoding="utf-8")
    [article] = read_articles([tmp_path]).articles
    assert len(article.id) <= 80
    assert re.fullmatch(r"tres-long-titre-[a-z-]+_[0-9a-f]{12}", article.id)


def test_same_bytes_are_kept_once_under_the_smallest_id(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text("Même contenu.", encoding="utf-8")
    report = read_articles([tmp_path / "c.md", tmp_path / "b.txt", tmp_path / "a.txt"])
    assert [article.name for article in report.articles] == ["a.txt"]
    assert report.warnings == [
        f"{tmp_path / 'b.txt'}: skipped: same content as {tmp_path / 'a.txt'}",
        f"{tmp_path / 'c.md'}: skipped: same content as {tmp_path / 'a.txt'}",
    ]


def test_a_file_named_twice_is_read_once_without_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Texte.", encoding="utf-8")
    report = read_articles([tmp_path, tmp_path / "a.txt", tmp_path / "." / "a.txt"])
    assert (len(report.articles), report.warnings) == (1, [])


def colliding_lines(digits: int) -> tuple[str, str]:
    """Two JSONL lines with the same id whose sha256 share their first `digits` hex digits: what an
    attacker finds for the real 12 digits with about 2^24 tries, found here for fewer digits."""
    import hashlib
    import json

    seen: dict[str, str] = {}
    for number in itertools.count():
        line = json.dumps({"id": "depeche", "text": f"Acme a racheté Beta{number} pour 3 millions d'euros."})
        prefix = hashlib.sha256(line.encode()).hexdigest()[:digits]
        if prefix in seen:
            return seen[prefix], line
        seen[prefix] = line


def test_articles_whose_ids_collide_get_the_whole_hash_and_never_share_facts(tmp_path: Path, monkeypatch) -> None:
    """Issue 15, item 13: with one id for two articles, resolution mixed their mentions into false facts."""
    import kg.articles
    from kg.graph import graph_triples
    from kg.namespace import RDFS
    from kg.resolve import resolve
    from test_graph_iris import extraction_naming

    monkeypatch.setattr(kg.articles, "ID_HASH_DIGITS", 2)
    first, second = colliding_lines(2)
    (tmp_path / "feed.jsonl").write_text(f"{first}\n{second}\n", encoding="utf-8")
    report = read_articles(tmp_path)
    ids = [article.id for article in report.articles]
    assert len(set(ids)) == 2 and all(re.fullmatch(r"depeche_[0-9a-f]{64}", i) for i in ids)
    assert len([w for w in report.warnings if "collides with another article's" in w]) == 2
    triples = graph_triples(resolve([extraction_naming(article, names) for article, names
                                     in zip(report.articles, (["Acme", "Beta"], ["Gamma", "Delta"]))]))
    labels = {s.value: o.value for s, p, o in triples if p.value == str(RDFS.label)}
    acquisitions = {(labels[s.value], labels[o.value]) for s, p, o in triples if p.value.endswith("#acquired")}
    assert acquisitions == {("Acme", "Beta"), ("Gamma", "Delta")}
