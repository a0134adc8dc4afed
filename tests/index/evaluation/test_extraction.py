"""HTML extraction on the real saved pages keeps the article's words and drops the rest
(the figures in docs/sources.md)."""

from __future__ import annotations

from pathlib import Path

from index.evaluation.extraction import measure, measure_folder, table

FIXTURES = Path(__file__).resolve().parents[1] / "sources" / "fixtures"


def test_every_reference_page_keeps_its_article_and_drops_most_boilerplate() -> None:
    results = measure_folder(FIXTURES)
    assert len(results) == 5
    assert all(r.kept >= 0.95 for r in results), table(results)
    assert all(r.boilerplate_dropped >= 0.75 for r in results), table(results)
    assert sorted(r.boilerplate_dropped for r in results)[2] >= 0.9, table(results)


def test_measures_count_words_kept_and_boilerplate_left() -> None:
    """A page whose extraction keeps the article and one menu word of the two."""
    body = "<p>" + " ".join(["alpha beta gamma delta"] * 15) + ".</p>"
    page = f"<html><body><nav>Home</nav><article>{body}</article><footer>Imprint</footer></body></html>"
    result = measure("toy", page.encode(), " ".join(["alpha beta gamma delta"] * 15))
    assert (result.kept, result.reference_words, result.extra) == (1.0, 60, 0.0)
    assert result.boilerplate_dropped == 1.0
