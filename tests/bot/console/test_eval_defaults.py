"""Where the eval commands look for the shared corpora by default (``bot.console.eval_options``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.console.cli import main


def test_eval_scaled_without_shared_data_says_which_variable_to_set(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """From a folder that ../shared/data does not reach (a worktree), with SHARED_DATA unset, the
    refusal names the missing default and the variable to set."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SHARED_DATA", raising=False)
    result = CliRunner().invoke(main, ["eval", "scaled", "--limit", "1"])
    assert result.exit_code == 2
    assert "'../shared/data/squad-dev-v1.1-public-half.json' does not exist" in result.output
    assert "set SHARED_DATA=/path/to/shared/data or pass the path" in result.output


def test_eval_defaults_follow_shared_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With SHARED_DATA set, `eval scaled` takes the SQuAD file from there (present, accepted) and
    looks for the BBC folder there too (absent: named, with no hint about the variable)."""
    shared = tmp_path / "elsewhere" / "data"
    shared.mkdir(parents=True)
    (shared / "squad-dev-v1.1-public-half.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SHARED_DATA", str(shared))
    result = CliRunner().invoke(main, ["eval", "scaled", "--limit", "1"])
    assert result.exit_code == 2
    assert f"--bbc': Directory '{shared / 'bbc-news'}' does not exist." in " ".join(result.output.split())
    assert "SHARED_DATA=" not in result.output
