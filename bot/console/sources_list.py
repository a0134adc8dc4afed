"""``articlebot sources``: how many articles and passages are indexed, where from, and which.

A count line first ("2,127 articles, 10,246 passages in 5 folders"), then each folder (or web
site) with its counts; the articles themselves when asked for (``--articles``, or words that
their title or file name must hold), a page at a time (``--page``). An archive small enough for one
page lists its articles straight away. ``--json`` prints every article (those matching the
words, if given), as before. The chat's ``sources`` takes the same WORDS, --articles and --page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Group, RenderableType
from rich.text import Text

from bot.console.common import engine_config_from, engine_options, run_with_engine
from bot.console.render import make_console, render_groups, render_sources
from bot.source_listing import CONSOLE_PER_PAGE, count_line, counted, matching, page_count, page_of, source_groups
from index.models import SourceInfo


@dataclass(frozen=True, slots=True)
class Hints:
    """How to ask for the articles, and for a page of them, where the overview is shown."""

    articles: str
    page: str  # formatted with the page number to type


COMMAND_HINTS = Hints("List them: articlebot sources --articles, or articlebot sources WORDS for those whose "
                      "title or folder holds WORDS.", "--page {page} shows the next")


def chat_hints(words: str, every: bool) -> Hints:
    """The hints in the chat, whose ``sources`` takes the command's WORDS, --articles and --page."""
    asked = " ".join(filter(None, ("sources", words, "--articles" if every and not words else "")))
    return Hints("List them: sources --articles, or sources WORDS for those whose title or file name holds WORDS.",
                 f"{asked} --page {{page}} shows the next")


def sources_listing(found: Sequence[SourceInfo], roots: Sequence[Path], *, words: str = "", every: bool = False,
                    page: int = 1, hints: Hints = COMMAND_HINTS) -> Group:
    """The count line, then the folders (when the articles are not asked for, by ``every``, WORDS
    or a page after the first, and fill more than a page) or page ``page`` (from 1) of the articles."""
    groups = source_groups(found, roots)
    lines: list[RenderableType] = [Text(count_line(found, groups), style="bold")]
    if not words and not every and page == 1 and len(found) > CONSOLE_PER_PAGE:  # --page N asks for the articles
        return Group(*lines, render_groups(groups), Text(hints.articles, style="dim"))
    chosen = matching(found, words) if words else list(found)
    if words:
        verb = "holds" if len(chosen) == 1 else "hold"
        lines.append(Text(f"{counted(len(chosen), 'article')} whose title or file name {verb} “{words}”"
                          + (":" if chosen else ".")))
    if not chosen:
        return Group(*lines)
    shown_page, shown = page_of(chosen, page - 1, CONSOLE_PER_PAGE)
    lines.append(render_sources(list(shown), roots=roots))
    pages = page_count(len(chosen), CONSOLE_PER_PAGE)
    if pages > 1:
        first = shown_page * CONSOLE_PER_PAGE + 1
        after = f"; {hints.page.format(page=shown_page + 2)}" if shown_page + 1 < pages else ""
        lines.append(Text(f"Page {shown_page + 1} of {pages} (articles {first:,}–{first + len(shown) - 1:,})"
                          f"{after}.", style="dim"))
    return Group(*lines)


@click.command(short_help="Count the indexed articles by folder, or list them.")
@click.argument("words", nargs=-1)
@click.option("--articles", "every", is_flag=True, help="List the articles, not only the folders.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True,
              help=f"Which page of the articles to list ({CONSOLE_PER_PAGE} a page).")
@click.option("--json", "as_json", is_flag=True, help="Print every article (matching WORDS) as JSON.")
@engine_options
def sources(words: tuple[str, ...], every: bool, page: int, as_json: bool, db: Path | None,
            config: Path | None) -> None:
    """Count the indexed articles and passages, by folder; list the articles with --articles or WORDS.

    WORDS keep the articles whose title or file name holds them (case ignored; folders are
    not matched, they are counted above), e.g. `articlebot sources Yukos` or `articlebot sources 042.txt`.
    """
    engine_config = engine_config_from(config, db)
    found = run_with_engine(engine_config, lambda engine: engine.sources(), read_only=True)
    asked = " ".join(words)
    roots = engine_config.article_dirs
    if as_json:
        chosen = matching(found, asked) if asked else found
        click.echo(json.dumps([{"title": s.title, "author": s.author, "source": s.source, "url": s.url,
                                "passages": s.passages} for s in chosen], ensure_ascii=False))
    elif not found:
        make_console().print(f"No articles are indexed in {engine_config.db_path.absolute()}; "
                             "run `articlebot reindex`.")
    else:
        make_console().print(sources_listing(found, roots, words=asked, every=every, page=page))
