"""Decoded article text -> ``Article`` (title, dek, author, date, url, body paragraphs).

Two shapes are read:
- plain text: title line, blank line, paragraphs separated by blank lines; an optional
  standfirst (dek) right after the title; an ``Author: X`` (or ``By X``) line, and the
  author's bio after it when it closes the article, are metadata, not body;
- Markdown with YAML front matter (``title``, ``author``, ``date``, ``url``); ``#`` headings
  and rules are not paragraphs.
Every paragraph keeps its ``[start, end)`` offsets in the decoded text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date, datetime

import yaml

from index.errors import IngestError
from index.models import Article, Paragraph

_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_FRONT_MATTER = re.compile(r"\A---[^\S\n]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[^\S\n]*(?:\r?\n|\Z)", re.S)
_AUTHOR = re.compile(r"(?i)^(?:author|by(?:line)?)\s*:\s*(\S.{0,118})$")
_BYLINE = re.compile(r"^By\s+([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von))*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)]*$""")
_DEK_MAX = 300


def blocks(text: str, start: int = 0) -> Iterator[Paragraph]:
    """Blank-line separated blocks of ``text[start:]``, stripped, with their offsets."""
    position = start
    for separator in [*_BLANK_LINES.finditer(text, start), None]:
        end = separator.start() if separator else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            offset = position + (len(chunk) - len(chunk.lstrip()))
            yield Paragraph(stripped, offset, offset + len(stripped))
        if separator:
            position = separator.end()


def parse_article(text: str, *, fallback_title: str, markdown: bool = False,
                  encoding: str = "utf-8") -> Article:
    """Parse decoded ``text``; raises ``IngestError`` when nothing quotable is left."""
    meta: dict[str, object] = {}
    body_start = 0
    front = _FRONT_MATTER.match(text)
    if front:
        meta = _front_matter(front.group(1))
        body_start = front.end()
    elif markdown and text.lstrip().startswith("---"):
        raise IngestError("the Markdown front matter is not closed by a '---' line")
    parts = list(blocks(text, body_start))
    title = _text(meta.get("title"))
    if not parts:
        raise IngestError("the file has no text")
    if title is None and (not front or _HEADING.match(parts[0].text)):
        title = _title_line(parts[0].text)
        _drop_title_line(parts)
    title = title or fallback_title
    author = _text(meta.get("author"))
    body, dek, found_author = _split_metadata(parts, markdown or bool(front))
    author = author or found_author
    if not body:
        raise IngestError("the file has a title but no paragraphs to quote")
    return Article(
        source=text,
        title=_unescaped(title) or title,
        paragraphs=tuple(body),
        dek=_unescaped(dek),
        author=_unescaped(author),
        date=_text(meta.get("date")),
        url=_text(meta.get("url") or meta.get("link")),
        encoding=encoding,
    )


def _front_matter(raw: str) -> dict[str, object]:
    """The YAML front matter as a dict; ``IngestError`` if it is not a mapping."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise IngestError(f"the front matter is not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError("the front matter is not a list of 'key: value' lines")
    return {str(k).lower(): v for k, v in data.items()}


def _text(value: object) -> str | None:
    """A metadata value as a one-line string, or None."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    cleaned = " ".join(str(value).split())
    return cleaned or None


def _unescaped(value: str | None) -> str | None:
    """``value`` with HTML character references read ("&#163;1.8m" -> "£1.8m"): archives
    scraped from the web keep them in headlines. Only the metadata is read so; body text
    stays as written, since quotes must be the source's exact characters at their offsets."""
    if value is None:
        return None
    return " ".join(html.unescape(value).split()) or None


def _title_line(block: str) -> str | None:
    """The title from the first block's first line (Markdown ``#`` stripped)."""
    line = block.split("\n", 1)[0].strip()
    heading = _HEADING.match(line)
    if heading:
        line = heading.group(2)
    return line or None


def _drop_title_line(parts: list[Paragraph]) -> None:
    """Remove the title line; body text right below it (no blank line) stays a paragraph."""
    first = parts.pop(0)
    newline = first.text.find("\n")
    if newline == -1:
        return
    rest = first.text[newline + 1:]
    stripped = rest.lstrip()
    if stripped:
        start = first.start + newline + 1 + len(rest) - len(stripped)
        parts.insert(0, Paragraph(stripped, start, first.end))


def _split_metadata(parts: list[Paragraph], markdown: bool) -> tuple[list[Paragraph], str | None, str | None]:
    """Body paragraphs, the dek and the author, from the blocks after the title."""
    author: str | None = None
    body: list[Paragraph] = []
    dek: str | None = None
    bio_from: int | None = None
    for i, part in enumerate(parts):
        line = part.text
        match = _AUTHOR.match(line) if "\n" not in line else None
        byline = _BYLINE.match(line) if "\n" not in line and len(line) < 80 else None
        if (match or byline) and author is None:
            author = (match or byline).group(1).strip()  # type: ignore[union-attr]
            if len(parts) - i <= 3 and i > 0:
                bio_from = i + 1  # the author line closes the article: what follows is a bio
            continue
        if bio_from is not None and i >= bio_from:
            continue
        if markdown and (_HEADING.match(line) or _RULE.match(line)):
            continue
        if not body and dek is None and _is_dek(line, parts, i):
            dek = line
            continue
        body.append(part)
    return body, dek, author


def _is_dek(line: str, parts: list[Paragraph], i: int) -> bool:
    """A standfirst: one short line without a full stop, before at least two paragraphs."""
    return (
        i == 0
        and "\n" not in line
        and len(line) <= _DEK_MAX
        and not _SENTENCE_END.search(line)
        and len(parts) >= 3
    )
