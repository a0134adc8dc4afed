"""``Article`` -> ``Passage`` list: one passage per body paragraph, numbered ¶1..¶N.

A paragraph too long to quote in one Discord embed is split at sentence boundaries into
parts that share its ¶ number. Offsets stay those of the decoded source text.
"""

from __future__ import annotations

from index.ingest.sentences import sentence_spans
from index.models import Article, Paragraph, Passage, Span

MAX_PASSAGE_CHARS = 1500
TARGET_PART_CHARS = 1000


def article_passages(article: Article) -> list[Passage]:
    """Every passage of ``article``, in reading order."""
    passages: list[Passage] = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        passages.extend(paragraph_passages(paragraph, number))
    return passages


def paragraph_passages(paragraph: Paragraph, number: int) -> list[Passage]:
    """One passage for a paragraph, or several sentence-aligned parts for a long one."""
    spans = sentence_spans(paragraph.text)
    if len(paragraph.text) <= MAX_PASSAGE_CHARS or len(spans) < 2:
        return [Passage(number, paragraph.text, paragraph.start, paragraph.end, spans)]
    passages: list[Passage] = []
    group: list[Span] = []
    for span in spans:
        if group and span.end - group[0].start > TARGET_PART_CHARS:
            passages.append(_part(paragraph, number, group, len(passages)))
            group = []
        group.append(span)
    passages.append(_part(paragraph, number, group, len(passages)))
    return passages


def _part(paragraph: Paragraph, number: int, group: list[Span], part: int) -> Passage:
    """The passage made of the sentences in ``group``, offsets shifted to the part."""
    first, last = group[0].start, group[-1].end
    sentences = tuple(Span(s.start - first, s.end - first) for s in group)
    return Passage(
        paragraph=number,
        text=paragraph.text[first:last],
        start=paragraph.start + first,
        end=paragraph.start + last,
        sentences=sentences,
        part=part,
    )
