"""docs/bench.md's "Reindex" section from ``index.benchmark.reindex_speed``'s results."""

from __future__ import annotations

from typing import Any


def _split(r: dict[str, Any]) -> str:
    """Start / parse / tail seconds (results from before they were measured: a dash)."""
    if "tail_s" not in r:
        return "–"
    return f"{r['start_s']:.1f} / {r['parse_s']:.1f} / {r['tail_s']:.1f}"


_NOTES = """- Where the time goes (cProfile of one worker parsing 3,000 of these files; py-spy of the
  reindex's own process): a worker spends ~50 µs of CPU a passage, over a third of it on the
  speaker patterns, then stemming, splitting the words, parsing and sentence splitting; the
  reindex's own process writes the rows (SQLite, in its writer thread beside the workers) and,
  after the last batch, reads the tokens back and builds and saves the BM25 index (the tail,
  one CPU), while a worker writes the spelling index's deletes.
- The features the re-rank reads are stored as the passage's words (each sentence's, joined
  by spaces and newlines: one join), no longer as their sets, pairs and counts pickled: a
  worker's passage costs ~50 µs of CPU instead of ~90 (building and pickling the sets was
  ~40), the database is ~60 MB instead of ~147 (the blob ~5x smaller), and the rows travel and
  are written faster. An answer builds the same sets from the words when it first reads a
  passage (``index.answering.stored_terms``, with the collector paused): Engine.ask's CPU per
  question on this archive is unchanged (p50 10.1 ms against 10.0 ms before, 3 × 500 questions
  alternated), ~8% more (12.1 against 11.3 ms) in the worst case, every candidate read cold
  (the features cache emptied before each question); every other column, the BM25 index files
  and the sets read back are the same as before. The workers no longer import the re-rank (nor numpy): half their start-up CPU.
- Speaker detection reads the words the features already split: a passage, then a sentence,
  is tried against the name patterns only when one of its words is a speech verb (a substring
  scan let "essays" and "United States" through), "according", "he" or "she"; an article's full
  names are gathered only once a sentence names someone; each name pattern starts with a
  lookahead of the characters a name can begin with (``re`` then skips the other positions
  about twice as fast). A passage whose sentences hold all its words is not split again for
  the whole text. The worker processes are started as soon as the files are counted, so their
  start-up overlaps the disk-space check. The rows written are the same, byte for byte.
- ≤ 3× tantivy is out of reach for this Python pipeline: it would leave ~45 µs of CPU a
  passage on both CPUs for everything (parse, sentences, speakers, features, SQLite, BM25),
  about what a worker alone spends now. It would take the per-passage work in compiled code
  (an extension splitting words and running the speaker patterns, the regular expressions
  that are now the largest part).
"""  # where the time goes, what the last round changed, what <= 3x tantivy would take


def reindex_md(result: dict[str, Any]) -> str:
    """Markdown: ``Engine.reindex`` from files against tantivy indexing the same raw text."""
    rows = []
    for key, label in (("real", "Reuters-21578 + SQuAD (real)"), ("grown", "grown from them")):
        r = result.get(key)
        if not r:
            continue
        runs = ", ".join(f"{s:.1f}" for s in r["seconds_runs"])
        theirs = ", ".join(f"{s:.1f}" for s in r["tantivy_runs"])
        rows.append(
            f"| {label} | {r['files']:,} | {r['passages']:,} | {r['seconds']:.1f} ({runs}) "
            f"| {r['passages_per_s']:,.0f} | {r['tantivy_s']:.1f} ({theirs}) | {r['ratio_to_tantivy']:.1f}× "
            f"| {r['cpu_s']:.1f} / {r['tantivy_cpu_s']:.1f} | {r['cpu_ratio_to_tantivy']:.1f}× "
            f"| {r['passages_per_cpu_s'] * 2:,.0f} "
            f"| {_split(r)} | {r['database_mb']:,.0f} | {r['load_avg'][0]:.1f} → {r['load_avg'][1]:.1f} |")
    real = result.get("real", {})
    return f"""
## Reindex

`Engine.reindex` of every article file into a new database (read, parse, split, speakers,
tokens, the per-passage features the re-rank reads, SQLite, the BM25 index saved), against
tantivy 0.27 (`en_stem`, 2 indexing threads, 200 MB heap) indexing the same raw paragraphs, in
the same process, runs alternated (tantivy, articlebot, tantivy, …); seconds are the median
of the runs listed.

| archive | files | passages | articlebot s (runs) | passages/s | tantivy s (runs) | ratio | CPU s, articlebot / tantivy | CPU ratio | passages per 2 CPU-s | start / parse / tail s | database MB | load avg |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
{chr(10).join(rows)}

- The real archive is {real.get('runs', 0)} runs; the grown one, one run of each. Past the real
  ~100k passages the archive is grown the way the BM25 corpora below are: every grown file
  copies a real article (seeded choice), numbers its title and recombines its paragraphs (the
  first half of one paragraph's words, then the second half of another's), so vocabulary,
  topics and passage lengths stay real.
- Machine: {result['machine']['cpus']} CPUs, shared with other work (the load average at the
  start and end of each row is given); the reindex parses files in one process per CPU.
  Wall seconds depend on the share of the CPUs the other work leaves; CPU seconds (user +
  system, the reindex's worker processes included; tantivy's threads are the process's own)
  much less, so both are given (medians of the runs). "Passages per 2 CPU-s" is passages ÷
  CPU seconds × 2: the rate both CPUs would give with nothing else running and the work
  perfectly spread, an upper bound.
- "Start / parse / tail" splits articlebot's wall seconds (medians of each): start, until the
  first file's rows are written (finding the files, starting one parsing process per CPU, the
  first batch parsed); parse, until the last file's are; tail, the rest (the last rows, the
  BM25 index built and saved with its spelling index, the commit).
{_NOTES}"""
