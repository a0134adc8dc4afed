"""Errors raised by the articlebot engine.

Every error a user can cause has a one-sentence message safe to show as is::

    ArticlebotError
    ├── IngestError            an article file could not be indexed (the file is named)
    ├── QueryError             a question cannot be asked as written
    │   ├── EmptyQuestion
    │   └── QuestionTooLong
    ├── StoreError             the database cannot be used
    │   ├── CorruptDatabase
    │   └── SchemaTooNew
    ├── PathNotAllowed         a reindex path lies outside the configured article folders
    └── ReindexInProgress      a second reindex was asked for while one runs
"""

from __future__ import annotations


class ArticlebotError(Exception):
    """Base of every error the engine raises on purpose; ``str(err)`` is user-facing."""


class IngestError(ArticlebotError):
    """An article file could not be read or parsed."""


class QueryError(ArticlebotError):
    """A question cannot be answered as written."""


class EmptyQuestion(QueryError):
    """The question has no searchable words."""


class QuestionTooLong(QueryError):
    """The question is longer than the configured limit."""


class StoreError(ArticlebotError):
    """The database cannot be opened or used."""


class CorruptDatabase(StoreError):
    """The database file is not a readable SQLite database."""


class SchemaTooNew(StoreError):
    """The database was written by a newer articlebot."""


class PathNotAllowed(ArticlebotError):
    """A path given to reindex is outside the configured article folders."""


class ReindexInProgress(ArticlebotError):
    """A reindex is already running."""


class DiskFull(ArticlebotError):
    """A reindex stopped (or did not start) for lack of disk space; the old index keeps serving."""
