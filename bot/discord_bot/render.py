"""Turn the engine's values into Discord messages: embeds and short texts, always within limits.

Pure: ``Answer``/``Quote``/``SourceInfo``/``ReindexReport`` in, ``discord.Embed`` or ``str`` out.
Quoted text is escaped (``bot.discord_bot.text.escape``), the highlighted sentence is bold, long quotes are
cut at a sentence with "…", and every quote keeps its citation line with ¶N.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import discord

from bot.discord_bot import text as t
from bot.report_text import duplicates_summary, ignored_summary
from bot.source_listing import DISCORD_PER_PAGE, page_count, page_of
from index.models import (
    Answer,
    Citation,
    ContextParagraph,
    Quote,
    ReindexProgress,
    ReindexReport,
    SourceInfo,
)

COLOUR = discord.Colour(0x2B6CB0)
QUOTE_CHARS = 1500
"""Budget for one quote's text in an embed; three quotes plus citations stay under 6000."""
REPLY_CHARS = 2000
"""A first answer's content and embeds stay within this (More pages may use Discord's 6000)."""
ERROR_TEXT = "Something went wrong; it was logged."
STORE_TROUBLE_TEXT = "I cannot read the article archive right now; the details are in my log for the admin."
NOT_ADMIN_TEXT = "Sorry, only server admins can reindex the articles."
NOT_ADMIN_THREADS_TEXT = "Sorry, only server admins can choose whether /ask opens threads."
NOT_ADMIN_SCOPE_TEXT = "Sorry, only server admins can limit a channel to a folder or lift its limit."
REINDEX_RUNNING_TEXT = "A reindex is already running; I'll keep answering from the current index."
EXPIRED_TEXT = "That answer is too old for this button; please ask again."
ECHO_CHARS = 150
"""A "not found" repeats at most this much of the question (on one line), so a long one stays short."""
_URL = re.compile(r"https?://[^\s<>]{1,500}")


def citation_line(citation: Citation) -> str:
    """"— Title, Author, ¶N · url" with title and author escaped (url only when it is http(s))."""
    parts = [t.escaped_fit(citation.title, 300)]
    if citation.author:
        parts.append(t.escaped_fit(citation.author, 120))
    parts.append(f"¶{citation.paragraph}")
    line = "— " + ", ".join(parts)
    if citation.url and _URL.fullmatch(citation.url):
        line += f" · {citation.url}"
    return line


def quote_markdown(quote: Quote, limit: int = QUOTE_CHARS) -> str:
    """The quote's excerpt escaped with its highlight in bold, cut at sentences to fit
    ``limit``; "…" marks where the passage goes on."""
    text = quote.text
    first, last = quote.excerpt_span
    highlight = text[quote.highlight_start : quote.highlight_end]
    core = highlight.strip()
    if not core:
        return t.escaped_fit(quote.excerpt.strip(), limit, t.cut_sentences)
    lead = len(highlight) - len(highlight.lstrip())
    before = text[min(first, quote.highlight_start) : quote.highlight_start + lead]
    after = text[quote.highlight_start + lead + len(core) : max(last, quote.highlight_end)]
    cut_before, cut_after = bool(text[:first].strip()), bool(text[last:].strip())
    pre, post = t.sentences(before), t.sentences(after)
    # Both lists are consumed from the highlight outwards.
    pre.reverse()
    bold = f"**{t.escape(core)}**"
    if len(bold) + 2 * len(t.ELLIPSIS) > limit:
        room = limit - 4 - 2 * len(t.ELLIPSIS)
        bold = f"**{t.escaped_fit(core, room)}**"
    kept_pre: list[str] = []
    kept_post: list[str] = []

    def render(a: list[str], b: list[str]) -> str:
        head = t.escape("".join(reversed(a)))
        tail = t.escape("".join(b))
        lead_mark = t.ELLIPSIS + " " if len(a) < len(pre) or cut_before else ""
        trail_mark = " " + t.ELLIPSIS if len(b) < len(post) or cut_after else ""
        return (lead_mark + head.lstrip() + bold + tail.rstrip() + trail_mark).strip()

    grew = True
    while grew:
        grew = False
        for kept, source in ((kept_post, post), (kept_pre, pre)):
            if len(kept) < len(source):
                kept.append(source[len(kept)])
                if len(render(kept_pre, kept_post)) <= limit:
                    grew = True
                else:
                    kept.pop()
    return render(kept_pre, kept_post)


