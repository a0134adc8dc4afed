"""Discord's side of conversations: which conversation a message belongs to, and a turn's reply.

A conversation is one DM, one member in one channel, or one thread the bot opened (everyone in
it shares it). ``turn_reply`` asks ``index.conversation`` and renders what it says: quotes as
for /ask (led by the topic a follow-up was read against), a sentence, or a list of articles.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

import discord

from bot.discord_bot import render
from bot.discord_bot import text as t
from bot.discord_bot.answer_reply import Reply, quotes_reply
from bot.discord_bot.listing_pages import list_page
from bot.discord_bot.responses import respond
from bot.questions import DISCORD_HELP, canned_reply
from index.analytics.records import Origin
from index.conversation import ArchiveReply, Topic, Turn
from index.errors import QueryError

if TYPE_CHECKING:
    from bot.discord_bot.client import ArticleBot

ConversationKey = tuple[str, int] | tuple[str, int, int]
_EMPHASIS = re.compile(r"\*([^*]+)\*")


def conversation_key(channel: object, user_id: int, *, bot_id: int | None) -> ConversationKey:
    """("thread", id) in a thread the bot opened, ("dm", user) in a DM, else ("channel", id, user)."""
    if isinstance(channel, discord.Thread) and bot_id is not None and channel.owner_id == bot_id:
        return ("thread", channel.id)
    if isinstance(channel, (discord.DMChannel, discord.GroupChannel)) or getattr(channel, "guild", None) is None:
        return ("dm", user_id)
    return ("channel", getattr(channel, "id", 0), user_id)


def is_bot_thread(channel: object, bot_id: int | None) -> bool:
    """True in a thread the bot opened (members ask there without mentioning it)."""
    return isinstance(channel, discord.Thread) and bot_id is not None and channel.owner_id == bot_id


async def answered_without_search(bot: ArticleBot, interaction: discord.Interaction, question: str) -> bool:
    """Reply (only to the asker) to a question that is empty, a greeting or thanks, or over the
    asker's cooldown; True when it did, and nothing is to be searched."""
    canned = canned_reply(question, help_hint=DISCORD_HELP)
    if canned is None:
        retry_after = bot.cooldowns.hit(interaction.user.id)
        canned = render.cooldown_text(retry_after) if retry_after is not None else None
    if canned is not None:
        await respond(interaction, canned, ephemeral=True)
    return canned is not None


async def turn_reply(bot: ArticleBot, key: ConversationKey, question: str, article: str | None = None,
                     origin: Origin | None = None) -> Reply:
    """Ask in ``key``'s conversation and render the turn (recorded for /stats with an ``origin``)."""
    started = time.perf_counter()
    try:
        place = (origin.guild_id, origin.channel_id) if origin is not None else (None, None)
        async with bot.scopes.searching(*place):  # the asker's server and channel (index.scopes)
            turn = await bot.conversations.ask(key, question, top=bot.max_quotes, article=article or None)
    except QueryError:
        bot.analytics.record(question, origin, None, time.perf_counter() - started)
        raise
    reply, answer_key = render_turn(bot, turn)
    seconds = time.perf_counter() - started
    if turn.answer is not None:
        bot.analytics.record(question, origin, turn.answer, seconds, answer_key)
    else:  # a sentence or an archive reply: answered from the records, about this article (if one)
        title = turn.archive.title if turn.archive is not None else None
        bot.analytics.record_outcome(question, origin, True, title, seconds)
    return reply


def render_turn(bot: ArticleBot, turn: Turn) -> tuple[Reply, str | None]:
    """Quotes, a sentence or a list, led by the topic a follow-up was read against; and the key
    the quotes' buttons carry (None without quotes)."""
    lead = resolved_text(turn.resolved) if turn.resolved is not None else None
    if turn.sentence is not None:
        return Reply(content="\n".join(filter(None, (lead, marked(turn.sentence, 1500))))), None
    if turn.answer is not None:
        reply, key = quotes_reply(bot, turn.answer)
        content = "\n".join(filter(None, (lead, reply.content))) or None
        return Reply(content=content, embeds=reply.embeds, view=reply.view), key
    return archive_reply(bot, turn.archive, lead) if turn.archive is not None else Reply(content=lead), None


def resolved_text(topic: Topic) -> str:
    """"↪ Following up on Jimmy Connors, in *Connors boost for British tennis*"."""
    return "↪ Following up on " + marked(topic.label(), 400)


def archive_reply(bot: ArticleBot, reply: ArchiveReply, lead: str | None = None) -> Reply:
    """The sentence, and the first page of the articles it lists (a Next button pages on)."""
    content = "\n".join(filter(None, (lead, marked(reply.text, 1500))))
    if not reply.items:
        return Reply(content=content)
    embed, view = list_page(reply, bot.listings.put(reply), 0)
    return Reply(content=content, embeds=[embed], view=view)


def marked(text: str, limit: int) -> str:
    """``text`` escaped for Discord, its ``*title*`` markers kept as italics, within ``limit``."""
    parts, last = [], 0
    for match in _EMPHASIS.finditer(text):
        parts.append(t.escape(text[last:match.start()]))
        parts.append("*" + t.escape(match.group(1)) + "*")
        last = match.end()
    parts.append(t.escape(text[last:]))
    out = "".join(parts)
    return out if len(out) <= limit else t.escaped_fit(_EMPHASIS.sub(r"\1", text), limit)
