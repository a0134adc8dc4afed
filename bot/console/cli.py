"""The ``articlebot`` command line: reindex, ask, chat, sources, start (and run, sync, eval, bench).

Each command opens the engine on the configured database (``--db`` overrides it), does one
thing and closes it. Commands that only read (ask, chat, sources) never create a database: a
missing one, or one holding no articles, is an error that says to run ``articlebot reindex``.

Exit statuses: 0 done; 1 a bad configuration, or a reindex that could not read a path it was
given or configured (or left the index empty); 2 a question, database or option that cannot be
used (one ``error:`` sentence; ``ask --json`` prints the refused question's object instead);
141 the reader of stdout went away (``articlebot ask … | head -1``).
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.markup import escape

from bot.console.chat_line import TOP_RANGE
from bot.console.common import (
    EXIT_USAGE,
    engine_config_from,
    engine_options,
    require_articles,
    run_with_engine,
    settings_from,
)
from bot.console.render import make_console, plain_text, render_answer, render_report
from bot.questions import canned_reply, is_empty
from index.answering.answer import check_question
from index.engine import Engine
from index.errors import QueryError
from index.ingest.files import ARTICLE_SUFFIXES, holds_entries
from index.models import Answer, BadFile, ReindexProgress, ReindexReport

# 141 = 128 + SIGPIPE: what a shell reports for `seq 1 1000000 | head -1`, whose seq is killed
# by SIGPIPE. Python ignores SIGPIPE and raises BrokenPipeError instead, which click turns into
# a silent 1 and rich into SystemExit(1): indistinguishable from a real failure. 141 keeps
# articlebot in line with other Unix producers (`set -o pipefail` scripts already expect it from
# them), while 0 would claim output was delivered that nobody read.
EXIT_STDOUT_CLOSED = 128 + signal.SIGPIPE
ASK_HELP_HINT = "`articlebot ask --help`"  # what small-talk replies name for more help (Discord's say /help)


def _stdout_closed() -> NoReturn:
    """End the command because stdout's reader is gone: no traceback, no error line."""
    # Point stdout at /dev/null so that what is still buffered, and Python's flush at exit,
    # cannot fail a second time.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    raise click.exceptions.Exit(EXIT_STDOUT_CLOSED)


