"""docs/bench.md's "Reindex" section from ``index.benchmark.reindex_speed``'s results."""

from __future__ import annotations

from typing import Any


def _split(r: dict[str, Any]) -> str:
    """Start / parse / tail seconds (results from before they were measured: a dash)."""
    if "tail_s" not in r:
        return "–"
    return f"{r['start_s']:.1f} / {r['parse_s']:.1f} / {r['tail_s']:.1f}"


_NOTES = """- Where the CPU goes (one reindex of the real archive, ~10 CPU-s; py-spy of `articlebot
  reindex` and its workers, thread CPU clocks around the store's calls and the BM25 build):
  the two workers ~7 CPU-s, of which ~45 µs a passage parsing (~4.6 s): the speaker patterns
  ~17 % of it (the name-before-the-verb pattern ~8 µs and the verb-before-the-name one ~3 µs
  per sentence holding a speech verb, the article's full names ~4 %), stemming ~12 %, reading
  the files ~8 %, packing the rows (JSON, joins) ~8 %, sentence splitting ~7 %, parsing ~6 %,
  splitting the words ~5 %; the rest of a worker's CPU is its start-up, pickling the rows
  (~3 %), noting the spelling terms (~4 %) and, during the tail, the spelling deletes
  (~0.4 CPU-s). The reindex's own process ~2.5 CPU-s: its SQLite writer thread ~0.9 (inserts
  0.44, commits 0.26, the tokens read back 0.2), the BM25 build 0.75 (splitting the token
  strings 0.19, term ids 0.29, grouping the postings 0.27), saving 0.2-0.3, the event loop
  ~0.35 and the pool's pickling threads ~0.3. The tail (~1.4 s wall, one CPU) is the tokens
  read back 0.24 s, the build 0.75 s and the save 0.27 s.
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
  scan let "essays" and "United States" through), "according", "he" or "she"; each name
  pattern starts with a lookahead of the characters a name can begin with (``re`` then skips
  the other positions about twice as fast). Whether a sentence quotes directly is asked only
  of a sentence credited to someone, and the article's full names are gathered only when a
  sentence names a lone surname (the only names they lengthen); once a sentence's speech verbs
  are known (from its words), the name-before-the-verb pattern is searched only up to the word
  of the last of them and the verb-before-the-name one only from the mark before the first
  (where their matches can lie: the same matches, ~15 % of their time less). An ASCII
  passage's words are split by one byte table (letters lowercased, every other character a
  space) and ``str.split``, not a pattern's match per word; a passage whose sentences hold all its words
  is not split again for the whole text. A file is read with one stat and one unbuffered read;
  the speakers are written to JSON by one encoder, not a new one per call.
  A worker's passage: ~45-48 µs of CPU against ~51-56 before that round (one process parsing
  6,000 of these files, 3 runs alternated with the commit before, twice). The worker processes are started
  as soon as the files are counted, so their start-up overlaps the disk-space check. The rows,
  features and BM25 index files written are the same, byte for byte, and the SQuAD evaluation's
  per-question records the same.
- That round against the commit before (`index.benchmark.reindex_speed.measure`, one run of
  each in a fresh process, alternated, on a machine shared with other work): 4 rounds at load
  2.0 → 2.4, wall 5.97 against 6.42 s (17,090 against 15,899 passages/s; one of the four runs
  disturbed, 12.1 s), CPU 9.76 against 11.53 s; over 7 rounds (load up to 3.7) CPU 10.14
  against 11.12 s (−9 %). Against tantivy's median over the same 14 runs (0.77 s, 1.29 CPU-s):
  7.8× against 8.4× wall (4 rounds), 7.9× against 8.6× CPU (7 rounds); 59 MB both. `articlebot reindex` (and so
  `make run`) no longer walks every target folder a second time after the reindex to tell
  whether it held no article file: the first entry found tells (~0.5 s on these 19,067 files).
- Tried and not kept: the per-passage modules (speakers, sentences, passages, parse, features,
  prepare, tokenize, decode, models, rows) compiled with mypyc: ~10 % less worker CPU a
  passage (43, 43, 39 µs against 48, 43 µs and a disturbed first plain run of 68), since the
  time is in ``re``, string methods and allocations, which compiled glue leaves as they are;
  not worth a compiled build whose
  in-place extension shadows its source (an edit does nothing until rebuilt). Stems cached in
  a dict (slower than ``lru_cache``) or an unbounded ``lru_cache`` (0.6 µs a passage less, an
  unbounded cache in the bot's process); the name-before-the-verb pattern tried only after a
  cheaper necessary one (a capitalised word or a comma before the verb: 1.5 µs net per verb
  sentence); BM25 term ids by two passes of
  ``dict.fromkeys`` or the postings grouped by a stable argsort (no faster than now).
- ≤ 3× tantivy is out of reach for this Python pipeline: it would leave ~2.4 s of wall (4.2-4.8
  CPU-s on both CPUs) for everything (parse, sentences, speakers, features, SQLite, BM25); the
  workers' parsing alone is ~4.6 CPU-s, most of it inside ``re``, PyStemmer and str methods
  already, and the reindex's own process ~2.5. It would take a different design, not a faster
  Python: a compiled tokenizer and speaker matcher producing term ids in the workers, and rows
  and postings written without Python objects per word.

### Round speed5: the BM25 index of a new database gathered while parsing

- Kept: into a new database (no article live before, the `fast` engine), the workers send each
  batch's terms as their own ids (`array('i')`: one buffer a batch, no object per word; the
  spelling terms are the terms new to a worker, as before), and the reindex maps them to
  first-occurrence ids as each batch is written (`index.bm25.gathered`: numpy, one dict lookup
  per term new to a batch's worker). At the end only `FastBM25.from_term_ids` and the save
  remain: no tokens read back (only the ids, to check that the rows written are the ones
  gathered; any mismatch, a batch parsed in this process or out of order builds from the rows
  as before). A reindex over an existing database is unchanged (its workers keep the set of
  spelling terms: the ids would cost them ~0.3 CPU-s for nothing).
- Same output: on the 102,047-passage archive every file of `gen-1` (BM25 arrays, vocabularies,
  ids, spelling counts and deletes) has the same md5 as main's, and the rows the same digest,
  with the tokens' read-back made to fail (so the gathered path ran);
  `tests/index/ingest/test_gathered.py` compares the index with `Searcher.build` of the rows
  (duplicates and a bad file left out) and the ids with `postings.encode`. The SQuAD eval
  cannot tell (its 24 files stay under `POOL_MIN_FILES`, no pool), so it was not rerun.
- Figures: `index.benchmark.reindex_speed.measure(folder, work, 1)` in a fresh process, main and
  this branch alternated (each run: tantivy then the reindex), 2 series of 4 rounds, on a
  machine at load 8-13 on its 2 CPUs (other helpers' work), so wall seconds say little (runs of
  18-59 s against ~5 s quiet); CPU seconds (reindex and workers) and the tail:

  | series | main CPU s (runs) | speed5 CPU s (runs) | median | main tail s | speed5 tail s |
  |---|---|---|---:|---|---|
  | 1 (first commit: ids always sent) | 13.1, 13.4, 15.4, 13.8 | 12.9, 11.6, 14.1, 11.2 | 13.6 → 12.3 (−10 %) | 6.2, 7.9, 15.6, 13.0 | 4.5, 8.9, 7.9, 5.1 |
  | 2 (final) | 12.4, 12.0, 13.1, 11.6 | 12.6, 10.2, 10.5, 10.7 | 12.2 → 10.6 (−13 %) | 6.4, 6.3, 7.9, 5.5 | 4.7, 3.8, 3.8, 2.6 |

  Wall medians of series 2: 33.3 → 22.6 s (tantivy's over the same 8 runs 4.1 s; all inflated
  ~5-8× by the load). The pieces, one process, thread CPU, same load: the BM25 build from the
  rows 0.15 s (tokens read back) + 0.77 s (split, ids, postings) against 0.07 s (the batches
  mapped, during the parsing) + 0.12 s (ids read back) + 0.23 s (postings from the ids); the
  workers' term ids ~5-7 µs a passage against the set of spelling terms' ~4 µs (+0.3 CPU-s in
  all, on both workers). Database 59 MB both.
- Not kept / not done: committing every 5 or 20 batches instead of every batch (the rows
  written in one process, 191 batches: 0.83-0.98 CPU-s either way, no difference above the
  noise). A compiled (Cython) kernel for the worker's per-word work: `tokenize` alone over the
  same passages (words, stopwords, cold stem cache) is 27-30 % of a worker's ~65-73 µs a
  passage at this load, and its stemming already runs in C (PyStemmer) and its split in str
  methods, so a kernel could take well under the 25 % of worker CPU that would justify a build
  step in `make run` / `.ci/run` (mypyc, compiling the glue, gave ~10 %). ≤ 3× tantivy stays out
  of reach: the workers' parsing (speaker patterns, sentence splits, features in `re` and str
  methods) is most of the CPU and is untouched here.

### Round speed6: search tokens through one word dict

- Where a worker's time goes now (py-spy at 500 Hz of one process running the workers'
  `pool_batch` over the first 6,000 Reuters files, 32,210 passages, main, load ~5): the
  speakers 24 % (the two verb patterns 6 %, the article's full names 5 %), the passage's words
  and tokens 26 % (stemming through `lru_cache` ~20 % of it all, the split 4 %, the blob 2 %),
  the batch's term ids (the token strings split again, looked up) 10 %, sentence splitting
  9 %, parsing 7 %, reading, hashing and decoding the file 8 %, packing the rows (JSON, joins)
  4 %, the headers' tokens 3 %, building the `Span`/`Passage` objects 3 %.
- Kept: `index.tokenize.stemmed` reads one dict, word -> its token ("" for a stopword, which
  `filter(None, …)` drops; a Snowball stem is never empty), filled on first use and emptied at
  200,000 words, instead of a stopword set test and `lru_cache` per word; all of it runs in C.
  Same tokens (`tests/index/test_tokenize.py` compares them with PyStemmer's stems of the
  words that are not stopwords, the cache emptied between).
- A worker's passage (that `pool_batch` loop, CPU, 5 runs alternated with main, load ~13):
  63.1, 52.4, 66.0, 70.3, 50.8 µs against 52.9, 47.3, 60.6, 66.5, 48.4 µs (median 63.1 → 52.9,
  every pair lower). The whole reindex (`reindex_speed.measure(folder, work, 1)` in a fresh
  process, main and this branch alternated, 8 rounds, tantivy in each run, load 11-19 on the 2
  CPUs): CPU 11.0, 12.9, 10.2, 13.3, 11.9, 11.5, 10.0, 12.9 s against 9.8, 10.5, 10.5, 12.0,
  9.8, 9.1, 11.0, 11.1 s, median 11.7 → 10.5 s (−10 %; 6 of the 8 pairs lower), 8.0× → 7.2×
  tantivy's CPU (its median over all 16 runs, 1.46 CPU-s). Wall
  seconds at that load say nothing (29.7 against 30.8 s, runs 19-38 s; tantivy 4.7 s against
  ~1.2 quiet). Same output: on the 102,047-passage archive the 24 files of `gen-1` (BM25
  arrays, vocabularies, ids, spelling counts and deletes) have main's md5 and the rows
  (articles and passages, every column) main's digest. 59 MB both.
- Tried and not kept: the batch's term ids from one join and one split per batch instead of
  one split per passage (3.2 → 3.7 µs a passage at best, 4.8 → 6.3 median: slower); the word
  dict with the stopwords tested apart (`filterfalse`) rather than as "" in it (about half the
  gain).
- Not done, and why:
  - The spelling deletes started before the tail: they are on its critical path (the
    worker's deletes end after the BM25 build in every one of 6 instrumented runs: 5.3 / 3.5,
    5.0 / 3.6, 4.4 / 3.2, 6.6 / 5.0, 6.7 / 4.3, 2.0 / 1.5 s at load 14-16; import 0.1 s, the
    34,297 terms' deletes ~0.4-0.8 CPU-s), but a worker can take them only once it has no
    batch left, at the end of the parse anyway, and computing them during the parse takes CPU
    from the two workers, which use both CPUs. What would shorten the tail is saving the BM25
    arrays while the deletes are written (`Searcher.save` waits for them first).
  - A prefilter before the speaker patterns: they are called from `prepare._parsed`, per
    article, with the passage's words; calling them less is a change there or in
    `speakers.py` (another helper's this round), not in the pool.
  - A C tokenizer producing term ids: the word split, stems, term ids and header tokens are
    now ~35 % of a worker's CPU (~2.5 of the reindex's ~10.5 CPU-s, ~25 %); a kernel making
    them 5× faster would take ~20 % of the CPU and less of the wall, under the 25 % of wall
    that would justify a compiled build in `make run` / `.ci/run`, and the words are split
    and the tokens joined in `passage_features` and `prepare`, outside this round's files.
  - ≤ 3× tantivy: with tantivy at ~1.5 CPU-s on these machines, 3× leaves ~4.4 CPU-s for the
    whole reindex; the workers alone still take ~7-8 CPU-s (one run of this branch at load
    14: 7.9 of 10.2, the reindex's own process 2.4).
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
