"""`articlebot sources` on the library: JSON, paths relative to the configured folder, long paths folded."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.console.cli import main
from tests.bot.console.conftest import WIDE


def test_sources_json(db: Path) -> None:
    """sources --json lists every article with its passage count."""
    result = CliRunner().invoke(main, ["sources", "--json", "--db", str(db)])
    counts = {item["title"]: item["passages"] for item in json.loads(result.output)}
    assert counts["US Not Concerned About Ukrainian Attacks in Russia Escalating the War"] == 6


def test_sources_shows_paths_inside_the_article_folder_relative_to_it(db: Path, library: Path, tmp_path: Path) -> None:
    """With the folder configured, the Source column shows the file name and a caption names the folder."""
    config = tmp_path / "c.toml"
    config.write_text(f'[index]\narticle_dirs = ["{library}"]\n')
    result = CliRunner().invoke(main, ["sources", "--db", str(db), "--config", str(config)], env=WIDE)
    assert ("│ 000_d3689b044ccb29bf.txt" in result.output, str(library / "000") in result.output,
            f"Source paths are relative to {library}" in result.output) == (True, False, True)


def test_sources_folds_a_long_path_instead_of_cutting_it(db: Path, library: Path) -> None:
    """Outside the configured folders the full path is shown at 80 columns, folded over lines, never cut."""
    result = CliRunner().invoke(main, ["sources", "--db", str(db)], env={"COLUMNS": "80"})
    source_column = "".join(line.split("│")[4].strip() for line in result.output.splitlines() if line.count("│") == 5)
    assert ("…" in result.output, str(library / "000_d3689b044ccb29bf.txt") in source_column) == (False, True)
