"""``Answer`` -> rich text for the terminal: the console twin of the Discord embeds."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.report_text import duplicates_summary, ignored_summary, inside, shown_path
from bot.source_listing import SourceGroup
from index.models import Answer, Quote, ReindexReport, SourceInfo


def citation_line(quote: Quote) -> str:
    """"Title — Author, ¶N · source" (plain text)."""
    c = quote.citation
    parts = [c.title]
    if c.author:
        parts.append(f" — {c.author}")
    parts.append(f", ¶{c.paragraph}")
    location = c.url or c.source
    return "".join(parts) + f" · {location}"


def quote_text(quote: Quote, *, plain: bool = False) -> Text:
    """The quote's excerpt, its highlighted sentence in bold (``**…**`` when ``plain``); "…"
    marks where the passage goes on."""
    mark = "**" if plain else ""
    first, last = quote.excerpt_span
    source = quote.text
    text = Text()
    if source[:first].strip():
        text.append("… ")
    text.append(source[first:quote.highlight_start].lstrip())
    text.append(f"{mark}{quote.highlight}{mark}", style="bold yellow")
    text.append(source[quote.highlight_end:last].rstrip())
    if source[last:].strip():
        text.append(" …")
    return text


def render_answer(answer: Answer, *, plain: bool = False) -> Group:
    """Quotes in panels, each closed by its citation (after "Showing results for …" when the
    question's typos were corrected, and the answer's note, if any); or a not-found note (the
    answer's own when it says why) with suggestions."""
    mark = "*" if plain else ""
    showing = [Text(f"Showing results for {mark}{answer.corrected}{mark}", style="italic")] if answer.corrected else []
    if not answer.answered:
        said = answer.note or "No passage in the indexed articles answers that."
        lines = [*showing, Text(said, style="bold")]
        if answer.suggestions:
            lines.append(Text("Closest articles:"))
            lines.extend(Text(f"  • {title}") for title in answer.suggestions)
        return Group(*lines)
    notes = [*showing, Text(answer.note, style="italic")] if answer.note else showing
    return Group(*notes, render_quotes(answer.quotes, plain=plain))


def render_quotes(quotes: Sequence[Quote], *, first: int = 1, plain: bool = False) -> Group:
    """Quotes in panels numbered from ``first``, each closed by its citation."""
    panels = []
    for number, quote in enumerate(quotes, start=first):
        body = quote_text(quote, plain=plain)
        body.append("\n— " + citation_line(quote), style="dim")
        panels.append(Panel(body, title=Text(f"[{number}]"), title_align="left"))  # no markup, no emoji codes
    return Group(*panels)


def render_report(report: ReindexReport, *, roots: Sequence[Path] = (), verbose: bool = False) -> Group:
    """Counts, then each bad file with its reason, then the duplicates and the files skipped as
    not articles (a counted line each unless ``verbose``). Paths inside ``roots`` are shown
    relative to them."""
    summary = (f"added {report.added} · updated {report.updated} · removed {report.removed} · "
               f"skipped {report.skipped} (unchanged) · bad {len(report.bad)} · "
               f"duplicates {len(report.duplicates)} · not articles {len(report.ignored)} — "
               f"{_count(report.articles, 'article')}, "
               f"{_count(report.passages, 'passage')} in the index ({report.seconds:.1f} s)")
    lines: list[Text] = [Text(summary, style="bold")]
    lines += [Text(f"  bad: {b.path}: {b.reason}", style="red") for b in report.bad]
    if verbose:
        lines += [Text(f"  duplicate: {d.path}: {d.reason}", style="yellow") for d in report.duplicates]
        lines += [Text(f"  not an article: {i.path}: {i.reason}", style="dim") for i in report.ignored]
        return Group(*lines)
    if report.duplicates:
        lines.append(Text(f"  duplicates: {duplicates_summary(report.duplicates, roots)}; --verbose lists each",
                          style="yellow"))
    if report.ignored:
        lines.append(Text(f"  {ignored_summary(report.ignored, roots)}; --verbose lists each",
                          style="dim"))
    return Group(*lines)


def render_sources(sources: list[SourceInfo], *, roots: Sequence[Path] = ()) -> Table:
    """The indexed articles as a table; paths inside ``roots`` relative to them, folded, never cut."""
    table = Table("Title", "Author", "Passages")
    table.add_column("Source", overflow="fold", min_width=12)
    shown = [s.url or shown_path(s.source, roots) for s in sources]
    for s, source in zip(sources, shown):
        # Text cells, not markup: a title holding "[/bold]" is shown as written, not parsed.
        table.add_row(Text(s.title), Text(s.author or "—"), str(s.passages), Text(source))
    relative = sorted({str(root.absolute()) for root in roots for s in sources if not s.url and inside(s.source, root)})
    if relative:
        table.caption = f"Source paths are relative to {', '.join(relative)}"
    return table


def render_groups(groups: Sequence[SourceGroup]) -> Table:
    """Each folder (or web site) with its article and passage counts."""
    table = Table("Folder or web site", "Articles", "Passages")
    for group in groups:
        table.add_row(Text(group.name), f"{group.articles:,}", f"{group.passages:,}")
    return table


class _Console(Console):
    """A rich console that reports a closed output as ``BrokenPipeError``, like ``click.echo``.

    rich's own handling exits with status 1 on the spot; the CLI ends every command the same
    quiet way on ``BrokenPipeError`` instead (``bot.console.cli``).
    """

    def on_broken_pipe(self) -> None:
        """Stop printing and let the error reach the command line."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def plain_text(console: Console) -> bool:
    """True when ``console`` cannot show bold: a pipe or file, or a terminal without styles
    (``TERM=dumb``). Quotes then mark their bold sentence with ``**`` (``quote_text``); in a
    terminal that shows styles it is bold, and no ``**`` is printed."""
    return not console.is_terminal or console.color_system is None


def make_console(*, stderr: bool = False) -> Console:
    """A console that degrades to plain text when not on a terminal; `:name:` codes in quoted text
    stay as written (``emoji=False``)."""
    return _Console(stderr=stderr, highlight=False, soft_wrap=False, emoji=False)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
