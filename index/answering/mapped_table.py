"""Word tables in a file that maps in milliseconds: sorted keys and their values, read in place.

Reading the shipped thesaurus and word frequencies (gzipped text) into dicts takes ~1.5 s and
30 MB of objects the garbage collector walks. The first process that reads one writes what it
read to a cache file (``cache_dir()``, named by the source's path, size and time and the reader's
fingerprint, so an edited table or a new stemmer makes a new file); later processes map that
file and find a word by its hash (CRC-32 of its UTF-8 bytes), decoding only what is asked.

File layout (little-endian): ``MAGIC``, kind (``s``: tuples of words, ``f``: floats), count n,
then key offsets (uint32, n+1), values (float64 x n, or value offsets uint32 x n+1), then the
UTF-8 keys (sorted by their bytes) and the space-joined values; then, padded to 4 bytes, the
hash buckets: m = ``_buckets(n)`` (a power of two), bucket starts (uint32, m+1) and the key
numbers of each bucket in turn (uint32, n), so a lookup compares one or two keys instead of
the ~17 of a binary search. Tables written before the buckets (``MAGIC_SORTED``, e.g. the
spelling tables of an index saved by older code) are read by binary search.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import numpy as np

MAGIC = b"ABTABLE2"
MAGIC_SORTED = b"ABTABLE1"
_HEADER = struct.Struct("<8sc7xQ")  # magic, kind, padding, count
Value = tuple[str, ...] | float


def write_table(path: Path, table: Mapping[str, Value]) -> None:
    """Write ``table`` (all values tuples of words, or all floats) to ``path``, atomically."""
    keys = sorted(table, key=lambda k: k.encode("utf-8"))
    encoded = [k.encode("utf-8") for k in keys]
    floats = bool(keys) and isinstance(table[keys[0]], float)
    parts = [_HEADER.pack(MAGIC, b"f" if floats else b"s", len(keys)), _offsets(encoded).tobytes()]
    if floats:
        parts += [np.asarray([table[k] for k in keys], dtype="<f8").tobytes(), b"".join(encoded)]
    else:
        values = [" ".join(table[k]).encode("utf-8") for k in keys]  # type: ignore[arg-type]
        parts += [_offsets(values).tobytes(), b"".join(encoded), b"".join(values)]
    parts.append(b"\0" * (-sum(len(part) for part in parts) % 4))
    parts += [array.tobytes() for array in _hash_buckets(encoded)]
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_bytes(b"".join(parts))
    os.replace(staging, path)


def _offsets(blobs: list[bytes]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum([len(b) for b in blobs], dtype=np.int64)]).astype("<u4")


def _buckets(count: int) -> int:
    """How many hash buckets a table of ``count`` keys has: a power of two, about one per key."""
    return 1 << max(count - 1, 1).bit_length()


def _hash_buckets(encoded: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Bucket starts (m+1) and the key numbers bucket by bucket (in key order within one)."""
    mask = _buckets(len(encoded)) - 1
    bucket = np.fromiter((zlib.crc32(key) & mask for key in encoded), dtype=np.int64, count=len(encoded))
    order = np.argsort(bucket, kind="stable").astype("<u4")
    starts = np.concatenate([[0], np.cumsum(np.bincount(bucket, minlength=mask + 1))]).astype("<u4")
    return starts, order


def _array(buffer: mmap.mmap, at: int, count: int, kind: Literal["I", "d"]) -> memoryview[Any]:
    """``count`` items of ``kind`` ('I' uint32, 'd' float64) at ``at``, in place (zero-copy)."""
    if at + count * struct.calcsize(kind) > len(buffer):
        raise ValueError("the word table is cut short")
    return memoryview(buffer)[at:at + count * struct.calcsize(kind)].cast(kind)


class MappedTable(Mapping[str, Value]):
    """A table written by ``write_table``, mapped read-only; raises ``ValueError`` if it is not one."""

    def __init__(self, path: Path) -> None:
        if sys.byteorder != "little":  # the offsets are read in place, in native order
            raise ValueError("mapped word tables are little-endian")
        with open(path, "rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if len(self._map) < _HEADER.size:
            raise ValueError(f"{path} is not a word table")
        magic, kind, count = _HEADER.unpack_from(self._map)
        if magic not in (MAGIC, MAGIC_SORTED) or kind not in (b"f", b"s"):
            raise ValueError(f"{path} is not a word table")
        self._count, self._floats = count, kind == b"f"
        at = _HEADER.size
        self._key_ends = _array(self._map, at, count + 1, "I")
        at += 4 * (count + 1)
        if self._floats:
            self._values = _array(self._map, at, count, "d")
            at += 8 * count
        else:
            self._value_ends = _array(self._map, at, count + 1, "I")
            at += 4 * (count + 1)
        self._keys_at = at
        self._values_at = at + self._key_ends[-1]
        end = self._values_at + (0 if self._floats else self._value_ends[-1])
        if end > len(self._map):
            raise ValueError(f"{path} is cut short")
        self._starts: memoryview[Any] | None = None
        if magic == MAGIC:
            end += -end % 4
            self._mask = _buckets(count) - 1
            self._starts = _array(self._map, end, self._mask + 2, "I")
            self._order = _array(self._map, end + 4 * (self._mask + 2), count, "I")

    def _key(self, i: int) -> bytes:
        return self._map[self._keys_at + self._key_ends[i]:self._keys_at + self._key_ends[i + 1]]

    def _find(self, key: str) -> int | None:
        wanted = key.encode("utf-8")
        if self._starts is not None:
            bucket = zlib.crc32(wanted) & self._mask
            for i in self._order[self._starts[bucket]:self._starts[bucket + 1]]:
                if self._key(i) == wanted:
                    return i
            return None
        low, high = 0, self._count
        while low < high:
            middle = (low + high) // 2
            if self._key(middle) < wanted:
                low = middle + 1
            else:
                high = middle
        return low if low < self._count and self._key(low) == wanted else None

    def __getitem__(self, key: str) -> Value:
        i = self._find(key) if isinstance(key, str) else None
        if i is None:
            raise KeyError(key)
        if self._floats:
            return float(self._values[i])
        start, end = self._value_ends[i], self._value_ends[i + 1]
        return tuple(self._map[self._values_at + start:self._values_at + end].decode("utf-8").split())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        return (self._key(i).decode("utf-8") for i in range(self._count))
