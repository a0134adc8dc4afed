"""A question verb's irregular forms ("fall" / "fell") count as the verb, which the stemmer cannot see."""

from __future__ import annotations

from pathlib import Path

from index.answering.inflections import irregular_forms
from index.engine import Engine
from tests.conftest import make_config, write_articles

FILES = {
    "fell.txt": "Market report\n\nShares in Acme fell 5% on Monday after the profit warning.\n",
    "traded.txt": "Trading notes\n\nAcme shares traded at 5 pence on Monday, Acme said.\n",
    "garden.txt": "Garden tips\n\nWater the tomatoes every morning in summer.\n",
}


def test_a_verb_s_irregular_forms_are_found_and_regular_words_have_none() -> None:
    assert irregular_forms(["how", "much", "did", "shares", "fall"]) == {"fall": frozenset({"fell", "fallen"})}
    assert irregular_forms(["who", "bought", "it"]) == {"bought": frozenset({"buy"})}
    assert irregular_forms(["which", "shares", "jumped"]) == {}


async def test_the_passage_saying_fell_answers_how_much_shares_fall(tmp_path: Path) -> None:
    """"How much did Acme shares fall?": "Shares in Acme fell 5%" comes before "Acme shares
    traded at 5 pence …, Acme said", which says Acme twice but not the fall (the stem of "fell"
    is not "fall": without the verb's forms the other passage came first)."""
    folder = write_articles(tmp_path, FILES)
    async with await Engine.open(make_config(tmp_path, folder, answer_threshold=0.0)) as engine:
        await engine.reindex()
        answer = await engine.ask("How much did Acme shares fall?")
    assert answer.quotes[0].citation.title == "Market report"