class _Commands(click.Group):
    """The ``articlebot`` group.

    Every subcommand ends quietly when stdout is closed. Subcommands defined in other modules
    are imported only when they run (or ``--help`` lists them), so ``ask`` never loads
    discord.py, the evaluation or the benchmark code.
    """

    LAZY = {
        "chat": "bot.console.chat:chat",
        "run": "bot.console.discord_commands:run",
        "sync": "bot.console.discord_commands:sync",
        "eval": "bot.console.eval_command:eval_group",
        "bench": "bot.console.bench_command:bench",
        "stats": "bot.console.stats_command:stats",
        "add": "bot.console.sources_command:add",
        "feeds": "bot.console.sources_command:feeds",
        "scopes": "bot.console.scope_command:scopes",
        "sources": "bot.console.sources_list:sources",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands defined here and the lazily loaded ones, sorted."""
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A command defined here, or the lazily loaded one of that name."""
        if cmd_name in self.LAZY and cmd_name not in self.commands:
            module, name = self.LAZY[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; a closed stdout exits with ``EXIT_STDOUT_CLOSED``."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _stdout_closed()


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Answer questions about articles with verbatim quotes and citations.

    \b
    First steps (the index: data/articlebot.db, or --db, or config.toml):
      articlebot reindex [FOLDER]  index articles (default: configured, seeds/)
      articlebot chat              questions one per line (help lists commands)
      articlebot ask "QUESTION"    one answer (--json for scripts)
      articlebot start             the Discord bot with DISCORD_TOKEN, else chat
    Each command's --help says more.
    """


@main.command(short_help="Index article files and folders (default: the configured ones).")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="List every duplicate file and every file skipped as not an article (default: how many, and a few).")
@engine_options
def reindex(paths: tuple[Path, ...], as_json: bool, verbose: bool, db: Path | None, config: Path | None) -> None:
    """Index article files and folders (default: the configured article folders).

    A PATH adds to the index: its articles stay after a plain reindex, which does not look for
    new or changed files there (reindex PATH again for that) but removes those whose files were
    deleted. Exits 1 when a path given (or configured, when none is given) is missing, cannot be read
    or holds no article files, or when the index is left with no article; bad files inside a
    folder are listed but do not change the exit status. Creates the database if needed.
    """
    engine_config = engine_config_from(config, db)
    targets = list(paths) or list(engine_config.article_dirs)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    err = make_console(stderr=True)
    progress = Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=as_json or not err.is_terminal)

    async def work(engine: Engine) -> ReindexReport:
        task = progress.add_task("files", total=None)

        def update(step: ReindexProgress) -> None:
            progress.update(task, completed=step.done, total=step.total)

        with progress:
            return await engine.reindex(list(paths) or None, progress=update)

    report = _with_empty_folders(run_with_engine(engine_config, work), targets)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        make_console().print(render_report(report, roots=targets, verbose=verbose), soft_wrap=True)
    sys.exit(1 if _target_failed(report, targets) or not report.usable else 0)


NO_ARTICLE_FILES = f"no article files ({', '.join(sorted(ARTICLE_SUFFIXES, key=lambda s: (len(s), s)))}) found in this folder"


def _with_empty_folders(report: ReindexReport, targets: list[Path]) -> ReindexReport:
    """``report`` with each target folder holding no article file added to its bad paths."""
    empty = [BadFile(str(t.absolute()), NO_ARTICLE_FILES) for t in targets
             if t.is_dir() and not holds_entries(t)]
    return replace(report, bad=report.bad + tuple(empty)) if empty else report


def _target_failed(report: ReindexReport, targets: list[Path]) -> bool:
    """True when a path the reindex was given (or configured with) is itself reported bad."""
    given = {str(t.absolute()) for t in targets}
    return any(bad.path in given for bad in report.bad)


@main.command()
@click.argument("question", required=False)
@click.option("--top", type=click.IntRange(*TOP_RANGE), default=None, help="How many quotes (1-10).")
@click.option("--article", help="Only quote the article with this title.")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per question; a refused one has an \"error\" key (and exits 2 unless --batch).")
@click.option("--batch", type=click.File("r", encoding="utf-8"), help="Ask each line of FILE ('-' for stdin).")
@engine_options
def ask(question: str | None, top: int | None, article: str | None, as_json: bool, batch: Any,
        db: Path | None, config: Path | None) -> None:
    """Ask one question (or a batch, one per line) and print the quotes.

    A question that cannot be asked (empty, no searchable words, too long, a follow-up such as
    "what else did he say?", which needs the conversation of `articlebot chat`) exits 2; in a
    --batch it is reported in its place and the batch goes on.
    """
    if question is None and batch is None:
        raise click.UsageError('give the question to ask, e.g. articlebot ask "your question" '
                               "(or --batch FILE, one question per line)")
    if question is not None and batch is not None:
        raise click.UsageError("give a QUESTION or --batch FILE, not both")
    questions = [line.rstrip("\n") for line in batch] if batch else [question or ""]
    questions = [q for q in questions if q.strip()] if batch else questions
    out = make_console()

    async def work(engine: Engine) -> bool:
        from index.conversation.followup import needs_topic_text  # the conversation package: only when asking

        await require_articles(engine)
        refused = False
        for text in questions:
            canned = None if as_json or is_empty(text) else canned_reply(text, help_hint=ASK_HELP_HINT)
            if canned is not None:  # a greeting, thanks or only question words: Discord's reply naming
                out.print(canned, markup=False)  # `ask --help`; one without words is refused below (exit 2)
                continue
            try:  # "too long" or empty first, as Engine.ask says it
                first = None if article else needs_topic_text(check_question(text, engine.config.answer.max_question_chars))
                if first is not None:  # "what else did he say?": one question has no last answer
                    raise QueryError(f"{first} `articlebot chat` keeps a conversation.")
                answer = await engine.ask(text, top=top, article=article, every=top is not None)
            except QueryError as error:
                refused = True
                _print_refusal(text, error, as_json)
                continue
            _print_answer(answer, as_json, out)
        return refused

    if run_with_engine(engine_config_from(config, db), work, read_only=True) and not batch:
        sys.exit(EXIT_USAGE)


def _print_answer(answer: Answer, as_json: bool, out: Any) -> None:
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        out.print(render_answer(answer, plain=plain_text(out)))


def _print_refusal(question: str, error: QueryError, as_json: bool) -> None:
    """A refused question: its JSON object with an ``error`` key, or one ``error:`` line on stderr."""
    if as_json:
        click.echo(json.dumps({"question": question, "answered": False, "quotes": [], "suggestions": [],
                               "error": str(error)}, ensure_ascii=False))
    else:
        make_console(stderr=True).print(f"[red]error:[/red] {escape(str(error))}")


@main.command(short_help="The Discord bot when a token is configured, else the console chat.")
@engine_options
@click.pass_context
def start(ctx: click.Context, db: Path | None, config: Path | None) -> None:
    """Start the Discord bot when a token is configured, else the console chat."""
    settings = settings_from(config, db)
    if settings.discord.token is None or not settings.discord.token.get_secret_value():
        click.echo("No Discord token configured (set DISCORD_TOKEN): opening the console chat.", err=True)
        chat = main.get_command(ctx, "chat")
        assert chat is not None
        ctx.invoke(chat, top=None, db=db, config=config)
        return
    run = main.get_command(ctx, "run")
    if run is None:
        raise click.ClickException("the Discord adapter is not available in this installation")
    ctx.invoke(run, db=db, config=config)
