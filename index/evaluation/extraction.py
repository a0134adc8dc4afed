"""How well HTML extraction keeps an article's text and drops the page's boilerplate.

For each saved page with a reference text (the article as a person would copy it), words are
counted as multisets of lower-cased ``\\w+`` tokens:

- kept: the share of the reference's words that the extracted text holds;
- boilerplate dropped: of the page's visible words that are not the article's (menus, links,
  footers, related stories…), the share the extracted text leaves out;
- extra: words in the extracted text that are not in the reference, as a share of its words.

``python -m index.evaluation.extraction FOLDER`` prints a Markdown table for FOLDER's
``pages/NAME.html`` and ``reference/NAME.txt`` (the fixtures in ``tests/index/sources/fixtures``).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from index.sources.html import extract_article

_WORD = re.compile(r"\w+")
_INVISIBLE = ("script", "style", "noscript", "template")


@dataclass(frozen=True, slots=True)
class Extraction:
    """The measures of one page (shares between 0 and 1)."""

    name: str
    reference_words: int
    extracted_words: int
    kept: float
    boilerplate_dropped: float
    extra: float


def words(text: str) -> Counter[str]:
    """The multiset of lower-cased words in ``text``."""
    return Counter(word.lower() for word in _WORD.findall(text))


def visible_text(data: bytes) -> str:
    """Everything a browser would show of the page as text (scripts and styles left out)."""
    tree = lxml.html.fromstring(data)
    for element in tree.iter(*_INVISIBLE):
        element.drop_tree()
    return tree.text_content()


def measure(name: str, page: bytes, reference: str) -> Extraction:
    """Compare the text extracted from ``page`` with ``reference``."""
    extracted = words(extract_article(page, fallback_title=name).source)
    wanted = words(reference)
    boilerplate = words(visible_text(page)) - wanted
    left_over = extracted - wanted
    return Extraction(
        name=name,
        reference_words=sum(wanted.values()),
        extracted_words=sum(extracted.values()),
        kept=sum((extracted & wanted).values()) / max(1, sum(wanted.values())),
        boilerplate_dropped=1 - sum((left_over & boilerplate).values()) / max(1, sum(boilerplate.values())),
        extra=sum(left_over.values()) / max(1, sum(extracted.values())),
    )


def measure_folder(folder: Path) -> list[Extraction]:
    """Every page of ``folder/pages`` that has a ``folder/reference`` text."""
    found = []
    for reference in sorted((folder / "reference").glob("*.txt")):
        page = folder / "pages" / f"{reference.stem}.html"
        found.append(measure(reference.stem, page.read_bytes(), reference.read_text(encoding="utf-8")))
    return found


def table(results: list[Extraction]) -> str:
    """The results as a Markdown table, with the median of each share."""
    lines = ["| page | reference words | extracted words | kept | boilerplate dropped | extra |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.name} | {r.reference_words} | {r.extracted_words} | {r.kept:.1%} | "
                     f"{r.boilerplate_dropped:.1%} | {r.extra:.1%} |")
    medians = [_median([getattr(r, field) for r in results]) for field in ("kept", "boilerplate_dropped", "extra")]
    lines.append(f"| **median** | | | {medians[0]:.1%} | {medians[1]:.1%} | {medians[2]:.1%} |")
    return "\n".join(lines)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


if __name__ == "__main__":
    print(table(measure_folder(Path(sys.argv[1]))))
