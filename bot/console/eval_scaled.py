"""``articlebot eval scaled`` (``make eval-scaled``): ``eval all`` on PostgreSQL + Xapian partitions
against the default, in one run (``index.evaluation.scaled``)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

from bot.console.eval_options import corpora

_err = Console(stderr=True)


@click.command("scaled")
@corpora("Where eval-scaled.md and eval-scaled.json go.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Ask only N questions of each set.")
@click.option("--partitions", type=click.IntRange(min=1), default=2, show_default=True)
def scaled_cmd(squad_file: Path, bbc: Path, out: Path, limit: int | None, partitions: int) -> None:
    """`eval all` on PostgreSQL + Xapian partitions (throwaway servers on loopback) and on the
    default SQLite + in-process index, side by side; write OUT/eval-scaled.md and .json.
    Exit status 1 when a quality figure differs."""
    from index.evaluation.scaled import run_scaled
    from index.evaluation.scaled_report import scaled_md, write_scaled
    from index.loopback.scaled import ServersMissing

    try:
        run = run_scaled(squad_file, bbc, limit, partitions, lambda m: _err.print(f"[dim]{m}[/dim]"))
    except (ServersMissing, RuntimeError) as error:
        raise click.ClickException(str(error)) from None
    command = "articlebot eval scaled" + (f" --limit {limit}" if limit else "")
    write_scaled(run, out, command)
    click.echo(scaled_md(run, command))
    if run.comparison.differences:
        raise SystemExit(1)
