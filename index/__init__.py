"""articlebot's engine: article files -> passages -> SQLite -> BM25 -> quoted answers.

Discord-free: nothing in this package imports ``discord``.
"""
