"""Article file bytes -> text: UTF-8 first, then a detected legacy encoding.

Binary files and undecodable bytes raise ``IngestError`` with a sentence saying why.
Smart quotes and other non-ASCII punctuation are kept as they are.
"""

from __future__ import annotations

from charset_normalizer import from_bytes

from index.errors import IngestError

_BINARY_SAMPLE = 8192
# Control characters that never appear in text files (tab, newlines, form feed are fine).
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) - {27}


def looks_binary(data: bytes) -> bool:
    """True when the first bytes hold NULs or many control characters."""
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls > max(8, len(sample) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)``. Raises ``IngestError`` for non-text."""
    if not data.strip():
        raise IngestError("the file is empty")
    if looks_binary(data):
        raise IngestError("the file is binary, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # charset-normalizer ranks by "chaos" alone; a lone byte such as a Latin-1 pound sign
    # then reads as Shift-JIS. Rank by coherence (language fit) minus chaos instead.
    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches:
        raise IngestError("the file is neither UTF-8 nor a recognisable text encoding")
    best = max(matches, key=lambda m: m.coherence - m.chaos)
    return str(best), best.encoding
