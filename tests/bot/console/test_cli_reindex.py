"""`articlebot reindex`: its counts, bad files, folders without articles, missing folders and duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main


def test_reindex_prints_counts(tmp_path: Path, library: Path) -> None:
    """reindex reports added/skipped counts and exits 0; the second run skips all."""
    path = tmp_path / "r.db"
    first = CliRunner().invoke(main, ["reindex", str(library), "--db", str(path), "--json"])
    second = CliRunner().invoke(main, ["reindex", str(library), "--db", str(path), "--json"])
    assert json.loads(first.output)["added"] == 3
    assert (json.loads(second.output)["added"], json.loads(second.output)["skipped"]) == (0, 3)
    assert second.exit_code == 0


def test_reindex_names_bad_files(tmp_path: Path, library: Path) -> None:
    """A bad file is named with its reason in the summary."""
    (library / "empty.txt").write_text("")
    result = CliRunner().invoke(main, ["reindex", str(library), "--db", str(tmp_path / "b.db")])
    assert "empty.txt: the file is empty" in result.output
    assert result.exit_code == 0


def test_reindex_folder_without_article_files_says_so_and_exits_1(tmp_path: Path) -> None:
    """A folder with no article file (.txt, .md, .markdown, .html, .htm) is named as such, and the reindex exits 1."""
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(main, ["reindex", str(folder), "--db", str(tmp_path / "r.db")])
    assert (result.exit_code, result.output.splitlines()[1:]) == (1, [
        f"  bad: {folder}: no article files (.md, .htm, .txt, .html, .markdown) found in this folder",
        "  1 file that is not an article was skipped (1 .pdf): report.pdf; --verbose lists each"])


@pytest.mark.parametrize("configured", [True, False], ids=["configured", "given"])
def test_reindex_with_a_missing_folder_exits_1_even_when_others_index(tmp_path: Path, library: Path,
                                                                      configured: bool) -> None:
    """A missing folder, configured or given, exits 1 although the other folder was indexed."""
    missing = tmp_path / "seeds"
    db = tmp_path / "r.db"
    if configured:
        config = tmp_path / "c.toml"
        config.write_text(f'[index]\narticle_dirs = ["{library}", "seeds"]\n')
        args = ["reindex", "--config", str(config), "--db", str(db), "--json"]
    else:
        args = ["reindex", str(library), str(missing), "--db", str(db), "--json"]
    result = CliRunner().invoke(main, args)
    report = json.loads(result.output)
    assert (result.exit_code, report["articles"], report["bad"]) == (
        1, 3, [{"path": str(missing), "reason": "no such file or folder"}])


def test_reindex_counts_duplicates_in_one_line(tmp_path: Path, library: Path) -> None:
    """Five copies of one article: one counted line naming the first three, relative to the folder."""
    seed = library / "000_d3689b044ccb29bf.txt"
    for n in range(5):
        (library / f"copy{n}.txt").write_bytes(seed.read_bytes())
    result = CliRunner().invoke(main, ["reindex", str(library), "--db", str(tmp_path / "r.db")])
    assert (result.exit_code, result.output.splitlines()[1:]) == (0, [
        "  duplicates: 5 files repeat another file's text (indexed once): copy0.txt, copy1.txt, copy2.txt "
        "and 2 more; --verbose lists each"])


def _with_other_files(library: Path) -> None:
    """Files beside the articles that are not articles: two named, the rest silent."""
    (library / "feed.xml").write_text("<rss/>")
    (library / "more").mkdir()
    (library / "more" / "data.xml").write_text("<x/>")
    (library / "scan.pdf").write_bytes(b"%PDF-1.4")
    (library / "README.md").write_text("# About these articles\n")
    for silent in (".notes.xml", "draft.txt~", "#draft.txt#", "draft.txt.swp"):
        (library / silent).write_text("x")


def test_reindex_counts_the_files_that_are_not_articles(tmp_path: Path, library: Path) -> None:
    """A .xml, a .pdf or a README in an article folder is counted and named as skipped, why
    in --json; hidden files and editors' backups stay silent; the articles index as before."""
    _with_other_files(library)
    result = CliRunner().invoke(main, ["reindex", str(library), "--db", str(tmp_path / "r.db")])
    report = json.loads(CliRunner().invoke(main, ["reindex", str(library), "--db", str(tmp_path / "j.db"),
                                                  "--json"]).output)
    assert (result.exit_code, result.output.splitlines()[1:]) == (0, [
        "  4 files that are not articles were skipped (2 .xml, 1 .pdf, 1 README): README.md, feed.xml, "
        "more/data.xml and 1 more; --verbose lists each"])
    assert "not articles 4" in result.output.splitlines()[0]
    assert (report["articles"], report["ignored"][1]) == (3, {
        "path": str(library / "feed.xml"),
        "reason": "not an article file (.xml; articles are .md, .htm, .txt, .html, .markdown)"})


def test_reindex_verbose_names_each_file_skipped(tmp_path: Path, library: Path) -> None:
    """--verbose lists every skipped file with why, and nothing about the hidden ones."""
    _with_other_files(library)
    result = CliRunner().invoke(main, ["reindex", str(library), "--db", str(tmp_path / "r.db"), "--verbose"])
    assert result.output.splitlines()[1:] == [
        f"  not an article: {library / 'README.md'}: a README or LICENSE-style file, not an article",
        f"  not an article: {library / 'feed.xml'}: not an article file (.xml; articles are .md, .htm, .txt, "
        ".html, .markdown)",
        f"  not an article: {library / 'more' / 'data.xml'}: not an article file (.xml; articles are .md, .htm, "
        ".txt, .html, .markdown)",
        f"  not an article: {library / 'scan.pdf'}: not an article file (.pdf; articles are .md, .htm, .txt, "
        ".html, .markdown)"]
