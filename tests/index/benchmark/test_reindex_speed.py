"""The reindex benchmark grows a real archive into more article files made of its own words."""

from __future__ import annotations

from pathlib import Path

from index.benchmark.reindex_speed import grow_corpus


def test_grown_files_recombine_their_source_articles_paragraphs(tmp_path: Path) -> None:
    """Every grown paragraph is the first half of one real paragraph's words and the second half
    of another's from the same article; titles are numbered, so no file repeats another."""
    real = tmp_path / "real"
    real.mkdir()
    sources = {
        "Oil prices rise": ["Crude oil rose two dollars on Monday in London trading today.",
                            "Traders said supplies from the Gulf were thin this week."],
        "Wheat harvest ends": ["Farmers in Kansas finished the wheat harvest early this year."],
    }
    for number, (title, paragraphs) in enumerate(sources.items()):
        (real / f"{number}.txt").write_text("\n\n".join((title, *paragraphs)) + "\n", encoding="utf-8")
    written = grow_corpus(real, tmp_path / "grown", passages=40, have=3)
    files = sorted((tmp_path / "grown").rglob("*.txt"))
    assert written == len(files) > 0
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len(set(texts)) == len(texts)
    grown_paragraphs = 0
    for text in texts:
        title, _, body = text.partition("\n\n")
        source = next(t for t in sources if title.startswith(f"{t} ("))
        halves = {" ".join(p.split()[:len(p.split()) // 2]) for p in sources[source]}
        tails = {" ".join(p.split()[len(p.split()) // 2:]) for p in sources[source]}
        for paragraph in body.strip().split("\n\n"):
            assert any(paragraph.startswith(h) and paragraph.endswith(t) for h in halves for t in tails)
            grown_paragraphs += 1
    assert grown_paragraphs >= 40 - 3
