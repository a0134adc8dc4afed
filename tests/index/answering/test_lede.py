"""A lede that lacks the kind of thing asked for gives way to its article's passage that has it."""

from __future__ import annotations

from pathlib import Path

from index.config import EngineConfig
from index.engine import Engine
from tests.conftest import make_config, write_articles

TAKEOVER = ("Bates completes Leeds takeover\n\n"
            "Ken Bates has completed his takeover of Leeds United.\n\n"
            "The 73-year-old former Chelsea chairman sealed the deal at a meeting on Friday morning.\n\n"
            "Supporters gathered outside Elland Road as the news broke.\n")
STADIUM = ("Chelsea plan new stand\n\n"
           "Chelsea want to add a new stand to their ground, the club said on Monday.\n\n"
           "The plans will go to the council in the spring.\n")


async def ask(tmp_path: Path, question: str, lede: str = TAKEOVER, **overrides: object) -> tuple[str, int]:
    """The top quote's bold sentence and paragraph number, over the article ``lede`` and STADIUM."""
    folder = write_articles(tmp_path, {"news.txt": lede, "stadium.txt": STADIUM})
    async with await Engine.open(make_config(tmp_path, folder, **overrides)) as engine:
        await engine.reindex()
        answer = await engine.ask(question)
    assert answer.answered
    top = answer.quotes[0]
    return top.highlight, top.citation.paragraph


async def test_an_age_below_the_lede_is_quoted_first(tmp_path: Path) -> None:
    """"How old is Ken Bates?": the lede names him but gives no age; the paragraph with
    "73-year-old" (which names him only by his old job) comes first, in bold."""
    assert await ask(tmp_path, "How old is Ken Bates?") == (
        "The 73-year-old former Chelsea chairman sealed the deal at a meeting on Friday morning.", 2)


async def test_without_the_rule_the_lede_comes_first(tmp_path: Path) -> None:
    """The same question with ``lede_window = 0`` quotes the lede (the test above can fail)."""
    assert (await ask(tmp_path, "How old is Ken Bates?", lede_window=0))[1] == 1


async def test_a_question_without_an_asked_kind_keeps_the_lede(tmp_path: Path) -> None:
    """"What did Ken Bates complete?" asks for no kind of thing: the lede answers it."""
    assert (await ask(tmp_path, "What has Ken Bates completed?"))[1] == 1


AWARDS = ("Vera Drake leads film award nominations\n\n"
          "Mike Leigh's drama Vera Drake has scooped seven nominations at this year's British Independent Film Awards.\n\n"
          "The winners will be chosen by a jury chaired by director Anthony Minghella.\n\n"
          "Supporters of independent cinema will gather in London for the ceremony.\n")


async def test_a_lede_with_names_gives_way_to_the_passage_answering_what_it_leaves_out(tmp_path: Path) -> None:
    """The lede names people, but not the jury asked about: the jury's paragraph comes first."""
    assert await ask(tmp_path, "Who chairs the jury of the British Independent Film Awards?", AWARDS) == (
        "The winners will be chosen by a jury chaired by director Anthony Minghella.", 2)


async def test_without_the_rule_the_lede_with_names_comes_first(tmp_path: Path) -> None:
    """With ``lede_window = 0`` the same question quotes the lede (the test above can fail)."""
    question = "Who chairs the jury of the British Independent Film Awards?"
    assert (await ask(tmp_path, question, AWARDS, lede_window=0))[1] == 1


async def test_a_lede_that_answers_keeps_its_place(tmp_path: Path) -> None:
    """"Who made the drama Vera Drake?": the lede names Mike Leigh next to it, and no passage
    below says a word of the question the lede lacks."""
    assert (await ask(tmp_path, "Who made the drama Vera Drake?", AWARDS))[1] == 1


INTRO = ("Warsaw\n\n"
         "Many famous people were born in Warsaw. Famous musicians include Frederic Chopin. "
         "Casimir Pulaski, a Polish general, was born in Warsaw in 1745.\n\n"
         "The mermaid is the symbol of Warsaw, and every year since 1855 it has stood on the city's coat of arms.\n\n"
         "The city hosts a jazz festival in the summer.\n")
NEWS = ("Warsaw\n\n"
        "Casimir Pulaski, a Polish general, was born in Warsaw in 1745.\n\n"
        "The mermaid is the symbol of Warsaw, and every year since 1855 it has stood on the city's coat of arms.\n\n"
        "The city hosts a jazz festival in the summer.\n")


async def test_an_introduction_of_three_sentences_is_not_a_lede(tmp_path: Path) -> None:
    """An encyclopaedia's first paragraph that answers keeps its place, though the paragraph
    below has a year next to "year", which it lacks (SQuAD lost such answers)."""
    assert (await ask(tmp_path, "What year was Casimir Pulaski born in Warsaw?", INTRO))[1] == 1


