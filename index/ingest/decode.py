"""Article file bytes -> text: a Unicode byte-order mark, UTF-8, Western (cp1252), then a
detected legacy encoding.

Binary files and undecodable bytes raise ``IngestError`` with a sentence saying why.
Smart quotes and other non-ASCII punctuation are kept as they are. Line ends made of a lone
CR (classic Mac files) become LF, so their blank lines separate paragraphs as in any other file.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from index.errors import IngestError

_BINARY_SAMPLE = 8192
# Control characters that never appear in text files (tab, newlines, form feed are fine).
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) - {27}
_CONTROL_BYTES = bytes(sorted(_CONTROL))
# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_LONE_CR = re.compile(r"\r(?!\n)")
# What Western European text holds beyond ASCII: Latin-1 letters, currency and typographic marks.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸƒ"
    "£€¥¢©®™°±§¶·«»¿¡“”‘’‚„–—…•‹›\u00a0"
)
_WESTERN_LETTER_SHARE = 0.3
"""In Western text most letters are ASCII; a higher share of accented ones points to another script."""


def looks_binary(data: bytes) -> bool:
    """True when the first bytes hold NULs or many control characters."""
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # in C, not a loop per byte
    return controls > max(8, len(sample) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)``. Raises ``IngestError`` for non-text."""
    if not data.strip():
        raise IngestError("the file is empty")
    text, encoding = _decode(data)
    if not text.strip():
        raise IngestError("the file is empty")
    return _LONE_CR.sub("\n", text), encoding


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise IngestError(f"the file starts with a {encoding.upper()} byte-order mark "
                                  f"but is not valid {encoding.upper()}") from None
    if looks_binary(data):
        raise IngestError("the file is binary, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return western, "cp1252"
    # charset-normalizer ranks by "chaos" alone; a lone byte such as a Latin-1 pound sign
    # then reads as Shift-JIS. Rank by coherence (language fit) minus chaos instead.
    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches:
        raise IngestError("the file is neither UTF-8 nor a recognisable text encoding")
    best = max(matches, key=lambda m: m.coherence - m.chaos)
    return str(best), best.encoding


def _western(data: bytes) -> str | None:
    """``data`` as cp1252 when it reads as Western European text, else None.

    Charset detection on a short English line ("It costs £5 in Zürich.") prefers a
    Central-European code page ("Ł5"). Western text is the common case, so it wins unless the
    bytes say otherwise: a byte cp1252 leaves undefined, a character no Western text uses
    (Polish "ł" in cp1250 reads as "³"), or mostly non-ASCII letters (Cyrillic, Greek).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    beyond = [char for char in text if ord(char) > 127]
    if any(char not in _WESTERN for char in beyond):
        return None
    letters = sum(char.isalpha() for char in text)
    accented = sum(char.isalpha() for char in beyond)
    return text if accented <= _WESTERN_LETTER_SHARE * max(letters, 1) else None
