"""The SQLite store: articles and passages by generation, schema migrations."""
