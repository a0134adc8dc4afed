"""Answer-quality evaluation: SQuAD retrieval, no-answer detection, BBC speaker questions.

Metric code (``metrics``) is pure — functions over ranked texts and gold answers — so its
numbers can be checked by hand; the runners (``runs``) feed it from articlebot's engine and
from a naive rank-bm25 baseline computed in the same run.
"""
