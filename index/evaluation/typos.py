"""SQuAD questions with realistic typos: the typo set ``articlebot eval typos`` asks beside the clean ones.

How the set is made (``make_typo_set``, seeded, so the same file comes out every time):

1. ``COUNT`` questions spread evenly over the SQuAD file (``scores.sample``).
2. In each, the content words: letters only, at least ``MIN_WORD`` long, not a stopword.
   One of them is misspelt, or two when the question has two and a coin says so.
3. Each chosen word gets one slip, picked at random among those people make when typing
   fast: a letter replaced by a neighbour on a QWERTY keyboard ("budget" -> "budfet"), two
   neighbouring letters swapped ("Britain" -> "Britian"), a letter dropped ("cutting" ->
   "cuting") or doubled ("Jimmy" -> "Jimmmy"). The first letter is never touched (people
   rarely get it wrong), and a slip that gives the word back, or another English word, is
   drawn again.

The set is stored in ``index/evaluation/data/squad_typos.json`` with each question's clean
text, answers and slips; ``python -m index.evaluation.typos SQUAD_FILE`` regenerates it.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from index.evaluation.scores import sample
from index.evaluation.squad import SquadQuestion, load_squad
from index.tokenize import STOPWORDS

COUNT = 320
SEED = 12
MIN_WORD = 4
TYPO_SET = Path(__file__).resolve().parent / "data" / "squad_typos.json"

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_WORD = re.compile(r"[A-Za-z]+")


def _neighbours() -> dict[str, str]:
    """Each letter's neighbours on a QWERTY keyboard (same row and the rows above and below)."""
    where = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    return {c: "".join(o for o, (r2, i2) in where.items() if o != c and abs(r2 - r) <= 1 and abs(i2 - i) <= 1)
            for c, (r, i) in where.items()}


NEIGHBOURS = _neighbours()


def _keep_case(letter: str, like: str) -> str:
    return letter.upper() if like.isupper() else letter


def neighbour_key(word: str, rng: random.Random) -> str:
    """A letter after the first replaced by one of its keyboard neighbours."""
    i = rng.randrange(1, len(word))
    options = NEIGHBOURS.get(word[i].lower(), "")
    return word if not options else word[:i] + _keep_case(rng.choice(options), word[i]) + word[i + 1:]


def transpose(word: str, rng: random.Random) -> str:
    """Two neighbouring letters after the first swapped."""
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def drop(word: str, rng: random.Random) -> str:
    """A letter after the first left out."""
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1:]


def double(word: str, rng: random.Random) -> str:
    """A letter after the first typed twice."""
    i = rng.randrange(1, len(word))
    return word[:i] + word[i] + word[i:]


SLIPS: dict[str, Callable[[str, random.Random], str]] = {
    "neighbour key": neighbour_key, "transposition": transpose, "dropped letter": drop, "doubled letter": double,
}


def misspell(word: str, rng: random.Random, english: Mapping[str, float]) -> tuple[str, str]:
    """``(slip name, misspelt word)``: a slip that makes a word that is neither ``word`` nor English."""
    for _ in range(50):
        name = rng.choice(sorted(SLIPS))
        typed = SLIPS[name](word, rng)
        if typed.lower() != word.lower() and typed.lower() not in english:
            return name, typed
    return "dropped letter", drop(word, rng)


@dataclass(frozen=True, slots=True)
class TypoQuestion:
    """A SQuAD question with typos, its clean text, answers and the slips made."""

    qid: str
    question: str
    clean: str
    answers: tuple[str, ...]
    slips: tuple[tuple[str, str, str], ...]  # (word, typed, slip)


def with_typos(question: SquadQuestion, rng: random.Random, english: Mapping[str, float]) -> TypoQuestion:
    """``question`` with one or two of its content words misspelt."""
    words = [m for m in _WORD.finditer(question.question)
             if len(m.group()) >= MIN_WORD and m.group().lower() not in STOPWORDS]
    chosen = sorted(rng.sample(words, min(len(words), rng.choice((1, 2)))), key=lambda m: m.start())
    text, slips = question.question, []
    for match in reversed(chosen):
        name, typed = misspell(match.group(), rng, english)
        text = text[:match.start()] + typed + text[match.end():]
        slips.append((match.group(), typed, name))
    return TypoQuestion(question.qid, text, question.question, question.answers, tuple(reversed(slips)))


def make_typo_set(squad_file: Path, english: Mapping[str, float], count: int = COUNT, seed: int = SEED
                  ) -> list[TypoQuestion]:
    """``count`` questions of ``squad_file``, evenly spread, each with one or two typos."""
    rng = random.Random(seed)
    questions = [q for q in load_squad(squad_file).questions
                 if any(len(w) >= MIN_WORD and w.lower() not in STOPWORDS for w in _WORD.findall(q.question))]
    return [with_typos(q, rng, english) for q in sample(questions, count)]


def load_typo_set(path: Path = TYPO_SET) -> list[TypoQuestion]:
    """The stored typo set."""
    rows = json.loads(path.read_text(encoding="utf-8"))["questions"]
    return [TypoQuestion(r["qid"], r["question"], r["clean"], tuple(r["answers"]),
                         tuple(tuple(s) for s in r["slips"])) for r in rows]


def save_typo_set(questions: list[TypoQuestion], path: Path = TYPO_SET) -> None:
    """Write the set as JSON (how it was made, then one object per question)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    about = (f"{len(questions)} SQuAD v1.1 dev questions (public half) with one or two typos each, "
             f"made by index/evaluation/typos.py (seed {SEED}); see its docstring.")
    payload = {"about": about, "questions": [asdict(q) for q in questions]}
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    from index.answering.word_rarity import english_frequencies

    save_typo_set(make_typo_set(Path(sys.argv[1]), english_frequencies()))
    print(f"wrote {TYPO_SET}")
