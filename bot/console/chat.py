"""``articlebot chat``: questions one per line, plus a few words that are commands, not questions.

Questions are answered like ``articlebot ask``, but as a conversation: "what else did he say?"
is read against the last answer, and questions about the archive ("who wrote the article?",
"which articles mention X?") are answered from the article records. ``more`` pages through
the further quotes (or listed articles) of the last answer, ``sources [WORDS] [--articles]
[--page N]`` counts and lists the indexed articles as ``articlebot sources`` does, ``--top N``
after a question sets its number of quotes (other option-looking words are said to be no chat
option, not searched for: ``bot.console.chat_line``), ``help``/``?`` says what to type, ``quit``/``exit`` (or the end of input) leaves.
A greeting or thanks gets the reply it gets on Discord, naming ``help`` instead of /help.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from pathlib import Path

import click
from rich.console import Console, Group
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from bot.console.chat_line import CHANGE_HELP, TOP_RANGE, read_line
from bot.console.common import engine_options, require_articles, run_with_engine, settings_from
from bot.console.conversation_render import PAGE, listed_lines, marked, resolved_line
from bot.console.render import make_console, plain_text, render_answer, render_quotes
from bot.console.sources_list import chat_hints, sources_listing
from bot.questions import canned_reply
from bot.settings import engine_config
from index.conversation import ContextStore, Conversations, Listed, Turn
from index.engine import Engine
from index.errors import QueryError
from index.models import Quote

QUIT = frozenset({"quit", "exit"})
NO_INPUT = ('No questions on standard input. Type them in a terminal, or pipe them in: '
            'echo "your question" | articlebot chat')
HELP_HINT = "`help`"  # what small-talk replies name for more help (Discord's say /help)
HELP_INTRO = ('Type a question to get quotes that answer it ("what else did he say?" follows up on the last '
              'answer; "who wrote the article?", "which articles mention X?" ask about the archive), or one of:')
COMMANDS = (
    ("more", "the next quotes (or articles) of the last answer"),
    ("sources", "the indexed articles: how many, by folder (each one when they are few); sources WORDS "
                "lists those whose title or file name holds WORDS, sources --articles all, --page N the next"),
    ("--top N", "after a question: answer it with N quotes (1-10)"),
    ("help, ?", "this list"),
    ("quit, exit", "leave (so does Ctrl-D)"),
)


def help_text() -> Group:
    """What to type: a paragraph, then the commands in two columns; rich wraps both to the
    terminal at word boundaries (a description goes on under itself, not under the command)."""
    commands = Table.grid(padding=(0, 2))
    commands.add_column(no_wrap=True)
    commands.add_column()
    for names, what in COMMANDS:
        commands.add_row(names, what)
    return Group(Text(HELP_INTRO), Padding(commands, (0, 0, 0, 2), expand=False))


class Chat:
    """One chat session: answers questions and runs the chat commands."""

    KEY = "console"

    def __init__(self, engine: Engine, out: Console, *, top: int | None, roots: tuple[Path, ...],
                 contexts: ContextStore | None = None) -> None:
        self.engine = engine
        self.out = out
        self.top = top or engine.config.top
        self.roots = roots
        self.conversation = Conversations(engine, contexts)
        self._more: tuple[Quote, ...] = ()  # the last answer's quotes not shown yet
        self._listed: tuple[Listed, ...] = ()  # or the articles it listed not shown yet
        self._next = 0  # the number of the next of them; 0 before any answer

    async def handle(self, line: str) -> None:
        """Answer ``line``, or run it when it is a command (``bot.console.chat_line``)."""
        read = read_line(line)
        if read.problem:
            self.out.print(f"[red]{escape(read.problem)}[/red]")
            return
        if read.unknown:
            self.out.print(escape(read.unknown_text()), style="yellow")
        if read.kind == "help":
            self.out.print(help_text())
        elif read.kind == "more":
            self._show_more()
        elif read.kind == "change":
            self.out.print(escape(CHANGE_HELP))
        elif read.kind == "sources":
            self.out.print(sources_listing(await self.engine.sources(), self.roots, words=read.text, every=read.every,
                                           page=read.page, hints=chat_hints(read.text, read.every)))
        elif read.text:
            await self._answer(read.text, read.top)

    async def _answer(self, question: str, top: int | None = None) -> None:
        canned = canned_reply(question, help_hint=HELP_HINT)
        if canned is not None:  # a greeting or thanks, as on Discord
            self.out.print(canned, markup=False)
            return
        try:
            turn = await self.conversation.ask(self.KEY, question, top=top or self.top)
        except QueryError as error:
            self.out.print(f"[red]{escape(str(error))}[/red]")
            return
        self._show(turn)

    def _show(self, turn: Turn) -> None:
        """Print a turn: how a follow-up was read, then its sentence, list or quotes."""
        if turn.resolved is not None:
            self.out.print(resolved_line(turn.resolved))
        self._more, self._listed, self._next = (), (), 1
        if turn.sentence is not None:
            self.out.print(marked(turn.sentence))
        elif turn.archive is not None:
            self.out.print(marked(turn.archive.text))
            self._listed = turn.archive.items
            if self._listed:
                self._show_more()
        elif turn.answer is not None:
            self.out.print(render_answer(turn.answer, plain=self._plain))
            self._more, self._next = turn.answer.more, len(turn.answer.quotes) + 1
            self._offer_more()

    def _show_more(self) -> None:
        if not self._next:
            self.out.print("Ask a question first; `more` then shows its further quotes.")
        elif self._listed:
            listed, self._listed = self._listed[:PAGE], self._listed[PAGE:]
            self.out.print(listed_lines(listed, first=self._next, width=self.out.width))
            self._next += len(listed)
            self._offer_more()
        elif self._more:
            page, self._more = self._more[:self.top], self._more[self.top:]
            self.out.print(render_quotes(page, first=self._next, plain=self._plain))
            self._next += len(page)
            self._offer_more()
        else:
            self.out.print("No more quotes for the last question.")

    def _offer_more(self) -> None:
        count = len(self._listed) or len(self._more)
        if count:
            kind = ("article" if count == 1 else "articles") if self._listed else ("quote" if count == 1 else "quotes")
            self.out.print(f"[dim]{count} more {kind}: type more.[/dim]")

    @property
    def _plain(self) -> bool:
        return plain_text(self.out)


@click.command()
@click.option("--top", type=click.IntRange(*TOP_RANGE), default=None, help="How many quotes per answer (1-10).")
@engine_options
def chat(top: int | None, db: Path | None, config: Path | None) -> None:
    """Ask questions one per line; type help for the commands.

    Each line is a question, answered with quotes (`--top N` after it: N quotes), unless it is
    a command: `more` shows the next quotes of the last answer, `sources [WORDS] [--articles]
    [--page N]` counts the indexed articles by folder and lists them as `articlebot sources`
    does, `help` or `?` lists the commands, and `quit` or `exit` leaves, as do Ctrl-D and the
    end of piped input. Empty lines are skipped. Piped input is echoed as `> question` before
    each answer.
    """
    settings = settings_from(config, db)
    out = make_console()
    interactive = sys.stdin.isatty()

    async def work(engine: Engine) -> None:
        await require_articles(engine)
        gc.freeze()  # start-up objects live as long as the chat: keep them out of full GC passes
        contexts = ContextStore(expiry=settings.conversation.expiry_minutes * 60)
        session = Chat(engine, out, top=top, roots=tuple(settings.index.article_dirs), contexts=contexts)
        if interactive:
            count = (await engine.searcher()).article_count
            out.print(f"[bold]articlebot[/bold] — {count} article(s) indexed. Ask a question, or type help; "
                      "quit or Ctrl-D to leave.")
        asked = False
        while True:
            line = await asyncio.to_thread(_read_line, interactive)
            if line is None and not interactive and not asked:
                out.print(NO_INPUT, markup=False, soft_wrap=True)  # `make run < /dev/null`: say why, on one line
            if line is None or line.strip().lower() in QUIT:
                return
            if not line.strip():
                continue
            asked = True
            if not interactive:
                out.print(f"[bold]> {escape(line.strip())}[/bold]")
            await session.handle(line)

    run_with_engine(engine_config(settings), work, read_only=True)


def _read_line(interactive: bool) -> str | None:
    """One line of input, None at end of input."""
    try:
        return input("> ") if interactive else (sys.stdin.readline() or None)
    except EOFError:
        return None
