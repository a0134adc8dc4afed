"""Answers must not depend on Python's hash seed (each bot process gets a random one).

The re-ranking adds idf weights over sets of words; a set's order follows the string hash
seed, and float addition depends on order (0.1 + 0.2 + 0.3 + 0.7 + 1.1 is 2.4 or
2.4000000000000004), so the same question over the same archive got scores a few ulps apart
in two processes, and where two sentences' sums tied, a different best sentence (58 of the
4,961 no-answer eval questions differed between PYTHONHASHSEED 1 and 2). The sums are
``math.fsum``: correctly rounded, whatever the order. The check runs the evidence code in
processes with different seeds and wants the same numbers from each.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Five question words whose idf sum depends on the order they are added in, in two sentences.
SCRIPT = """
from index.answering.answer_kinds import AnswerKind
from index.answering.answer_sentence import sentence_features
from index.answering.highlight import best_sentence
from index.answering.pool_evidence import pool_evidence
from index.answering.rerank import Question, evidence
from index.models import Span
from index.tokenize import tokenize

text = "Alpha met beta near gamma, then delta and epsilon left. Epsilon, delta, gamma, beta and alpha stayed."
asked = "Where did alpha, beta, gamma, delta and epsilon meet?"
weights = dict(zip(tokenize(asked), (0.1, 0.2, 0.3, 0.7, 1.1, 0.05)))
question = Question.of(asked, weights)
cut = text.index("Epsilon")
spans = [Span(0, cut - 1), Span(cut, len(text))]
pairs = [(s.start, s.end) for s in spans]
print(repr(evidence(question, text, pairs)))
print(repr(pool_evidence(question, [(text, pairs), (text[:cut], [(0, cut - 1)])])))
print(repr(sentence_features(question, AnswerKind.of(asked), text, spans)))
print(best_sentence(text, spans, weights, question=question))
"""


def run_with_seed(seed: int) -> str:
    """What the script prints in a process with hash seed ``seed``."""
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": str(seed)}, timeout=120)
    return done.stdout


def test_evidence_is_the_same_under_every_hash_seed() -> None:
    outputs = {seed: run_with_seed(seed) for seed in range(8)}
    assert "Evidence(" in outputs[0]
    assert len(set(outputs.values())) == 1, outputs
