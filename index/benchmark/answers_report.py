"""The full-answer section of docs/bench.md, from ``index.benchmark.answers.run_answers``'s dict."""

from __future__ import annotations

from typing import Any

from index.benchmark.answers import PEERS


def answers_md(result: dict[str, Any]) -> str:
    """Markdown: the whole answer against peers' top-10, the reindex against tantivy, start-up."""
    a, r, o, m = result["answers"], result["reindex"], result["one_shot"], result["machine"]
    rows = [f"| {name} | {a[name]['p50_ms']:.3f} | {a[name]['p99_ms']:.3f} | {a[name]['max_ms']:.1f} | "
            + (f"{a['ratios'][name]['p50']:.1f}× / {a['ratios'][name]['p99']:.1f}× |" if name in PEERS else "|")
            for name in ("articlebot", *PEERS)]
    return f"""
## The whole answer on a real archive: `Engine.ask` vs bm25s and tantivy top-10

{result['files']:,} article files: every Reuters-21578 story with a title and a body, and the 24 SQuAD
articles; {r['passages']:,} passages as articlebot splits them. Nothing is fetched.

| engine | p50 ms | p99 ms | max ms | articlebot's full answer ÷ this (p50 / p99) |
|---|---:|---:|---:|---:|
{chr(10).join(rows)}

- articlebot = `Engine.ask(question)`: everything a member waits for (spelling, BM25 top 50,
  passages from SQLite, re-rank, highlight, quotes), after `warm_up`. Peers = top-10 only, the
  question already tokenized: bm25s {_version('bm25s')} with its default `numpy` backend (numpy
  {_version('numpy')}, scipy {_version('scipy')}) and with `numba` {_version('numba')}, tantivy
  {_version('tantivy')} (`en_stem`) on the same raw paragraphs. bm25s's `numpy` backend is the
  peer whose time moves most between environments (a new venv's numpy and scipy): compare runs
  by tantivy's ratio.
- {a['questions']} SQuAD questions (seeded sample), each timed once through every engine in turn,
  in one process, so the machine's other load falls on all alike. Full garbage collections
  during the timed answers: {a['full_collections']} (counted with `gc.callbacks`). Peak RSS of that
  process (all engines loaded): {a['peak_rss_mb']:.0f} MB.

| reindex from files | seconds | passages/s | tantivy indexing the raw text, s | ratio |
|---|---:|---:|---:|---:|
| `Engine.reindex` (new database) | {r['seconds']:.1f} | {r['passages_per_s']:,.0f} | {r['tantivy_s']:.1f} | {r['ratio_to_tantivy']:.1f}× |

{_while(r.get('while_answering'))}

| one question from a new process | median of 5, s | runs, s |
|---|---:|---|
| `articlebot ask QUESTION` on this index | {o['ask_s']:.2f} | {', '.join(f'{x:.2f}' for x in o['ask_runs_s'])} |
| `python -c "import numpy"` | {o['import_numpy_s']:.2f} | {', '.join(f'{x:.2f}' for x in o['import_numpy_runs_s'])} |

Machine: {m['cpus']} CPUs, shared with other work: load average {m['load_avg_at_start'][0]:.1f} at
the start of this section, {result['load_avg_at_end'][0]:.1f} at its end.
{grown_md(result.get('grown') or [])}"""


def grown_md(grown: list[dict[str, Any]]) -> str:
    """The same answers on the archive grown past its real passages (``index.benchmark.grown``)."""
    if not grown:
        return ""
    rows = []
    for row in grown:
        a, r = row["answers"], row["reindex"]
        rows += [f"| {r['passages']:,} | {name} | {a[name]['p50_ms']:.3f} | {a[name]['p99_ms']:.3f} | "
                 + (f"{a['ratios'][name]['p50']:.1f}× / {a['ratios'][name]['p99']:.1f}× |" if name in PEERS else
                    f"{a['full_collections']} full GCs, peak RSS {a['peak_rss_mb']:.0f} MB |")
                 for name in ("articlebot", *PEERS)]
    built = "; ".join(f"{row['reindex']['passages']:,} passages: {row['grown_files']:,} files added, "
                      f"`Engine.reindex` {row['reindex']['seconds']:.0f} s ({row['reindex']['passages_per_s']:,.0f} "
                      "passages/s)" for row in grown)
    return f"""
### Grown past the real passages

Past the ~100k real passages, a copy of the folder is grown the way the BM25 tables grow theirs:
each added article takes a real article's title and, per paragraph, the first half of that
paragraph's words followed by the second half of another paragraph of the same group (Reuters
topic or SQuAD article); seeded (`index/benchmark/grown.py`). The real articles stay, so every
SQuAD question still has its passage among the distractors. The same questions, timed the same way:

| passages | engine | p50 ms | p99 ms | articlebot's full answer ÷ this (p50 / p99) |
|---:|---|---:|---:|---:|
{chr(10).join(rows)}

Built from the files: {built}.{"".join(" " + row["note"] for row in grown if row.get("note"))}
"""


def _while(busy: dict[str, Any] | None) -> str:
    """The answers given while the same reindex ran again (SQuAD indexed first)."""
    if not busy:
        return ""
    return (f"While the same reindex ran again (the SQuAD articles already indexed and answering), a "
            f"question every 50 ms: {busy['answers']} answers, p50 {busy['p50_ms']:.0f} ms, p99 "
            f"{busy['p99_ms']:.0f} ms, slowest {busy['max_ms']:.0f} ms; {busy['over_3s']} over Discord's 3 s.")


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)
