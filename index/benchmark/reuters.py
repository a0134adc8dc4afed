"""Reuters-21578 SGML -> article files in the seeds shape, for the full-answer benchmark.

Input: the shared ``reuters21578/`` folder (``reut2-*.sgm``, Latin-1). Each ``<REUTERS>`` with a
``<TITLE>`` and a ``<BODY>`` becomes one ``.txt`` file: title line, blank line, paragraphs
separated by blank lines. A paragraph starts on a line indented by spaces (or the ``&\\t``
marker this copy uses); wrapped lines are joined, entities decoded, the closing "Reuter" dropped.
The SQuAD articles are written beside them (``index.evaluation.squad``), so quality can be
checked on the same index. About 105,000 passages in all; nothing is fetched.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from index.evaluation.squad import article_filename, article_text, load_squad

SQUAD_FILE = "squad-dev-v1.1-public-half.json"
_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"(.*?)</REUTERS>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_PARAGRAPH_START = re.compile(r"\n(?:&\\t| {2,}|\t)")
_CONTROL = re.compile(r"&#\d+;|[\x00-\x08\x0b-\x1f]")
_SIGN_OFF = re.compile(r"\s*\bReuter\s*$")


def stories(folder: Path) -> Iterator[tuple[int, str, list[str]]]:
    """``(newid, title, paragraphs)`` of every Reuters story with a title and a body."""
    for path in sorted(folder.glob("reut2-*.sgm")):
        data = path.read_bytes().decode("latin-1")
        for match in _STORY.finditer(data):
            title, body = _TITLE.search(match.group(2)), _BODY.search(match.group(2))
            if title is None or body is None:
                continue
            paragraphs = [" ".join(_clean(p).split()) for p in _PARAGRAPH_START.split("\n" + body.group(1))]
            paragraphs[-1] = _SIGN_OFF.sub("", paragraphs[-1])
            kept = [p for p in paragraphs if p]
            heading = " ".join(_clean(title.group(1)).split())
            if kept and heading:
                yield int(match.group(1)), heading, kept


def _clean(text: str) -> str:
    """SGML entities decoded, control characters and their numeric entities dropped."""
    return html.unescape(_CONTROL.sub(" ", text))


def write_corpus(shared: Path, out: Path) -> int:
    """Write the Reuters stories and the SQuAD articles under ``out``; returns the file count."""
    (out / "reuters").mkdir(parents=True, exist_ok=True)
    (out / "squad").mkdir(parents=True, exist_ok=True)
    count = 0
    for newid, title, paragraphs in stories(shared / "reuters21578"):
        text = "\n\n".join((title, *paragraphs)) + "\n"
        (out / "reuters" / f"{newid:05d}.txt").write_text(text, encoding="utf-8")
        count += 1
    for number, article in enumerate(load_squad(shared / SQUAD_FILE).articles):
        (out / "squad" / article_filename(number, article)).write_text(article_text(article), encoding="utf-8")
        count += 1
    return count


def raw_passages(folder: Path) -> list[str]:
    """Every paragraph (title excluded) of the article files under ``folder``: the raw text
    the peer engines index."""
    found: list[str] = []
    for path in sorted(folder.rglob("*.txt")):
        _title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        found.extend(p for p in body.split("\n\n") if p.strip())
    return found
