"""``articlebot eval``: answer quality on SQuAD, no-answer detection, BBC speaker questions, typos.

Each subcommand builds throw-away indexes, asks every question of articlebot (through
``Engine.ask``, the code path of ``articlebot ask``) and of the naive rank-bm25 baseline in
the same run, and prints a table (or ``--json``). ``eval all --out docs/`` runs them all (the
follow-ups, asked through ``Conversations``, for articlebot only) and writes ``docs/eval.md``
with its plots.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from bot.console.eval_options import BBC_FOLDER, SharedPath, corpora, default_bbc, shown_default
from bot.console.eval_scaled import scaled_cmd
from index.config import EngineConfig
from index.evaluation import report
from index.evaluation.bbc_questions import run_bbc_question_files, run_bbc_questions
from index.evaluation.runs import RunOptions, run_noanswer, run_speakers, run_squad

DEFAULT_BBC_QUESTIONS = Path("docs/bbc-questions.tsv")
HELD_OUT_BBC_QUESTIONS = Path("docs/bbc-questions-heldout.tsv")  # written later, from other articles

_err = Console(stderr=True)


def _value(text: str) -> Any:
    """``text`` as an int, float, bool or string, in that order of preference."""
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


def _overrides(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``key=value`` pairs -> engine config overrides; a list setting takes comma-separated
    values (``partitions=a,b``)."""
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{pair!r} is not key=value", param_hint="--set")
        key = key.strip()
        defaults = EngineConfig()
        listed = any(isinstance(getattr(r, key, None), tuple) for r in (defaults, defaults.search, defaults.answer))
        result[key] = [v.strip() for v in value.split(",")] if listed else _value(value.strip())
    return result


def _options(limit: int | None, baseline_only: bool, sets: tuple[str, ...], quiet: bool,
             before: bool = True) -> RunOptions:
    """Run options from the common flags."""
    progress = (lambda _m: None) if quiet else (lambda m: _err.print(f"[dim]{m}[/dim]"))
    return RunOptions(limit=limit, engine=not baseline_only, engine_config=_overrides(sets), progress=progress,
                      before=before and not baseline_only)


def reply_chars(answer: Any, max_quotes: int = 3) -> int:
    """Characters of the Discord reply ``answer`` becomes (content and embeds)."""
    from bot.discord_bot import render

    if not answer.answered or not answer.quotes:
        return len(render.not_found_text(answer))
    embeds = render.quote_embeds(answer.quotes[:max_quotes], max_quotes)
    return len(render.note_text(answer) or "") + sum(len(e) for e in embeds)


def _threshold() -> float:
    """The answer threshold in force (settings)."""
    from bot.settings import load_settings

    return float(load_settings().index.answer_threshold)


def common(func: Any) -> Any:
    """The flags every subcommand takes."""
    for option in reversed([
        click.option("--limit", type=click.IntRange(min=1), default=None,
                     help="Ask only N questions, spread evenly over the set."),
        click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON."),
        click.option("--baseline-only", is_flag=True, help="Skip articlebot's engine."),
        click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
                     help="Override an engine setting for this run (e.g. k1=1.2); repeatable."),
        click.option("-q", "--quiet", is_flag=True, help="No progress messages."),
    ]):
        func = option(func)
    return func


@click.group(name="eval")
def eval_group() -> None:
    """Measure answer quality against a naive rank-bm25 baseline."""


@eval_group.command("squad")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), help="Write recall@k as a PNG.")
@click.option("--per-question", "per_question", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write one JSON line per question and system (id, question, top article, bold sentence, "
                   "gold answers, hit flags, ms) to this file.")
@common
def squad_cmd(file: Path, plot: Path | None, per_question: Path | None, limit: int | None, as_json: bool,
              baseline_only: bool, sets: tuple[str, ...], quiet: bool) -> None:
    """acc@1, recall@5, MRR@10, highlight accuracy and answer times on a SQuAD v1.1 FILE."""
    run = asyncio.run(run_squad(file, _options(limit, baseline_only, sets, quiet), _threshold()))
    if plot:
        report.plot_recall(run, plot)
    if per_question:
        per_question.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in run.records),
                                encoding="utf-8")
    if as_json:
        click.echo(json.dumps([s.to_json() for s in run.scores], indent=2))
    else:
        click.echo(report.squad_md(run, str(plot) if plot else None))


@eval_group.command("noanswer")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), help="Write the P/R curve as a PNG.")
@click.option("--threshold", type=float, default=None, help="articlebot's threshold (default: settings).")
@common
def noanswer_cmd(file: Path, plot: Path | None, threshold: float | None, limit: int | None,
                 as_json: bool, baseline_only: bool, sets: tuple[str, ...], quiet: bool) -> None:
    """Precision/recall/F1 of "answered" with half of FILE's articles indexed."""
    run = asyncio.run(_noanswer(file, _options(limit, baseline_only, sets, quiet), threshold))
    if plot:
        report.plot_noanswer(run, plot)
    if as_json:
        click.echo(json.dumps([s.to_json() for s in run.scores], indent=2))
    else:
        click.echo(report.noanswer_md(run, str(plot) if plot else None))


async def _noanswer(file: Path, opts: RunOptions, threshold: float | None) -> Any:
    """The no-answer run with articlebot's threshold from settings unless given."""
    chosen = _threshold() if threshold is None else threshold
    return await run_noanswer(file, opts, {"articlebot": chosen})


