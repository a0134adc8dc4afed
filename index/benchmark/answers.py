"""The whole answer against peers, on a real news archive: ``Engine.ask`` vs bm25s and tantivy.

Input: a folder of article files (``index.benchmark.reuters.write_corpus``), the SQuAD questions,
a work folder. Output: plain dicts of measurements:
``reindex`` (``Engine.reindex`` from the files, passages/s, and tantivy indexing the same raw
paragraph text in the same process), ``answers`` (per question, interleaved: bm25s top-10,
tantivy top-10 and ``Engine.ask``; full garbage collections counted with ``gc.callbacks``),
``one_shot`` (``articlebot ask`` in a new process beside ``python -c "import numpy"``).
Peers and articlebot are timed in one process, question by question, so the machine's other
load falls on all of them alike.
"""

from __future__ import annotations

import asyncio
import gc
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.benchmark.reuters import SQUAD_FILE, raw_passages, write_corpus
from index.engine import Engine, EngineConfig

SEED = 20261206


def _ms(values: Sequence[float]) -> dict[str, float]:
    array = np.asarray(values, dtype=np.float64) * 1000
    return {"p50_ms": float(np.percentile(array, 50)), "p99_ms": float(np.percentile(array, 99)),
            "max_ms": float(array.max()), "mean_ms": float(array.mean())}


def tantivy_index(texts: Sequence[str], folder: Path) -> tuple[Any, float]:
    """A tantivy index of ``texts`` (default English tokenizer), and its build seconds."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    builder.add_integer_field("id", stored=True, indexed=False)
    schema = builder.build()
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    for number, text in enumerate(texts):
        writer.add_document(tantivy.Document(body=text, id=number))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, time.perf_counter() - start


def bm25s_index(texts: Sequence[str], backend: str = "numpy", tokens: Any = None) -> tuple[Any, float]:
    """A bm25s index of ``texts`` (its tokenizer, English stopwords, PyStemmer; its default
    ``numpy`` or its ``numba`` backend), and its seconds; ``tokens``: ``texts`` already
    tokenized by it (indexed as they are: only the indexing is timed then)."""
    import bm25s  # type: ignore[import-untyped]
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    start = time.perf_counter()
    retriever = bm25s.BM25(backend=backend)
    if tokens is None:
        tokens = bm25s.tokenize(list(texts), stopwords="en", stemmer=stemmer, show_progress=False)
    retriever.index(tokens, show_progress=False)
    return (retriever, stemmer), time.perf_counter() - start


async def reindex(folder: Path, db: Path) -> dict[str, Any]:
    """``Engine.reindex`` of every file under ``folder`` into a new database at ``db``."""
    config = EngineConfig(db_path=db, article_dirs=(folder,))
    async with await Engine.open(config) as engine:
        start = time.perf_counter()
        report = await engine.reindex([folder])
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "passages": report.passages, "articles": report.articles,
            "passages_per_s": report.passages / seconds}


class FullCollections:
    """Counts the collector's full (generation 2) collections while active."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info.get("generation") == 2:
            self.count += 1

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


PEERS = ("bm25s", "bm25s-numba", "tantivy")


