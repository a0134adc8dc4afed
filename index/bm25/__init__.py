"""Exact BM25: one interface, the fast numba engine (with updates and persistence), rank-bm25 as reference."""
