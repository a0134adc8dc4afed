"""``articlebot sources`` on an archive larger than a page: counts by folder first, the articles
when asked for, a page at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main
from bot.source_listing import CONSOLE_PER_PAGE

WIDE = {"COLUMNS": "1000"}
FOLDERS = {"alpha": CONSOLE_PER_PAGE // 2, "beta": CONSOLE_PER_PAGE // 2 + 11}
TOTAL = sum(FOLDERS.values())


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A config and its database: two folders of short articles, more than a page in all."""
    root = tmp_path_factory.mktemp("listing")
    for folder, count in FOLDERS.items():
        (root / "articles" / folder).mkdir(parents=True)
        for n in range(count):
            (root / "articles" / folder / f"{n:03}.txt").write_text(
                f"{folder.title()} report number {n}\n\nThe {folder} office filed report {n} on Monday.\n\n"
                f"\"It was a quiet week,\" said clerk Pat Lee of the {folder} office.\n", encoding="utf-8")
    config = root / "config.toml"
    config.write_text('[index]\ndb_path = "data/a.db"\narticle_dirs = ["articles"]\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["reindex", "--config", str(config)]).exit_code == 0
    return config, root / "data" / "a.db"


def sources(archive: tuple[Path, Path], *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["sources", "--config", str(archive[0]), *args], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def rows(lines: list[str]) -> list[str]:
    """The table rows: lines between the table's borders holding an article or a folder."""
    return [line for line in lines if line.startswith("│")]


def test_sources_leads_with_a_count_and_lists_folders_not_articles(archive: tuple[Path, Path]) -> None:
    listed = json.loads("\n".join(sources(archive, "--json")))
    passages = sum(item["passages"] for item in listed)
    lines = sources(archive)
    assert lines[0] == f"{TOTAL} articles, {passages} passages in 2 folders"
    assert [row.split("│")[1:4] for row in rows(lines)] == [
        [f" {name:<18} ", f" {count:<8} ", f" {sum(i['passages'] for i in listed if f'/{name}/' in i['source']):<8} "]
        for name, count in FOLDERS.items()]
    assert not any("report number" in line for line in lines)
    assert "articlebot sources --articles" in lines[-1]


def test_sources_articles_pages_the_list(archive: tuple[Path, Path]) -> None:
    first, last = sources(archive, "--articles"), sources(archive, "--articles", "--page", "2")
    assert (len(rows(first)), len(rows(last))) == (CONSOLE_PER_PAGE, TOTAL - CONSOLE_PER_PAGE)
    assert first[-1] == f"Page 1 of 2 (articles 1–{CONSOLE_PER_PAGE}); --page 2 shows the next."
    assert last[-1] == f"Page 2 of 2 (articles {CONSOLE_PER_PAGE + 1}–{TOTAL})."
    assert sources(archive, "--articles", "--page", "9")[-1] == last[-1]  # past the end: the last page


def test_sources_page_2_without_articles_lists_the_articles_not_the_folders_again(archive: tuple[Path, Path]) -> None:
    """`articlebot sources --page 2` showed the folder counts again, the page ignored."""
    assert sources(archive, "--page", "2") == sources(archive, "--articles", "--page", "2")


def test_sources_words_list_the_articles_of_a_folder_or_title(archive: tuple[Path, Path]) -> None:
    lines = sources(archive, "beta")
    assert lines[1] == f"{FOLDERS['beta']} articles whose title or file name hold “beta”:"
    assert len(rows(lines)) == FOLDERS["beta"] and all("Beta report" in row for row in rows(lines))
    one = sources(archive, "Alpha", "report", "number", "7")
    assert (one[1], [row.split("│")[1].strip() for row in rows(one)]) == (
        "1 article whose title or file name holds “Alpha report number 7”:", ["Alpha report number 7"])
    assert sources(archive, "gamma")[1:] == ["0 articles whose title or file name hold “gamma”."]


def test_sources_json_still_lists_every_article(archive: tuple[Path, Path]) -> None:
    listed = json.loads("\n".join(sources(archive, "--json")))
    assert len(listed) == TOTAL and set(listed[0]) == {"title", "author", "source", "url", "passages"}
    assert len(json.loads("\n".join(sources(archive, "--json", "alpha")))) == FOLDERS["alpha"]


def test_chat_sources_shows_the_counts(archive: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(main, ["chat", "--config", str(archive[0])], input="sources\n", env=WIDE)
    lines = result.output.splitlines()
    assert lines[1].startswith(f"{TOTAL} articles, ") and len(rows(lines)) == len(FOLDERS)


def test_sources_words_match_titles_and_file_names_not_the_folders_above(tmp_path: Path) -> None:
    """Indexed by path (no configured folder to show paths from), an archive under .../weather/
    is not all "weather": the words match titles and file names only, and --help says so."""
    folder = tmp_path / "weather"
    folder.mkdir()
    for n, subject in enumerate(("Rail strike ends", "Bank raises rates", "Striker joins club")):
        (folder / f"story{n}.txt").write_text(f"{subject}\n\nThe report on {subject.lower()} came out on "
                                              "Monday.\n\n\"It was expected,\" said Pat Lee.\n", encoding="utf-8")
    db = tmp_path / "w.db"
    assert CliRunner().invoke(main, ["reindex", str(folder), "--db", str(db)]).exit_code == 0

    def titles(*words: str) -> list[str]:
        result = CliRunner().invoke(main, ["sources", "--db", str(db), "--json", *words])
        return sorted(item["title"] for item in json.loads(result.output))

    helped = " ".join(CliRunner().invoke(main, ["sources", "--help"]).output.split())
    assert (titles("weather"), titles("strike"), titles("story1.txt"), "title or file name" in helped) == (
        [], ["Rail strike ends", "Striker joins club"], ["Bank raises rates"], True)
