"""``articlebot bench``: the BM25 speed benchmark (articlebot's exact engine vs rank-bm25).

Input: corpus sizes, query count, the shared data folder. Output: docs/bench.json,
docs/bench.md and docs/bench.png (or another ``--out`` folder); the markdown table is printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from index.benchmark.run import DEFAULT_REF_QUERIES

_EARLIER_GROWN = ("These grown rows are kept from an earlier `make bench` run (`--answer-sizes ''` measured "
                  "only the ~100k table above), so they are not ratios of the same run as that table.")


def _kept_note(note: str | None) -> str:
    """A grown row's note once it is kept from an earlier run."""
    return note if note and _EARLIER_GROWN in note else " ".join(filter(None, (note, _EARLIER_GROWN)))


def _ints(text: str) -> list[int]:
    """'10000,100000' -> [10000, 100000] (underscores allowed)."""
    try:
        return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as err:
        raise click.BadParameter(f"expected comma-separated integers, got {text!r}") from err


def _ref_table(text: str) -> dict[int, int]:
    """'10000:1000,100000:300' -> {10000: 1000, 100000: 300}."""
    table: dict[int, int] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        size, _, count = part.partition(":")
        try:
            table[int(size.replace("_", ""))] = int(count)
        except ValueError as err:
            raise click.BadParameter(f"expected size:count pairs, got {part!r}") from err
    return table


@click.command(short_help="Speed and memory of the search against rank-bm25.")
@click.option("--sizes", default="10000,100000,1000000", show_default=True,
              help="Corpus sizes in passages, comma-separated.")
@click.option("--queries", default=1000, show_default=True, type=click.IntRange(1),
              help="SQuAD questions timed against articlebot at each size.")
@click.option("--ref-queries", default=",".join(f"{s}:{n}" for s, n in DEFAULT_REF_QUERIES.items()),
              show_default=True,
              help="size:count questions for rank-bm25 (other sizes get 20; count 0 skips it).")
@click.option("--out", default="docs", show_default=True, type=click.Path(path_type=Path),
              help="Folder for bench.json, bench.md and bench.png.")
@click.option("--shared", default="../shared/data", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with bbc-news/, reuters21578/ and the SQuAD JSON.")
@click.option("--answers", "answer_questions", default=1000, show_default=True, type=click.IntRange(0),
              help="SQuAD questions for the full-answer benchmark on Reuters-21578 + SQuAD (0 skips it).")
@click.option("--answer-sizes", default="1000000", show_default=True,
              help="Passages to grow the full-answer archive to and answer again, comma-separated ('' keeps the "
                   "last run's grown rows).")
@click.option("--reindex-runs", default=3, show_default=True, type=click.IntRange(0),
              help="Alternated runs of the reindex vs tantivy on Reuters-21578 + SQuAD (0 skips it).")
@click.option("--reindex-grown", default=1_000_000, show_default=True, type=click.IntRange(0),
              help="Passages the archive is grown to for one more reindex vs tantivy (0 skips it).")
def bench(sizes: str, queries: int, ref_queries: str, out: Path, shared: Path, answer_questions: int,
          answer_sizes: str, reindex_runs: int, reindex_grown: int) -> None:
    """Benchmark exact BM25 (build, restart, disk, RSS, latency, agreement) vs rank-bm25, and the
    whole answer and the reindex vs bm25s and tantivy. ``--sizes ''`` keeps the BM25 tables of
    the last run (bench.json) and measures only the full answer and the reindex; ``--answers 0``
    or ``--reindex-runs 0`` keep those sections of the last run too."""
    from index.benchmark.report import table, write_all
    from index.benchmark.run import run_bench

    say = lambda msg: click.echo(msg, err=True)  # noqa: E731
    if _ints(sizes):
        results = run_bench(_ints(sizes), shared, queries, _ref_table(ref_queries), say=say)
    else:
        results = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    if answer_questions:
        from index.benchmark.answers import run_answers
        from index.benchmark.grown_answers import grown_answers

        earlier = results.get("answers", {}).get("grown") or []
        results["answers"] = run_answers(shared, answer_questions, say, grown_answers(_ints(answer_sizes)))
        if not _ints(answer_sizes):  # --answer-sizes '' keeps the last grown rows, said to be older
            results["answers"]["grown"] = [{**row, "note": _kept_note(row.get("note"))} for row in earlier]
    if reindex_runs:
        from index.benchmark.reindex_speed import run_reindex

        # --reindex-grown 0 keeps the last grown row (each row is one run's own comparison)
        results["reindex"] = {**results.get("reindex", {}), **run_reindex(shared, reindex_runs, reindex_grown, say)}
    paths = write_all(results, out)
    click.echo(table(results))
    click.echo("wrote " + ", ".join(str(p) for p in paths))