async def answers(folder: Path, db: Path, questions: Sequence[str], tantivy_dir: Path) -> dict[str, Any]:
    """Each question timed through the peers' top-10 and ``Engine.ask``, interleaved."""
    import bm25s

    texts = raw_passages(folder)
    import Stemmer

    start = time.perf_counter()
    tokens = bm25s.tokenize(list(texts), stopwords="en", stemmer=Stemmer.Stemmer("english"), show_progress=False)
    (retriever, stemmer), _ = bm25s_index(texts, "numpy", tokens)
    bm25s_build = time.perf_counter() - start
    (numba_retriever, _), _ = bm25s_index(texts, "numba", tokens)  # tokenized once: a few minutes at 1M
    index, _ = tantivy_index(texts, tantivy_dir)
    del texts, tokens
    searcher = index.searcher()
    queries = bm25s.tokenize(list(questions), stopwords="en", stemmer=stemmer, show_progress=False,
                             return_ids=False)
    peers = {
        "bm25s": lambda n: retriever.retrieve([queries[n] or ["the"]], k=10, show_progress=False, n_threads=1),
        "bm25s-numba": lambda n: numba_retriever.retrieve([queries[n] or ["the"]], k=10, show_progress=False,
                                                          n_threads=1),
        "tantivy": lambda n: searcher.search(index.parse_query(_tantivy_safe(questions[n]), ["body"]), 10),
    }
    times: dict[str, list[float]] = {name: [] for name in (*PEERS, "articlebot")}
    async with await Engine.open(EngineConfig(db_path=db, article_dirs=(folder,))) as engine:
        await engine.warm_up()
        for number in range(min(20, len(questions))):  # the peers' first calls compile or load too
            await engine.ask(questions[number])
            for run in peers.values():
                run(number)
        with FullCollections() as full:
            for number, question in enumerate(questions):
                for name, run in peers.items():
                    start = time.perf_counter()
                    run(number)
                    times[name].append(time.perf_counter() - start)
                start = time.perf_counter()
                await engine.ask(question)
                times["articlebot"].append(time.perf_counter() - start)
    result: dict[str, Any] = {name: _ms(values) for name, values in times.items()}
    result.update(questions=len(questions), full_collections=full.count, bm25s_build_s=bm25s_build,
                  peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    result["ratios"] = {peer: {"p50": result["articlebot"]["p50_ms"] / result[peer]["p50_ms"],
                               "p99": result["articlebot"]["p99_ms"] / result[peer]["p99_ms"]}
                        for peer in PEERS}
    return result


def _tantivy_safe(question: str) -> str:
    """The question's words only: tantivy's query parser reads punctuation as syntax."""
    return " ".join("".join(c if c.isalnum() else " " for c in question).split()) or "the"


def one_shot(db: Path, question: str, runs: int = 5) -> dict[str, Any]:
    """Wall seconds of ``articlebot ask QUESTION`` and of ``python -c "import numpy"``,
    alternated ``runs`` times; medians."""
    script = Path(sys.executable).with_name("articlebot")
    ask, numpy_import = [], []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import numpy"], check=True)
        numpy_import.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([str(script), "ask", "--db", str(db), question], check=True, stdout=subprocess.DEVNULL)
        ask.append(time.perf_counter() - start)
    return {"ask_s": float(np.median(ask)), "import_numpy_s": float(np.median(numpy_import)),
            "ask_runs_s": ask, "import_numpy_runs_s": numpy_import}


async def answering_while_reindexing(folder: Path, db: Path, questions: Sequence[str]) -> dict[str, Any]:
    """The SQuAD articles indexed and answering; then everything reindexed while a member asks a
    question every 50 ms: each answer's wait (Discord's deadline is 3 s)."""
    config = EngineConfig(db_path=db, article_dirs=(folder,))
    waits: list[float] = []
    async with await Engine.open(config) as engine:
        await engine.reindex([folder / "squad"])
        await engine.warm_up()
        reindexing = asyncio.create_task(engine.reindex([folder]))
        while not reindexing.done():
            start = time.perf_counter()
            await engine.ask(questions[len(waits) % len(questions)])
            waits.append(time.perf_counter() - start)
            await asyncio.sleep(0.05)
        report = await reindexing
    return {"answers": len(waits), **_ms(waits), "over_3s": sum(w > 3 for w in waits),
            "passages": report.passages}


def reindex_vs_tantivy(folder: Path, work: Path, questions: Sequence[str]) -> dict[str, Any]:
    """``Engine.reindex`` from the files and tantivy indexing their raw text, in one run; then the
    same reindex again while answering."""
    texts = raw_passages(folder)
    _, tantivy_s = tantivy_index(texts, Path(tempfile.mkdtemp(dir=work)))
    ours = asyncio.run(reindex(folder, work / "reindex.db"))
    ours["tantivy_s"] = tantivy_s
    ours["tantivy_passages"] = len(texts)
    ours["ratio_to_tantivy"] = ours["seconds"] / tantivy_s
    ours["while_answering"] = asyncio.run(answering_while_reindexing(folder, work / "busy.db", questions))
    return ours


def _answers_in_process(folder: str, db: str, questions: list[str], tantivy_dir: str) -> dict[str, Any]:
    return asyncio.run(answers(Path(folder), Path(db), questions, Path(tantivy_dir)))


def _reindex_in_process(folder: str, work: str, questions: list[str]) -> dict[str, Any]:
    return reindex_vs_tantivy(Path(folder), Path(work), questions)


Grown = Callable[[Path, Path, list[str], Path, Callable[[str], None]], list[dict[str, Any]]]


def run_answers(shared: Path, n_questions: int, say: Callable[[str], None], grown: Grown | None = None
                ) -> dict[str, Any]:
    """The whole full-answer benchmark on Reuters-21578 + SQuAD (each part in a fresh process);
    then ``grown(folder, shared, questions, work, say)``: the answers on the archive grown past
    it (``index.benchmark.grown_answers``)."""
    from index.benchmark.run import in_fresh_process, machine
    from index.evaluation.squad import load_squad

    where = machine()
    work = Path(tempfile.mkdtemp(prefix="articlebot-answers-"))
    try:
        folder = work / "corpus"
        say("[answers] writing Reuters-21578 + SQuAD article files")
        files = write_corpus(Path(shared), folder)
        questions = [q.question for q in load_squad(Path(shared) / SQUAD_FILE).questions]
        picked = [questions[i] for i in np.random.default_rng(SEED).permutation(len(questions))[:n_questions]]
        say(f"[answers] reindex of {files:,} files vs tantivy, then again while answering")
        reindexed = in_fresh_process(_reindex_in_process, str(folder), str(work), picked)
        say(f"[answers] {len(picked)} questions: Engine.ask vs bm25s and tantivy top-10")
        answered = in_fresh_process(_answers_in_process, str(folder), str(work / "reindex.db"), picked,
                                    str(work / "tantivy-answers"))
        say("[answers] articlebot ask, one question, 5 times")
        started = one_shot(work / "reindex.db", picked[0])
        larger = grown(folder, Path(shared), picked, work, say) if grown else []
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"machine": where, "load_avg_at_end": list(os.getloadavg()), "files": files,
            "reindex": reindexed, "answers": answered, "one_shot": started, "grown": larger}
