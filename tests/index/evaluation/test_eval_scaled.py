"""``articlebot eval scaled`` (``make eval-scaled``): the evaluations with the store on a real
PostgreSQL cluster and the search on two real ``xapian-tcpsrv`` partitions, against the default
SQLite + in-process index, in one run. Here with a few questions of each set; the comparison
itself on made-up documents."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.evaluation.scaled import compare, figures, is_timing
from index.loopback.postgres import binaries
from index.loopback.scaled import missing_servers
from tests.conftest import ROOT, SHARED_DATA

SQUAD = SHARED_DATA / "squad-dev-v1.1-public-half.json"
BBC = SHARED_DATA / "bbc-news"


def scores(acc1: float, median_ms: float, threshold: float = 0.5) -> dict[str, object]:
    """An ``eval.json`` shaped document with one set and two systems."""
    return {"squad": [{"system": "articlebot", "acc1": acc1, "recall_curve": [acc1, 1.0], "median_ms": median_ms},
                      {"system": "baseline", "acc1": 0.5, "recall_curve": [0.5, 0.75], "median_ms": 1.0}],
            "noanswer": [{"system": "articlebot", "best": {"threshold": threshold, "f1": 0.9}}]}


def test_figures_are_named_by_set_and_system() -> None:
    named = dict(figures(scores(0.75, 12.0)))
    assert named["squad/articlebot/acc1"] == 0.75
    assert named["squad/baseline/recall_curve/1"] == 0.75
    assert named["noanswer/articlebot/best/threshold"] == 0.5
    assert not any(path.endswith("system") for path in named)
    assert is_timing("squad/articlebot/median_ms") and not is_timing("squad/articlebot/acc1")


def test_times_are_shown_and_quality_figures_compared() -> None:
    same = compare(scores(0.75, 12.0), scores(0.75, 40.0))
    assert same.differences == [] and same.rounding == []
    assert ("squad/articlebot/median_ms", 12.0, 40.0) in same.timings
    assert len(same.quality) == 8


def test_a_different_figure_is_a_difference_and_last_digits_are_rounding() -> None:
    changed = compare(scores(0.75, 12.0, 0.6503545382254267), scores(0.7, 12.0, 0.6503545382254274))
    assert [path for path, _, _ in changed.differences] == ["squad/articlebot/acc1", "squad/articlebot/recall_curve/0"]
    assert [path for path, _, _ in changed.rounding] == ["noanswer/articlebot/best/threshold"]
    missing = compare(scores(0.75, 12.0), {"squad": []})
    assert ("noanswer/articlebot/best/f1", 0.9, None) in missing.differences


@pytest.mark.skipif(not (SQUAD.is_file() and BBC.is_dir()), reason="../shared/data is not beside the checkout")
def test_the_scaled_configuration_gives_the_default_figures(tmp_path: Path) -> None:
    missing = missing_servers()
    if missing:
        if binaries() is None and os.environ.get("CI_REQUIRE_POSTGRES"):
            pytest.fail(missing)
        pytest.skip(missing)  # Xapian: .ci/install-xapian installs it when run as root
    done = subprocess.run([sys.executable, "-m", "bot", "eval", "scaled", "--squad", str(SQUAD), "--bbc", str(BBC),
                           "--limit", "6", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads((tmp_path / "eval-scaled.json").read_text(encoding="utf-8"))
    assert result["differences"] == []
    assert result["quality_figures"] > 250
    assert all(r["figure"].endswith("/threshold") for r in result["rounding"])  # a score's last digits, at most
    assert result["settings"]["bm25"] == "xapian" and "2 xapian-tcpsrv" in result["settings"]["partitions"]
    systems = {s["system"] for s in result["scaled"]["squad"]}
    assert {"articlebot", "before (issue 12)", "baseline"} <= systems
    page = (tmp_path / "eval-scaled.md").read_text(encoding="utf-8")
    assert "quality figures are identical" in page and "| squad/articlebot |" in page
