"""Article sources beyond plain files: saved HTML pages, URLs fetched on request, RSS/Atom feeds.

Discord-free, like the rest of ``index/``:

- ``html``: HTML bytes -> ``Article`` (trafilatura: main text without boilerplate, metadata);
- ``fetch``: one URL -> bytes, over http(s) only, bounded in time, size and redirects, with
  private addresses refused unless allowed; every failure is one sentence;
- ``pages``: fetched pages stored under ``<db>.pages/`` and indexed like an article folder;
- ``feeds``/``feed_store``: feeds polled with conditional GET, each new entry indexed once.
"""
