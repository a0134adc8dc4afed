"""Source file -> decoded text -> parsed article -> passages (¶N, sentence spans, speakers)."""