def quote_embed(quote: Quote, limit: int = QUOTE_CHARS) -> discord.Embed:
    """One embed: the quote (highlight bold) and its citation line."""
    description = quote_markdown(quote, limit) + "\n\n" + citation_line(quote.citation)
    return discord.Embed(description=description, colour=COLOUR)


def quote_embeds(quotes: Sequence[Quote], per_message: int = 3, budget: int = t.EMBEDS_TOTAL_MAX
                 ) -> list[discord.Embed]:
    """Embeds for up to ``per_message`` quotes, shrinking quotes until they fit ``budget``
    characters (at most Discord's 6000; a first reply passes what ``REPLY_CHARS`` leaves)."""
    chosen = list(quotes[: min(per_message, t.EMBEDS_PER_MESSAGE)])
    budget = min(budget, t.EMBEDS_TOTAL_MAX)
    limit = QUOTE_CHARS
    while True:
        embeds = [quote_embed(q, limit) for q in chosen]
        if sum(len(e) for e in embeds) <= budget or limit <= 100:
            return embeds
        limit -= 100


def note_text(answer: Answer) -> str | None:
    """The message text above the quotes, if any: "Showing results for *…*" when the question
    was read with its typos corrected, then the answer's note (e.g. nobody quotes the person
    asked about)."""
    lines = [showing_text(answer)] if answer.corrected else []
    if answer.note:
        lines.append(t.escaped_fit(answer.note, 500))
    return "\n".join(lines) or None


def showing_text(answer: Answer) -> str:
    """"Showing results for *Krispy Kreme shares*": the question as it was searched."""
    return f"Showing results for *{t.escaped_fit(answer.corrected, 400)}*"


def not_found_text(answer: Answer) -> str:
    """A friendly "not found" naming the closest article titles (never a random passage)."""
    question = t.escaped_fit(" ".join(answer.question.split()), ECHO_CHARS)
    lines = [f"I couldn't find an answer to “{question}” in the articles."]
    if answer.note:  # why, when the answer says (a question in another language)
        lines.append(t.escaped_fit(answer.note, 500))
    if answer.corrected:
        lines.append(f"(I searched for *{t.escaped_fit(answer.corrected, 300)}*.)")
    if answer.suggestions:
        lines.append("The closest articles I have:")
        lines += [f"• {t.escaped_fit(title, 200)}" for title in answer.suggestions[:5]]
        lines.append("Try naming one of them, or use `/sources` to see everything I know about.")
    else:
        lines.append("Try other words, or use `/sources` to see what I know about.")
    return "\n".join(lines)


def context_embed(paragraphs: Sequence[ContextParagraph], title: str | None = None) -> discord.Embed:
    """The paragraphs around a quote, each with ¶N; the quoted paragraph is bold."""
    shown = list(paragraphs[:5])
    if not shown:
        return discord.Embed(description="That passage is no longer in the index.", colour=COLOUR)
    budget = (t.EMBED_DESCRIPTION_MAX - 200) // len(shown) - 12
    blocks = []
    for para in shown:
        body = t.escaped_fit(para.text.strip(), budget, t.cut_sentences)
        blocks.append(f"**¶{para.paragraph}** " + (f"**{body}**" if para.is_quote else body))
    embed = discord.Embed(description="\n\n".join(blocks), colour=COLOUR)
    if title:
        embed.title = t.clip(title, t.EMBED_TITLE_MAX)
    return embed


def sources_embed(sources: Sequence[SourceInfo], page: int, words: str = "") -> discord.Embed:
    """Page ``page`` (from 0, clamped) of the indexed articles (those matching ``words``, when given)."""
    pages = page_count(len(sources))
    page, shown = page_of(sources, page)
    lines = []
    for number, info in enumerate(shown, page * DISCORD_PER_PAGE + 1):
        line = f"{number}. {t.escaped_fit(info.title, 200)}"
        if info.author:
            line += f" — {t.escaped_fit(info.author, 80)}"
        line += f" ({info.passages} passage{'s' if info.passages != 1 else ''})"
        lines.append(line)
    held = f" whose title or file name holds “{t.clip(words, t.SOURCE_WORDS_MAX)}”" if words else ""
    embed = discord.Embed(
        title=t.clip(f"Indexed articles{held} ({len(sources)})", t.EMBED_TITLE_MAX),
        description="\n".join(lines) or (f"No indexed article{held}." if words else "No articles are indexed yet."),
        colour=COLOUR,
    )
    embed.set_footer(text=f"Page {page + 1}/{pages}")
    return embed


