"""The spelling index saved with the BM25 index gives the corrections of the one built in memory."""

from __future__ import annotations

import random
from pathlib import Path

from index.answering.saved_spelling import COUNTS, DELETES
from index.answering.spelling import EnglishWords, Spelling, english_words, save_terms
from index.answering.word_rarity import english_frequencies
from index.engine import Engine
from tests.conftest import make_config


def _misspelt(rng: random.Random, word: str) -> str:
    """``word`` with a letter dropped, added, changed or two neighbours swapped (sometimes plus an 's')."""
    i, letter = rng.randrange(len(word)), rng.choice("abcdefghijklmnopqrstuvwxyz")
    slips = [word[:i] + word[i + 1:], word[:i] + letter + word[i:], word[:i] + letter + word[i + 1:],
             word[:i] + word[i + 1:i + 2] + word[i:i + 1] + word[i + 2:]]
    return rng.choice(slips) + ("s" if rng.random() < 0.3 else "")


def test_saved_index_gives_the_built_indexs_candidates(tmp_path: Path) -> None:
    """On 4,000 English words (stems and written forms, 1-3 letters to 14), 1,500 misspellings
    get the same candidates, in the same order, from the mapped index as from the built one."""
    rng = random.Random(11)
    english = english_words(english_frequencies())
    vocabulary = rng.sample(sorted(english.words), 4000) + ["kreme", "ukrain", "tackl", "connor"]
    terms = [(word, rng.randint(1, 40)) for word in vocabulary] + [("1990s", 3), ("ok", 2)]
    save_terms(tmp_path, terms)
    for english_too in (None, english):
        built, saved = Spelling(terms, english_too), Spelling.saved(tmp_path, english_too)
        assert dict(saved.counts) == dict(built.counts)
        for word in [_misspelt(rng, w) for w in rng.sample(vocabulary, 1500)] + ["conors", "tackel", "krem"]:
            assert saved.candidates(word) == built.candidates(word), word


async def test_a_reindex_saves_the_spelling_index_and_a_restart_maps_it(tmp_path: Path, library: Path) -> None:
    """No process builds the spelling index after a reindex: it is written beside the BM25 index,
    and a typo is corrected from the mapped one after a restart."""
    config = make_config(tmp_path, library)
    async with await Engine.open(config) as engine:
        await engine.reindex()
        generation = (await engine.searcher()).generation
    folder = config.index_dir / f"gen-{generation}"
    assert (folder / DELETES).is_file() and (folder / COUNTS).is_file()
    async with await Engine.open(config, read_only=True) as engine:
        answer = await engine.ask("Which councilor opposed the libary budget?")
        assert not isinstance((await engine.searcher()).spelling()._terms.counts, dict)  # mapped, not built
    assert answer.corrected == "Which councillor opposed the library budget?"


def test_the_mapped_commonest_english_words_are_the_computed_ones() -> None:
    """The shipped English words' commonest word per stem, mapped from the cache, equals what
    ``EnglishWords`` computes from the table, and one-edit look-ups agree."""
    frequencies = english_frequencies()
    mapped, computed = english_words(frequencies), EnglishWords(frequencies)
    assert dict(mapped.shown) == dict(computed.shown)
    rng = random.Random(5)
    for word in rng.sample(sorted(computed.words), 500):
        assert mapped.one_edit(word[:-1]) == computed.one_edit(word[:-1])
        assert (word in mapped.words) and (word.upper() not in mapped.words)
