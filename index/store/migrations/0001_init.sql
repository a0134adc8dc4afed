-- Articles and their passages, kept by index generation.
-- A row is visible in generation G when added_gen <= G and (removed_gen IS NULL or
-- removed_gen > G); meta.generation is the last committed generation. A reindex writes
-- generation G+1 beside G and commits by bumping meta.generation in one statement.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('generation', '0');

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title        TEXT NOT NULL,
    dek          TEXT,
    author       TEXT,
    date         TEXT,
    url          TEXT,
    encoding     TEXT NOT NULL,
    tokens       TEXT NOT NULL,          -- search tokens of title, dek and author
    indexed_at   TEXT NOT NULL,
    added_gen    INTEGER NOT NULL,
    removed_gen  INTEGER
);
CREATE INDEX articles_by_path ON articles (path);
CREATE INDEX articles_by_hash ON articles (content_hash);
CREATE INDEX articles_by_gen ON articles (added_gen, removed_gen);

CREATE TABLE passages (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    paragraph  INTEGER NOT NULL,
    part       INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    sentences  TEXT NOT NULL,            -- JSON [[start, end], ...] relative to text
    speakers   TEXT NOT NULL,            -- JSON [[name, sentence, direct], ...]
    tokens     TEXT NOT NULL             -- search tokens, space-separated
);
CREATE INDEX passages_by_article ON passages (article_id, paragraph, part);

CREATE TABLE feedback (
    id          INTEGER PRIMARY KEY,
    question    TEXT NOT NULL,
    passage_ids TEXT NOT NULL,           -- JSON list
    user_hash   TEXT NOT NULL,
    value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
    created_at  TEXT NOT NULL
);
