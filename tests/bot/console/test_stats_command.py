"""``articlebot stats``: the report as tables or JSON from a real database; never creates one."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from bot.console.cli import main
from index.analytics.store import AnalyticsStore
from index.store.database import Store
from tests.index.analytics.conftest import asked, record_all


def recorded(path: Path) -> Path:
    """A database holding two answered questions and one refused."""
    async def fill() -> None:
        await (await Store.open(path)).close()
        store = await AnalyticsStore.open(path)
        await record_all(store, [asked("What did Kirby say?"), asked("Kirby and Moscow?"),
                                 asked("Who won the world cup?", False)])
        await store.close()

    asyncio.run(fill())
    return path


def test_stats_json_counts_the_questions(tmp_path: Path) -> None:
    """--json: 3 asked, 2 answered, the refused question as the one gap."""
    result = CliRunner().invoke(main, ["stats", "--json", "--db", str(recorded(tmp_path / "s.db"))])
    report = json.loads(result.output)
    assert (result.exit_code, report["asked"], report["answered"], report["top_articles"]) == (
        0, 3, 2, [{"title": "Kirby article", "questions": 2}])
    assert [gap["question"] for gap in report["gaps"]] == ["Who won the world cup?"]


def test_stats_table_shows_the_summary_and_gaps(tmp_path: Path) -> None:
    """Without --json: the summary rows and the gap's wording in the tables; no vote yet is said
    in words (it used to read "👍 0 · 👎 0 (– 👍)")."""
    result = CliRunner().invoke(main, ["stats", "--days", "7", "--db", str(recorded(tmp_path / "s.db"))])
    assert result.exit_code == 0
    for expected in ("Questions, last 7 days", "3 in 7 days", "2 (67%)", "no votes yet", "Who won the world cup?"):
        assert expected in result.output


def test_stats_without_a_database_says_so(tmp_path: Path) -> None:
    """A missing database is one error line (exit 2), and is not created."""
    result = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "none.db")])
    assert (result.exit_code, "no index at" in result.output, (tmp_path / "none.db").exists()) == (2, True, False)


def test_stats_loads_no_discord(tmp_path: Path) -> None:
    """`articlebot stats` reads the database without importing discord.py."""
    db = recorded(tmp_path / "s.db")
    code = ("import sys\nfrom click.testing import CliRunner\nfrom bot.console.cli import main\n"
            f"result = CliRunner().invoke(main, ['stats', '--json', '--db', {str(db)!r}])\n"
            "print(result.exit_code, 'discord' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 False"
