"""What a "why?" follow-up shows: the passage of the last article after the one shown.

An article tells why after it tells what: the shares fell 15% (¶1), "the company blamed the price
of flour" (¶2). So "why?" (or "how come?", "why did he say that?") shows the first passage of the
same article after the first one shown that was not shown yet, its bold sentence chosen for the
last question as in any answer; asked again, the one after that. When the article has nothing
after what was shown, the reply says so plainly rather than showing the same passage again.
"""

from __future__ import annotations

from index.answering.answer import requote
from index.conversation.context import Topic
from index.engine import Engine
from index.models import Answer
from index.store.rows import PassageRow


async def reason_answer(engine: Engine, topic: Topic) -> Answer | str | None:
    """The answer showing the passage after ``topic``'s in its article; the plain sentence when
    nothing follows it; None when no passage of the article was shown (nothing to explain)."""
    if topic.article_id is None:
        return None
    rows = await engine.store.article_passages(topic.article_id)
    if not any(row.id in topic.shown for row in rows):
        return None
    following = next_passage(rows, topic.shown)
    if following is None:
        return no_reason_text(topic)
    quotes = await requote(topic.question, [following.id], searcher=await engine.searcher(), store=engine.store,
                           params=engine.config.answer)
    return Answer(topic.question, True, quotes=quotes) if quotes else no_reason_text(topic)


def next_passage(rows: list[PassageRow], shown: frozenset[int]) -> PassageRow | None:
    """Of an article's passages in order, the first not in ``shown`` after the first that is."""
    first = next((n for n, row in enumerate(rows) if row.id in shown), None)
    if first is None:
        return None
    return next((row for row in rows[first + 1:] if row.id not in shown), None)


def no_reason_text(topic: Topic) -> str:
    """The plain reply when the article says nothing after what was shown."""
    where = f"*{topic.title}*" if topic.title else "The article"
    return f"{where} gives no further reason: nothing in it follows the passages shown."
