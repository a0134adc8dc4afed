"""Word tables mapped from a cache file: the same lookups as the parsed dicts, rebuilt when damaged."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from index.answering.data_files import TABLES_KEPT, mapped_table, read_table
from index.answering.mapped_table import MAGIC, MAGIC_SORTED, MappedTable, write_table
from index.answering.thesaurus import read_thesaurus, thesaurus
from index.answering.word_rarity import english_frequencies, read_frequencies
from index.cache_dir import cache_dir


def test_words_and_floats_round_trip(tmp_path: Path) -> None:
    """Tuples of words and floats come back as written; absent keys are absent."""
    words = {"govern": ("rule", "run"), "café": ("bistro",), "zoo": ()}
    write_table(tmp_path / "words.table", words)
    table = MappedTable(tmp_path / "words.table")
    assert dict(table) == words
    assert "café" in table and "cafe" not in table and 3 not in table
    assert table.get("rul") is None
    with pytest.raises(KeyError):
        table["zzz"]
    write_table(tmp_path / "floats.table", {"the": 7.73, "a": 7.5})
    floats = MappedTable(tmp_path / "floats.table")
    assert floats.get("the") == 7.73 and floats.get("an", 0.0) == 0.0 and len(floats) == 2


def test_every_key_is_found_by_its_hash_and_older_tables_by_search(tmp_path: Path) -> None:
    """Thousands of keys (buckets of several): each found with its value, near misses absent;
    a table written before the hash buckets existed reads the same."""
    table = {f"w{n}é" if n % 7 == 0 else f"word{n}": (f"v{n}",) * (n % 3) for n in range(5000)}
    write_table(tmp_path / "many.table", table)
    hashed = MappedTable(tmp_path / "many.table")
    assert all(hashed[k] == v for k, v in table.items()) and list(hashed) == sorted(table, key=str.encode)
    assert not any(k in hashed for k in ("word5000", "w7", "", "Word1", "word1 "))
    older = tmp_path / "older.table"
    older.write_bytes(MAGIC_SORTED + (tmp_path / "many.table").read_bytes()[len(MAGIC):])
    assert dict(MappedTable(older)) == table and "word5000" not in MappedTable(older)
    write_table(tmp_path / "empty.table", {})
    assert "a" not in MappedTable(tmp_path / "empty.table")


def test_the_shipped_tables_map_to_what_parsing_reads() -> None:
    """Every key and value of the mapped thesaurus and frequencies equals the parsed table's."""
    thesaurus.cache_clear()
    english_frequencies.cache_clear()
    parsed = read_thesaurus(read_table("thesaurus.tsv.gz"))
    table = thesaurus()
    assert isinstance(table, MappedTable)
    assert len(table) == len(parsed) and all(table[k] == v for k, v in parsed.items())
    frequencies = read_frequencies(read_table("english_frequency.tsv.gz"))
    mapped = english_frequencies()
    assert isinstance(mapped, MappedTable)
    assert len(mapped) == len(frequencies) and all(mapped[k] == v for k, v in frequencies.items())


def test_a_damaged_cache_file_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cut-short cache file is parsed from the source again and rewritten."""
    monkeypatch.setenv("ARTICLEBOT_CACHE_DIR", str(tmp_path / "cache"))
    first = dict(mapped_table("english_frequency.tsv.gz", None, read_frequencies))
    [cached] = cache_dir().glob("english_frequency-*.table")
    damaged = cached.read_bytes()[:1000]
    cached.unlink()  # a new file, as a crash mid-write would leave (the old one stays mapped)
    cached.write_bytes(damaged)
    again = mapped_table("english_frequency.tsv.gz", None, read_frequencies)
    assert isinstance(again, MappedTable) and dict(again) == first


def test_without_a_writable_cache_the_parsed_table_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder that cannot be made (a file is in its place) costs only the speed."""
    (tmp_path / "taken").write_text("a file, not a folder")
    monkeypatch.setenv("ARTICLEBOT_CACHE_DIR", str(tmp_path / "taken"))
    table = mapped_table("english_frequency.tsv.gz", None, read_frequencies)
    assert isinstance(table, dict) and table["the"] > 7


def test_the_cache_keeps_the_newest_tables_of_each_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Word lists in many places (checkouts, upgrades) leave TABLES_KEPT cache files per table, the newest."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("ARTICLEBOT_CACHE_DIR", str(cache))
    cache.mkdir()
    (cache / "thesaurus-unrelated.table").write_bytes(b"another table's file")
    written = []
    for n in range(TABLES_KEPT + 3):
        source = tmp_path / f"list{n}" / "english_frequency.tsv.gz"
        source.parent.mkdir()
        with gzip.open(source, "wt", encoding="utf-8") as out:
            out.write(f"word{n}\t{n + 1}.5\n")
        assert dict(mapped_table("english_frequency.tsv.gz", source, read_frequencies)) == {f"word{n}": n + 1.5}
        [new] = set(cache.glob("english_frequency-*.table")) - set(written)
        os.utime(new, ns=(n * 10**9, n * 10**9))  # written in this order, whatever the clock's grain
        written.append(new)
    assert sorted(cache.glob("english_frequency-*.table")) == sorted(written[-TABLES_KEPT:])
    assert (cache / "thesaurus-unrelated.table").exists()
