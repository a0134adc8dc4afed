"""Reliability tests (issue 6): atomic reindex, bad input, fuzzing, load, gateway faults, secrets."""
