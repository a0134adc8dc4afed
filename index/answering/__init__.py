"""Question -> BM25 hits -> re-ranked passages -> an Answer of quotes, highlights and citations."""
