-- Per-server archives (issue 17, index/scopes.py). Plain SQL that SQLite and PostgreSQL both run.
-- The folders a Discord server (guild) claimed as its own archive: articles under them are seen
-- only by the servers that claimed them (and by DMs when [scopes] dm_archive = "all").
CREATE TABLE archive_folders (
    guild_id  TEXT NOT NULL,
    path      TEXT NOT NULL,
    added_by  TEXT,
    added_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, path)
);
CREATE INDEX archive_folders_by_path ON archive_folders (path);

-- A channel a server admin limited to one folder (or added-pages folder) of its server's archive.
CREATE TABLE channel_scopes (
    channel_id TEXT PRIMARY KEY,
    guild_id   TEXT NOT NULL,
    path       TEXT NOT NULL,
    set_by     TEXT,
    set_at     TEXT NOT NULL
);

-- A feed a server added for its own archive (its entries are kept in that server's pages
-- folder); NULL: the shared archive's (configured, or added in a DM or without per_guild).
ALTER TABLE feeds ADD COLUMN guild_id TEXT;
