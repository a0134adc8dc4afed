-- What the re-rank needs of a passage that no question changes (index.passage_features):
-- its sentence terms, words, word pairs, prefixes and term counts, as one marshal blob.
-- NULL for passages indexed before: they are computed from the text when asked.
ALTER TABLE passages ADD COLUMN features BLOB;
