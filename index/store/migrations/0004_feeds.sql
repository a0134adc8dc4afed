-- RSS/Atom feeds polled for new articles (from [sources] feeds in the config, or added by an
-- admin), the state of their last poll (for conditional GET and for /feeds list), and the
-- entries already taken from them, so each entry is fetched and indexed once.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    origin        TEXT NOT NULL CHECK (origin IN ('config', 'admin')),
    title         TEXT,
    etag          TEXT,
    last_modified TEXT,
    polled_at     TEXT,
    status        TEXT,                  -- the last poll's outcome, one sentence
    failing       INTEGER NOT NULL DEFAULT 0,
    added_at      TEXT NOT NULL
);

CREATE TABLE feed_entries (
    feed_url  TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    entry_key TEXT NOT NULL,             -- the entry's id, else its link
    link      TEXT NOT NULL,
    outcome   TEXT NOT NULL,             -- 'indexed', or why it was not (one sentence)
    seen_at   TEXT NOT NULL,
    PRIMARY KEY (feed_url, entry_key)
);
