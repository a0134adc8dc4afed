"""How sure an answer is that the archive holds it: a number between 0 and 1.

Three pieces of evidence about the best passage, combined by a logistic model fitted on
SQuAD with half of its articles indexed (questions about the other half have no answer
there; fitted on one half of those articles, tested on the other — docs/eval.md):

* its coverage: the share of the question's idf mass found in it or its title/author;
* its re-ranked score per unit of the question's idf mass (``index.rerank``): how well
  the words are found together, as written, in one sentence, against the other candidates;
* whether the question asks for a kind of thing (a date, a number, a name) that the
  passage's best sentence does not hold ("Who won the 2022 World Cup?" answered by a
  sentence with "2022" and no winner).

``index.config.ConfidenceWeights`` holds the weights; ``Answer.confidence`` is this number; ``answer_threshold`` refuses below it.
"""

from __future__ import annotations

import math

from index.config import ConfidenceWeights


def answer_confidence(coverage: float, score_per_idf: float, kind_missing: bool,
                      weights: ConfidenceWeights) -> float:
    """The estimated chance, 0..1, that the best passage answers the question."""
    z = (weights.bias + weights.coverage * coverage + weights.score * score_per_idf
         + weights.kind_missing * float(kind_missing))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
