-- Answers the Discord buttons (More, 👍/👎) refer to by key, so they still work after a
-- restart: the question and the passages quoted, in the order shown. Pruned to the newest.
CREATE TABLE answers (
    key         TEXT PRIMARY KEY,
    question    TEXT NOT NULL,
    passage_ids TEXT NOT NULL,           -- JSON list
    created_at  TEXT NOT NULL
);
