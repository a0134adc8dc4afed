"""``articlebot scopes list|claim|release``: the operator sets up servers' own archives."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.console.cli import main
from tests.scope_archives import write_archives


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, (result.stdout + result.stderr).strip()


def test_claim_list_and_release(tmp_path: Path) -> None:
    folders = write_archives(tmp_path)
    db = str(tmp_path / "db" / "articlebot.db")
    assert run("reindex", str(folders["alpha"].parent), "--db", db)[0] == 0
    assert run("scopes", "list", "--db", db) == (
        0, "No server has an archive of its own: every server searches the shared archive.")
    assert run("scopes", "claim", "111", str(folders["alpha"]), "--db", db)[0] == 0
    code, text = run("scopes", "claim", "222", str(folders["alpha_notes"]), "--db", db)
    assert (code, "overlaps server 111's archive" in text) == (2, True)
    assert run("scopes", "list", "--db", db) == (0, f"server 111: {folders['alpha'].absolute()}")
    assert run("scopes", "release", "111", str(folders["alpha"]), "--db", db)[0] == 0
    assert run("scopes", "release", "111", str(folders["alpha"]), "--db", db)[0] == 2
