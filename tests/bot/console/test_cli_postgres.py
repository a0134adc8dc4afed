"""The command line on a PostgreSQL store ([index] database, here from the environment): reindex,
ask, sources and stats work as on SQLite; an empty database, a server nobody listens on and a
URL that is not PostgreSQL's are one sentence each, never the password."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main
from index.loopback.postgres import Cluster


def run(*args: str, database: str, folder: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"ARTICLEBOT_INDEX__DATABASE": database,
                                                       "ARTICLEBOT_INDEX__DB_PATH": str(folder / "local.db"),
                                                       "ARTICLEBOT_CACHE_DIR": str(folder / "cache")})
    return result.exit_code, result.output


def test_reindex_then_ask_sources_and_stats(tmp_path: Path, library: Path, postgres: Cluster) -> None:
    database = postgres.new_database()
    assert run("reindex", str(library), "--json", database=database, folder=tmp_path)[0] == 0
    code, output = run("ask", "--json", "Which fighter jets did Poland offer to send to Ukraine?",
                       database=database, folder=tmp_path)
    assert (code, json.loads(output)["answered"]) == (0, True)
    code, output = run("sources", "--json", database=database, folder=tmp_path)
    assert code == 0 and "Growing Tomatoes on a Balcony" in output
    code, output = run("stats", "--json", database=database, folder=tmp_path)
    assert (code, json.loads(output)["asked"]) == (0, 0)


def test_a_database_password_never_reaches_the_config_cache(tmp_path: Path, library: Path,
                                                            postgres: Cluster) -> None:
    """`ask` remembers its engine config between runs, but not one whose URL holds a password."""
    database = postgres.new_database().replace("articlebot@", "articlebot:hunter2@")  # trust: ignored
    assert run("reindex", str(library), database=database, folder=tmp_path)[0] == 0
    assert run("ask", "what did Kirby say?", database=database, folder=tmp_path)[0] == 0
    cached = [path.read_text() for path in (tmp_path / "cache").rglob("*.json")]
    assert not any("hunter2" in text for text in cached)


@pytest.mark.parametrize(("where", "expected"), [
    ("empty", "no articlebot tables in postgresql://127.0.0.1:{port}/"),
    ("closed", "cannot connect to the PostgreSQL database postgresql://127.0.0.1:{closed}/"),
])
def test_unusable_databases_are_one_sentence(tmp_path: Path, postgres: Cluster, where: str,
                                              expected: str) -> None:
    closed = postgres.port + 1
    database = (postgres.new_database() if where == "empty"
                else f"postgresql://articlebot:hunter2@127.0.0.1:{closed}/x")
    code, output = run("ask", "what did Kirby say?", database=database, folder=tmp_path)
    assert code == 2
    assert expected.format(port=postgres.port, closed=closed) in " ".join(output.split())
    assert "hunter2" not in output and "Traceback" not in output


def test_a_database_that_is_not_postgresql_is_a_configuration_error(tmp_path: Path) -> None:
    code, output = run("ask", "hi", database="mysql://u:hunter2@db/x", folder=tmp_path)
    assert code == 1
    assert "index.database: Value error, give a postgresql:// URL" in output and "hunter2" not in output
