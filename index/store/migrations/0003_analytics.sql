-- Every question the bot answered or refused, for /stats and `articlebot stats` (index/analytics).
-- Written off the answer path by index.analytics.recorder; rows older than the retention
-- ([analytics] retention_days) are pruned. question is NULL when question text is not stored;
-- member_hash is the same SHA-256 digest as feedback.user_hash (for /forget-me), never the id.
CREATE TABLE question_log (
    id          INTEGER PRIMARY KEY,
    asked_at    REAL NOT NULL,               -- Unix time (UTC)
    question    TEXT,
    place       TEXT NOT NULL,               -- 'guild' or 'dm'
    guild_id    TEXT,
    channel_id  TEXT,
    member_hash TEXT,
    member_name TEXT,                        -- only when [analytics] store_member_names
    answered    INTEGER NOT NULL CHECK (answered IN (0, 1)),
    top_article TEXT,                        -- title of the first quote's article
    seconds     REAL NOT NULL,               -- time taken to answer
    answer_key  TEXT                         -- the buttons' key, joins feedback.answer_key
);
CREATE INDEX question_log_by_time ON question_log (asked_at);
CREATE INDEX question_log_by_member ON question_log (member_hash);
CREATE INDEX question_log_by_key ON question_log (answer_key);

-- A vote names the answer it was given on, so /stats can join votes to questions.
ALTER TABLE feedback ADD COLUMN answer_key TEXT;
CREATE INDEX feedback_by_key ON feedback (answer_key);
