"""The Markdown report writer and the ``articlebot eval`` command on tiny fixtures."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.console.eval_command import eval_group
from index.evaluation.report import BEGIN, END, table, write_eval_md

SQUAD = {
    "version": "1.1",
    "data": [
        {"title": "Cats", "paragraphs": [
            {"context": "Cats purr when happy. A cat sleeps a lot.", "qas": [
                {"id": "1", "question": "When do cats purr?", "answers": [{"text": "when happy", "answer_start": 10}]}]},
            {"context": "Dogs bark at strangers.", "qas": [
                {"id": "2", "question": "What do dogs bark at?", "answers": [{"text": "strangers", "answer_start": 13}]}]},
        ]},
        {"title": "Rain", "paragraphs": [
            {"context": "Rain falls from clouds.", "qas": [
                {"id": "3", "question": "Where does rain fall from?", "answers": [{"text": "Mars", "answer_start": 0}]}]},
        ]},
    ],
}


def test_table_is_markdown() -> None:
    """Header row, separator row, one row per entry."""
    assert table(["a", "b"], [["1", "2"]]) == "| a | b |\n|---|---|\n| 1 | 2 |"


def test_write_eval_md_keeps_hand_written_text(tmp_path: Path) -> None:
    """Only the text between the markers is replaced."""
    page = tmp_path / "eval.md"
    page.write_text(f"# Intro\n\n{BEGIN}\nold\n{END}\n\n## Ablation\nkept\n", encoding="utf-8")
    write_eval_md(page, "new table")
    assert page.read_text(encoding="utf-8") == f"# Intro\n\n{BEGIN}\n\nnew table\n\n{END}\n\n## Ablation\nkept\n"


def test_write_eval_md_creates_page(tmp_path: Path) -> None:
    """A missing page gets a heading and the marked block."""
    page = tmp_path / "eval.md"
    write_eval_md(page, "t")
    assert page.read_text(encoding="utf-8") == f"# Answer quality\n\n{BEGIN}\n\nt\n\n{END}\n"


def test_eval_squad_json_baseline_only(tmp_path: Path) -> None:
    """The baseline finds 2 of 3 answers at rank 1 and none elsewhere."""
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(SQUAD), encoding="utf-8")
    result = CliRunner().invoke(eval_group, ["squad", str(path), "--json", "--baseline-only", "-q"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert [(s["system"], s["questions"], round(s["acc1"], 3), round(s["recall5"], 3)) for s in scores] == [
        ("baseline", 3, 0.667, 0.667)]


def test_eval_squad_writes_plot(tmp_path: Path) -> None:
    """``--plot`` writes a PNG file."""
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(SQUAD), encoding="utf-8")
    plot = tmp_path / "recall.png"
    result = CliRunner().invoke(eval_group, ["squad", str(path), "--baseline-only", "-q", "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def untimed(scores: list[dict[str, object]]) -> list[dict[str, object]]:
    """The scores without their timings (which differ from run to run)."""
    return [{k: v for k, v in s.items() if not k.endswith("_ms")} for s in scores]


def test_eval_squad_per_question_writes_a_record_per_question(tmp_path: Path) -> None:
    """``--per-question FILE`` writes one JSON line per question (the miss too, with its gold
    answer and flags) and leaves the ``--json`` scores as they were."""
    path, records = tmp_path / "squad.json", tmp_path / "questions.jsonl"
    path.write_text(json.dumps(SQUAD), encoding="utf-8")
    plain = CliRunner().invoke(eval_group, ["squad", str(path), "--json", "--baseline-only", "-q"])
    result = CliRunner().invoke(eval_group, ["squad", str(path), "--json", "--baseline-only", "-q",
                                             "--per-question", str(records)])
    assert result.exit_code == 0, result.output
    assert untimed(json.loads(result.output)) == untimed(json.loads(plain.output))
    lines = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
    assert [(r["system"], r["id"], r["question"], r["gold"], r["hit1"], r["hit5"], r["rank"]) for r in lines] == [
        ("baseline", "1", "When do cats purr?", ["when happy"], True, True, 1),
        ("baseline", "2", "What do dogs bark at?", ["strangers"], True, True, 1),
        ("baseline", "3", "Where does rain fall from?", ["Mars"], False, False, None)]
    rain = lines[2]
    assert (rain["article"], rain["top_article"], rain["article_hit"], rain["bold"], rain["bold_hit"]) == (
        "001_rain.txt", "001_rain.txt", True, "Rain falls from clouds.", False)
    assert all(isinstance(r["ms"], float) and r["answered"] for r in lines)


def test_eval_all_reports_the_follow_ups(tmp_path: Path) -> None:
    """``eval all`` (``make eval``) runs ``eval followups`` too: its tables in eval.md, its scores
    in eval.json (here over two made-up articles, where the BBC pairs find nothing)."""
    squad = tmp_path / "squad.json"
    squad.write_text(json.dumps(SQUAD), encoding="utf-8")
    news = tmp_path / "news"
    news.mkdir()
    (news / "budget.txt").write_text("Budget vote delayed\n\n\"We need more time,\" said Anna Berg.\n", encoding="utf-8")
    (news / "harbour.txt").write_text("Harbour reopens\n\nThe harbour reopened after the storm.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(eval_group, ["all", "--squad", str(squad), "--bbc", str(news), "--out", str(out),
                                             "--limit", "2", "-q"])
    assert result.exit_code == 0, result.output
    scores = json.loads((out / "eval.json").read_text(encoding="utf-8"))["followups"]
    assert (scores["pairs"], scores["held_out"]["pairs"], scores["archive_held_out"]["questions"]) == (47, 27, 16)
    assert scores["with_context"] == 0 and len(scores["misses"]) == 47
    page = (out / "eval.md").read_text(encoding="utf-8")
    assert "### Follow-ups over BBC" in page and "| held-out follow-ups over BBC |" in page
    baseline = CliRunner().invoke(eval_group, ["all", "--squad", str(squad), "--bbc", str(news), "--out", str(out),
                                               "--limit", "2", "-q", "--baseline-only"])
    assert baseline.exit_code == 0, baseline.output
    assert "followups" not in json.loads((out / "eval.json").read_text(encoding="utf-8"))  # no conversation to ask
