"""``/stats [days]`` (admins, private) and ``/forget-me`` (anyone): question analytics on Discord.

/stats answers with an embed (questions, answered share, answer time, 👍/👎, most asked
articles, the gaps) and a chart of questions per day; the stats are read and the chart drawn
off the event loop. Without matplotlib the embed says how to get the chart. /forget-me
deletes the asker's own recorded questions and votes.
"""

from __future__ import annotations

import asyncio
import io
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot import stats_text as words
from bot.discord_bot import render
from bot.discord_bot.client import ArticleBot
from bot.discord_bot.cogs.admin import admin_check
from bot.discord_bot.responses import NO_MENTIONS, respond
from bot.discord_bot.text import EMBED_FIELD_VALUE_MAX, escaped_fit
from bot.source_listing import counted
from index.analytics.chart import ChartUnavailable, render_chart
from index.analytics.stats import MAX_DAYS, StatsReport

log = logging.getLogger(__name__)

NOT_ADMIN_TEXT = "Sorry, only server admins can see the question statistics."
UNAVAILABLE_TEXT = "Question statistics are not available: the bot could not open its database for them."
CHART_NAME = "stats.png"
GAP_CHARS = 150
"""A gap's wording is clipped to this many characters."""


stats_admin_only = admin_check(NOT_ADMIN_TEXT)


def _lines_within(lines: list[str], limit: int = EMBED_FIELD_VALUE_MAX) -> str:
    """As many of ``lines`` as fit in ``limit`` characters, joined by newlines."""
    kept: list[str] = []
    for line in lines:
        if sum(len(k) + 1 for k in kept) + len(line) > limit:
            break
        kept.append(line)
    return "\n".join(kept)


def stats_embed(report: StatsReport, chart_note: str | None = None) -> discord.Embed:
    """The report as one embed (the chart, when attached, as its image)."""
    summary = "\n".join(f"**{label}:** {value}" for label, value in words.summary_rows(report))
    embed = discord.Embed(title=f"Questions, last {report.days} days", description=summary, colour=render.COLOUR)
    articles = [f"{count} · {escaped_fit(title, 200)}" for title, count in report.top_articles]
    embed.add_field(name="Most asked articles", value=_lines_within(articles) or "–", inline=False)
    gaps = [f"“{escaped_fit(gap.question, GAP_CHARS)}” — {words.gap_counts(gap)}" for gap in report.gaps]
    value = _lines_within(gaps) or words.gaps_note(report) or "–"
    embed.add_field(name="Gaps: refused or 👎, by similar wording", value=value, inline=False)
    if chart_note:
        embed.set_footer(text=chart_note)
    else:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    return embed


class Stats(commands.Cog):
    """The /stats and /forget-me commands."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot

    @app_commands.command(name="stats")
    @app_commands.describe(days="How many days back (default: [analytics] stats_days)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.check(stats_admin_only)
    async def stats(self, interaction: discord.Interaction, days: app_commands.Range[int, 1, MAX_DAYS] | None = None
                    ) -> None:
        """Questions asked, answered and refused, answer times, feedback and gaps (admins only)."""
        analytics = self.bot.analytics
        if analytics.store is None:
            await respond(interaction, UNAVAILABLE_TEXT, ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        # With per-server archives a server's admins see their own server's questions only.
        own = interaction.guild_id is not None and self.bot.scopes.policy.per_guild
        report = await analytics.report(days, str(interaction.guild_id) if own else None)
        try:
            chart: bytes | None = await asyncio.to_thread(render_chart, report)
            note = None
        except ChartUnavailable as error:
            chart, note = None, str(error)
        files = [discord.File(io.BytesIO(chart), filename=CHART_NAME)] if chart else []
        await interaction.followup.send(embed=stats_embed(report, note), files=files, ephemeral=True,
                                        allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="forget-me")
    async def forget_me(self, interaction: discord.Interaction) -> None:
        """Delete the questions and 👍/👎 votes the bot recorded from you."""
        if self.bot.analytics.store is None:
            await respond(interaction, UNAVAILABLE_TEXT, ephemeral=True)
            return
        questions, votes = await self.bot.analytics.forget(interaction.user.id)
        deleted = f"{counted(questions, 'question')} and {counted(votes, 'vote')}"
        await respond(interaction, f"Done: I deleted {deleted} of yours.", ephemeral=True)


async def setup(bot: ArticleBot) -> None:
    """Add the /stats and /forget-me cog."""
    await bot.add_cog(Stats(bot))