@eval_group.command("typos")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@common
def typos_cmd(file: Path, limit: int | None, as_json: bool, baseline_only: bool, sets: tuple[str, ...],
              quiet: bool) -> None:
    """The typo set (SQuAD questions with one or two typos) against its clean questions, on FILE's articles."""
    from index.evaluation.typo_run import run_typos, typos_md

    run = asyncio.run(run_typos(file, _options(limit, baseline_only, sets, quiet), _threshold()))
    if as_json:
        click.echo(json.dumps(_typos_json(run), indent=2))
    else:
        click.echo(typos_md(run))


def _typos_json(run: Any) -> dict[str, Any]:
    """The typo run's scores for ``--json`` and eval.json."""
    return {"clean": [s.to_json() for s in run.clean], "typos": [s.to_json() for s in run.typos]}


@eval_group.command("speakers")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@common
def speakers_cmd(folder: Path, limit: int | None, as_json: bool, baseline_only: bool,
                 sets: tuple[str, ...], quiet: bool) -> None:
    """How often the top quote is by X for "what did X say (about Y)?" from FOLDER's quotes."""
    run = asyncio.run(run_speakers(folder, _options(limit, baseline_only, sets, quiet)))
    if as_json:
        click.echo(json.dumps([s.to_json() for s in run.scores], indent=2))
    else:
        click.echo(report.speakers_md(run))


@eval_group.command("bbc")
@click.argument("folder", type=SharedPath(exists=True, file_okay=False, path_type=Path), default=default_bbc)
@click.option("--questions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=DEFAULT_BBC_QUESTIONS, show_default=True, help="The hand-written question file.")
@common
def bbc_cmd(folder: Path, questions: Path, limit: int | None, as_json: bool, baseline_only: bool,
            sets: tuple[str, ...], quiet: bool) -> None:
    """Right article, bold answer and reply length for hand-written questions over FOLDER."""
    run = asyncio.run(run_bbc_questions(folder, questions, _options(limit, baseline_only, sets, quiet),
                                        reply_chars=reply_chars))
    if as_json:
        click.echo(json.dumps([s.to_json() for s in run.scores], indent=2))
    else:
        click.echo(report.bbc_questions_md(run))


@eval_group.command("all")
@corpora("Where eval.md, eval.json and the plots go.")
@common
def all_cmd(squad_file: Path, bbc: Path, out: Path, limit: int | None, as_json: bool,
            baseline_only: bool, sets: tuple[str, ...], quiet: bool) -> None:
    """Run squad, noanswer, speakers, both BBC question sets, typos and the follow-ups (without
    --baseline-only); write OUT/eval.md (tables, plots) and OUT/eval.json."""
    opts = _options(limit, baseline_only, sets, quiet)
    out.mkdir(parents=True, exist_ok=True)
    squad_run = asyncio.run(run_squad(squad_file, opts, _threshold()))
    noanswer_run = asyncio.run(_noanswer(squad_file, opts, None))
    speaker_run = asyncio.run(run_speakers(bbc, opts))
    bbc_runs = asyncio.run(run_bbc_question_files(bbc, [DEFAULT_BBC_QUESTIONS, HELD_OUT_BBC_QUESTIONS], opts,
                                                  reply_chars=reply_chars))
    from index.evaluation.typo_run import run_typos, typos_md

    typo_run = asyncio.run(run_typos(squad_file, opts, _threshold()))
    from index.evaluation.followups import run_followups  # the conversation's: articlebot only, no baseline

    followup_run = None if baseline_only else asyncio.run(run_followups(bbc))
    report.plot_recall(squad_run, out / "eval-squad-recall.png")
    report.plot_noanswer(noanswer_run, out / "eval-noanswer.png")
    generated = "\n".join([
        report.squad_md(squad_run, "eval-squad-recall.png"),
        report.noanswer_md(noanswer_run, "eval-noanswer.png"),
        report.speakers_md(speaker_run),
        *(report.bbc_questions_md(run) for run in bbc_runs),
        typos_md(typo_run),
        *([] if followup_run is None else [report.followups_section(followup_run)]),
    ])
    report.write_eval_md(out / "eval.md", generated)
    data = {
        "squad": [s.to_json() for s in squad_run.scores],
        "noanswer": [s.to_json() for s in noanswer_run.scores],
        "speakers": [s.to_json() for s in speaker_run.scores],
        "bbc_questions": [s.to_json() for s in bbc_runs[0].scores],
        "bbc_questions_held_out": [s.to_json() for s in bbc_runs[1].scores],
        "typos": _typos_json(typo_run),
        **({} if followup_run is None else {"followups": followup_run.to_json()}),
    }
    (out / "eval.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    click.echo(json.dumps(data, indent=2) if as_json else generated)


@eval_group.command("followups")
@click.option("--bbc", type=SharedPath(exists=True, file_okay=False, path_type=Path),
              default=default_bbc, show_default=shown_default(BBC_FOLDER),
              help="The BBC News folder the pairs were written on.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="An index of that folder to reuse (default: built in a temporary folder).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def followups_cmd(bbc: Path, db: Path | None, as_json: bool) -> None:
    """Share of follow-up questions answered from the right article, with context and without:
    the set written with the feature, and QA's held-out follow-ups and archive questions."""
    from index.evaluation.followups import run_followups

    run = asyncio.run(run_followups(bbc, db))
    click.echo(json.dumps(run.to_json(), indent=2) if as_json else run.markdown())


eval_group.add_command(scaled_cmd)
