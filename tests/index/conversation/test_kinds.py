""""he"/"she" follow a person, "it"/"they" may follow an organisation: told apart by the
articles' words ("Mr", "said its", "which", "the company"), never by a list of names.

Over articles written for these tests, on a real SQLite engine, through ``Conversations`` (what
the console chat and the bot call). Found by testers on the BBC archive: "Microsoft said it …"
then "what else did he say?" followed Microsoft.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.conversation import Conversations
from index.conversation.kinds import Kind, kind_of
from index.engine import Engine
from tests.conftest import make_config, write_articles

ARTICLES = {
    "vantor.txt": "Vantor to appeal against merger ruling\n\n"
                  "Vantor said its lawyers would appeal against the ruling on the merger with Halden.\n\n"
                  "Vantor, which employs 900 people in Leeds, said the regulator had misread the merger accounts.\n\n"
                  "Vantor said the merger would save the business money within two years.\n",
    "hollis.txt": "Hollis backs the merger\n\n"
                  "Union leader Grace Hollis said the merger would protect jobs in Leeds.\n\n"
                  "Ms Hollis said she would meet the regulator next week about the merger.\n",
}


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[Engine]:
    async with await Engine.open(make_config(tmp_path, write_articles(tmp_path, ARTICLES))) as opened:
        await opened.reindex()
        yield opened


async def test_he_after_a_company_quoted_is_not_the_company(engine: Engine) -> None:
    talk = Conversations(engine)
    first = await talk.ask("a", "What did Vantor say about the ruling?")
    assert first.answer is not None and first.answer.quotes[0].speaker == "Vantor"
    he = await talk.ask("a", "what else did he say?")
    assert he.resolved is not None and he.resolved.speaker is None  # what else the article says, not Vantor's
    assert he.resolved.title == "Vantor to appeal against merger ruling"
    assert he.text is None and he.answer is not None and he.answer.quotes


async def test_they_after_a_company_quoted_is_the_company(engine: Engine) -> None:
    talk = Conversations(engine)
    await talk.ask("a", "What did Vantor say about the ruling?")
    they = await talk.ask("a", "what else did they say?")
    assert they.resolved is not None and they.resolved.speaker == "Vantor"
    assert they.answer is not None and all(q.speaker == "Vantor" for q in they.answer.quotes)


async def test_she_after_a_person_quoted_is_the_person(engine: Engine) -> None:
    talk = Conversations(engine)
    await talk.ask("a", "What did Grace Hollis say about jobs?")
    she = await talk.ask("a", "what else did she say?")
    assert she.resolved is not None and she.resolved.speaker == "Grace Hollis"
    assert she.answer is not None and "meet the regulator" in she.answer.quotes[0].text


@pytest.mark.parametrize(("name", "texts", "kind"), [
    ("Vantor", [ARTICLES["vantor.txt"]], Kind.ORGANISATION),  # "said its", ", which"
    ("Grace Hollis", [ARTICLES["hollis.txt"]], Kind.PERSON),  # "Ms Hollis"
    ("Orbex", ["Orbex has asked a court to halt the sale."], Kind.UNKNOWN),  # one word, nothing either way
    ("Orbex", ["Satellite maker Orbex has asked a court to halt the sale."], Kind.ORGANISATION),
    ("Orbex", ["Orbex, the Ohio satellite firm, has asked a court to halt the sale."], Kind.ORGANISATION),
    ("Quill", ["Quill said he would stay at the club."], Kind.PERSON),
    ("Quill", ["Quill said it would stay in Leeds."], Kind.UNKNOWN),  # "said it" is said of people too
    ("Dana Whitfield", ["No word about her at all."], Kind.PERSON),  # a first name and a surname
    ("The Times", ["No word about it at all."], Kind.UNKNOWN),
])
def test_kind_of_reads_the_articles_words(name: str, texts: list[str], kind: Kind) -> None:
    assert kind_of(name, texts) is kind