async def test_a_one_sentence_lede_with_the_same_words_gives_way(tmp_path: Path) -> None:
    """The same answer as a news story's one-sentence lede gives way to the paragraph with
    the question word it lacks (the test above can fail)."""
    assert (await ask(tmp_path, "What year was Casimir Pulaski born in Warsaw?", NEWS))[1] == 2


BANK = ("ABN Amro to cut jobs\n\n"
        "ABN Amro, the Netherlands' largest bank, is to cut 2,850 jobs as a result of falling profits.\n\n"
        "The Dutch bank said the cuts would fall mainly on its back offices in Amsterdam.\n\n"
        "Deutsche Bank said this month it would reduce its workforce, while as many as 300 jobs "
        "could go at Commerzbank.\n")


async def test_the_word_of_the_asking_phrase_does_not_move_a_lede_that_answers(tmp_path: Path) -> None:
    """"How many jobs is ABN Amro cutting?": the lede has "2,850 jobs" next to ABN Amro. The
    paragraph below says "as many as 300 jobs" of another bank; its "many" is the asking
    phrase's word, not something the lede leaves out, so the lede stays first."""
    highlight, paragraph = await ask(tmp_path, "How many jobs is ABN Amro cutting?", BANK)
    assert (paragraph, "2,850 jobs" in highlight) == (1, True)


STAKE = ("Bates seals takeover\n\n"
         "Ken Bates has completed his takeover of Leeds United.\n\n"
         "When we took over Leeds United in 2004 the club was in trouble, Bates said, and Leeds "
         "United owed £103m.\n\n"
         "The former Chelsea chairman has bought a 50% stake in the club for his fund.\n")


async def test_a_lede_gives_way_to_the_passage_answering_what_it_leaves_out_before_one_holding_a_figure(
        tmp_path: Path) -> None:
    """"How big a stake in Leeds United did Ken Bates buy?": the lede has no figure. The
    paragraph on the debt has figures, next to words the lede already has (Leeds United);
    the one with "50% stake" answers with a word the lede lacks, and comes first (threshold 0:
    three paragraphs are too few for the confidence to say much)."""
    question = "How big a stake in Leeds United did Ken Bates buy?"
    highlight, paragraph = await ask(tmp_path, question, STAKE, answer_threshold=0.0)
    assert (paragraph, "50% stake" in highlight) == (3, True)


CHAMPION = ("Marat Safin rules out Wimbledon win\n\n"
            "Newly-crowned champion Marat Safin has ruled out any chance of winning Wimbledon, Safin's coach said.\n\n"
            "The 25-year-old shocked the crowd in the final to win his first title on grass courts, and he "
            "thanked his family and the fans who had travelled a long way to see him play.\n")
OTHERS = {f"notes{n}.txt": f"Tennis notes {n}\n\nMarat Safin visited his coach in town {n} on Monday, and the two talked for a while "
                           "about the season ahead and the players he would face there.\n"
          for n in range(1, 8)}
FILLER = {f"garden{n}.txt": f"Garden tips {n}\n\nWater the old tomatoes in bed {n} every morning in summer.\n"
          for n in range(1, 30)}


async def test_a_lede_gives_way_to_its_article_s_passage_below_other_articles(tmp_path: Path) -> None:
    """"How old is Marat Safin?": seven other stories name Marat Safin, below the lede and
    above the paragraph with "The 25-year-old", which names him only as that; it still comes
    before its lede. With the window of five passages the rule used to look in, the lede stays
    first (the test can fail)."""
    async def top(window: int) -> int:
        folder = write_articles(tmp_path / str(window), {"safin.txt": CHAMPION, **OTHERS, **FILLER})
        async with await Engine.open(make_config(tmp_path / str(window), folder, answer_threshold=0.0,
                                                 lede_window=window)) as engine:
            await engine.reindex()
            answer = await engine.ask("How old is Marat Safin?")
        return answer.quotes[0].citation.paragraph if answer.quotes[0].citation.title.startswith("Marat Safin rules") else 0

    assert (await top(5), await top(EngineConfig().answer.lede_window)) == (1, 2)


PRICES = ("House prices dip before Christmas\n\n"
          "UK house prices fell 0.7% in December, the Land Registry said.\n\n"
          "After falls late in the year, lenders said UK house prices rose 0.8% in January.\n")


async def test_a_lede_saying_the_asked_verb_in_another_form_keeps_its_place(tmp_path: Path) -> None:
    """"How much did UK house prices fall in December?": the lede says "fell", the question's
    "fall" in a form the stemmer cannot join; it does not leave the fall out, so it does not give
    way to the paragraph saying "falls" next to the January rise (eighth round)."""
    highlight, paragraph = await ask(tmp_path, "How much did UK house prices fall in December?", PRICES,
                                     answer_threshold=0.0)
    assert paragraph == 1 and "0.7%" in highlight
