"""The console front end: the ``articlebot`` command (reindex, ask, chat, sources, …)."""
