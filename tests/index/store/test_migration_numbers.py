"""Each schema file has a number of its own: a database records only the last number applied, so
two files sharing one would leave a database that had the first without the second."""

from __future__ import annotations

from index.store.migrate import SCHEMA_VERSION, migrations


def test_schema_numbers_are_unique_and_consecutive() -> None:
    numbers = [number for number, _ in migrations()]
    assert numbers == list(range(1, SCHEMA_VERSION + 1))