def help_embed(speaker: str | None = None) -> discord.Embed:
    """How to ask, with examples (``speaker``: someone the indexed articles quote)."""
    embed = discord.Embed(title="How to ask articlebot", colour=COLOUR)
    embed.description = (
        "I answer with **verbatim quotes** from the indexed articles, each with its citation "
        "(title, author, paragraph ¶). I never make anything up: when no passage fits, I say so "
        "and name the closest articles."
    )
    embed.add_field(
        name="Ask",
        value=(
            f"`/ask question:What did {t.clip(speaker or 'the minister', 60)} say?`\n"
            "`/ask question:When was it announced? article:<pick a title>`\n"
            "`/ask question:... private:True` shows the answer only to you."
        ),
        inline=False,
    )
    embed.add_field(
        name="Elsewhere",
        value="Send me a DM, mention me in a channel, or right-click a message → Apps → **Ask articlebot**.",
        inline=False,
    )
    embed.add_field(
        name="Follow up",
        value="“What else did he say?”, “why?”, “who wrote the article?”, “which articles mention X?” "
        "— I remember your last answer for a few minutes.",
        inline=False,
    )
    embed.add_field(
        name="Buttons",
        value="**More** shows further quotes, **Context** the paragraphs around a quote, "
        "👍/👎 tell us whether the quotes helped.",
        inline=False,
    )
    embed.add_field(name="Also", value="`/sources` lists the articles I know.", inline=False)
    return embed


def cooldown_text(retry_after: float) -> str:
    """A friendly cooldown message."""
    return f"You're asking quickly! Please try again in {max(1, round(retry_after))} s."


def busy_text(retry_after: float) -> str:
    """The reply when the answer queue is full."""
    return (f"I'm busy answering a lot of questions right now; please try again in "
            f"{max(1, round(retry_after))} s.")


def reindex_progress_text(progress: ReindexProgress | None) -> str:
    """The progress line a running /reindex shows."""
    if progress is None or progress.total == 0:
        return "Reindexing… looking for articles."
    return f"Reindexing… {progress.done}/{progress.total} files."


def reindex_report_text(report: ReindexReport, roots: Sequence[Path] = ()) -> str:
    """The final /reindex message: the counts, each bad file by name (they need the admin), then
    the duplicates and the files skipped as not articles, a counted line each naming the first
    few, relative to ``roots`` (the article folders) when inside one."""
    lines = [
        f"Reindex done: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {len(report.bad)} bad, "
        f"{len(report.duplicates)} duplicate{'' if len(report.duplicates) == 1 else 's'}"
        f"{f', {len(report.ignored)} skipped (not articles)' if report.ignored else ''}.",
        f"The index now holds {report.articles} articles ({report.passages} passages); "
        f"took {report.seconds:.1f} s.",
    ]
    if not report.usable:
        lines.append("Warning: no articles are indexed, so I cannot answer questions.")
    def fit(path: str) -> str:
        return t.escaped_fit(path, 100)

    tail = [f"Duplicates: {duplicates_summary(report.duplicates, roots, fit)}; the log lists each."
            ] if report.duplicates else []
    if report.ignored:
        tail.append(f"{ignored_summary(report.ignored, roots, fit)}; the log lists each.")
    # Every bad file by name while the message fits; the rest are counted.
    named = [f"• {t.escaped_fit(b.path, 150)}: {t.escaped_fit(b.reason, 150)}" for b in report.bad]
    room = t.CONTENT_MAX - len("\n".join(lines + tail)) - len("\n• … and 9999 more bad files (see the log).")
    shown = 0
    while shown < len(named) and len(named[shown]) + 1 <= room:
        room -= len(named[shown]) + 1
        shown += 1
    lines[2:2] = named[:shown]
    if shown < len(named):
        lines.insert(2 + shown, f"• … and {len(named) - shown} more bad files (see the log).")
    return "\n".join(lines + tail)

