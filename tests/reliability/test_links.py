"""Symbolic links never take discovery out of the article folders (issue 18).

``passwd.txt -> /etc/passwd`` used to make that file quotable by every member, and a folder
link to ``/etc`` indexed its ``.txt`` files. Now each link whose target is outside is a bad
file, "links outside the article folders are not followed", through the CLI and /reindex; a
folder named in ``index.link_targets`` may be linked to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.engine import Engine
from index.ingest.files import LINK_OUTSIDE
from tests.bot.conftest import fake, running
from tests.conftest import make_config
from tests.fake_discord import FakeDiscord
from tests.reliability.conftest import cli, report_of
from tests.reliability.test_discord_load import new_bot, reindex_report

__all__ = ["fake"]  # the fake Discord fixture, shared with tests/bot

SECRET = "Server notes\n\nThe root password is swordfish and the backup key is kept in the cellar.\n"


@pytest.fixture
def linked(tmp_path: Path, library: Path) -> Path:
    """The library with a file link and a folder link to a folder outside it, and one link inside."""
    outside = tmp_path / "outside"
    (outside / "etc").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "etc" / "hosts.txt").write_text(SECRET.replace("root", "admin"), encoding="utf-8")
    (library / "passwd.txt").symlink_to(outside / "secret.txt")
    (library / "etc").symlink_to(outside / "etc", target_is_directory=True)
    first = sorted(library.rglob("*.txt"))[0]
    (library / "alias.txt").symlink_to(first)  # inside: followed (a duplicate of its target)
    return library


def outside_links(bad: list[dict[str, str]], library: Path) -> dict[str, str]:
    """The bad entries naming a link of ``library``, by name."""
    return {Path(b["path"]).name: b["reason"] for b in bad if Path(b["path"]).parent == library}


def test_cli_reports_links_outside_and_indexes_nothing_behind_them(tmp_path: Path, linked: Path) -> None:
    """`articlebot reindex --json`: both links named with the reason; the secret is not quotable."""
    db = tmp_path / "db.sqlite"
    report = report_of(cli("reindex", str(linked), "--db", str(db), "--json"))
    assert outside_links(report["bad"], linked) == {"passwd.txt": LINK_OUTSIDE, "etc": LINK_OUTSIDE}
    asked = cli("ask", "What is the root password?", "--db", str(db), "--json")
    assert "swordfish" not in asked.stdout


async def test_reindex_in_discord_reports_links_outside(tmp_path: Path, linked: Path, fake: FakeDiscord) -> None:
    """A plain /reindex (every configured folder) names both links; the secret is not indexed."""
    async with await Engine.open(make_config(tmp_path, linked)) as engine:
        async with running(new_bot(fake, engine), fake):
            report = await reindex_report(fake, await fake.slash_command("reindex", {}, user=fake.admin))
        answer = await engine.ask("What is the root password?")
    assert f"{linked / 'passwd.txt'}: {LINK_OUTSIDE}" in report.replace("\\", "")
    assert f"{linked / 'etc'}: {LINK_OUTSIDE}" in report.replace("\\", "")
    assert all("swordfish" not in quote.text for quote in answer.quotes)


async def test_folder_named_in_link_targets_may_be_linked_to(tmp_path: Path, linked: Path) -> None:
    """With the outside folder in ``link_targets`` both links are followed and indexed."""
    config = make_config(tmp_path, linked, link_targets=(tmp_path / "outside",))
    async with await Engine.open(config) as engine:
        report = await engine.reindex()
        answer = await engine.ask("What is the root password?")
    assert outside_links([{"path": b.path, "reason": b.reason} for b in report.bad], linked) == {}
    assert any("swordfish" in quote.text for quote in answer.quotes)
