"""How sure an answer is that the archive holds it: a number between 0 and 1.

Evidence about the best passage, combined by a logistic model fitted on SQuAD with half of
its articles indexed (questions about the other half have no answer there; fitted on one
half of those articles, tested on the other — docs/eval.md):

* its coverage: the share of the question's idf mass found in it or its title/author;
* its re-ranked score per unit of the question's idf mass (``index.rerank``): how well
  the words are found together, as written, in one sentence, against the other candidates;
* whether the question asks for a kind of thing (a date, a number, a name) that the
  passage's best sentence does not hold ("Who won the 2022 World Cup?" answered by a
  sentence with "2022" and no winner);
* whether the runner-up passage is from another article: an archive that holds the subject
  of a question usually has more than one passage about it, while a question it cannot
  answer scatters its best passages over articles sharing a word or two;
* the question's idf mass in units of the archive's largest idf (``log((N + 0.5) / 0.5)``,
  a word no passage holds), so that it does not grow with the archive as idf does.

``index.config.ConfidenceWeights`` holds the weights; ``Answer.confidence`` is this number; ``answer_threshold`` refuses below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from index.config import ConfidenceWeights


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the confidence is computed from (see the module's docstring)."""

    coverage: float
    score_per_idf: float
    kind_missing: bool = False
    elsewhere: bool = False  # the runner-up passage is from another article
    mass: float = 0.0  # the question's idf mass / ``ranking.largest_idf`` of the archive


def answer_confidence(evidence: Evidence, weights: ConfidenceWeights) -> float:
    """The estimated chance, 0..1, that the best passage answers the question."""
    z = (weights.bias + weights.coverage * evidence.coverage + weights.score * evidence.score_per_idf
         + weights.kind_missing * float(evidence.kind_missing) + weights.elsewhere * float(evidence.elsewhere)
         + weights.mass * math.log(max(evidence.mass, 1e-3)))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
