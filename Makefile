# articlebot: `make run` sets everything up and starts; `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test eval eval-scaled bench clean xapian

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q index bot
	touch $(STAMP)

## Index seeds/ (and the configured folders), then start the Discord bot when a token is
## configured, else the console chat on the same index (EOF on stdin ends it).
## Byte-compiles the code first: a one-shot `articlebot ask` then skips compiling it (even where
## PYTHONDONTWRITEBYTECODE is set).
run: $(STAMP)
	$(BIN)/python -m compileall -q index bot
	$(BIN)/articlebot reindex
	$(BIN)/articlebot start

## Debian's python3-xapian (built for its python3.11) is linked into the venv when installed:
## the package directory only, not all of dist-packages (.ci/install-xapian installs it).
XAPIAN_DEB := /usr/lib/python3/dist-packages/xapian
xapian: $(STAMP)
	@if [ -d $(XAPIAN_DEB) ]; then ln -sfn $(XAPIAN_DEB) "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/xapian"; fi

## The whole test suite, end-to-end Discord tests included (no network needed).
test: $(STAMP) xapian
	$(BIN)/ruff check index bot tests scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

## Answer quality on SQuAD and BBC speaker questions -> docs/eval.md
eval: $(STAMP)
	$(BIN)/articlebot eval all --out docs/

## The same evaluations with the store on PostgreSQL and the search on two Xapian partitions
## (throwaway servers on loopback) against the default, in one run -> docs/eval-scaled.md
eval-scaled: $(STAMP) xapian
	$(BIN)/articlebot eval scaled --out docs/

## Speed and memory at 10k/100k/1M passages vs rank-bm25, and the whole answer and reindex on
## Reuters-21578 + SQuAD vs bm25s and tantivy -> docs/bench.md; answer time with and without
## recording questions for /stats -> docs/bench-recording.md
bench: $(STAMP)
	$(BIN)/articlebot bench --out docs/
	$(BIN)/python -m index.benchmark.recording --out docs/ --shared ../shared/data

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis
