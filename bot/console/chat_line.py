"""A chat line read as the `articlebot` commands read theirs: a command or a question, and its options.

The chat takes the options that make sense in it: ``--top N`` after a question (that answer's
quotes, 1-10), and ``sources [WORDS] [--articles] [--page N]`` as ``articlebot sources`` takes
them. A word that looks like an option ("--json", "-v") but is none of these is not searched
as a word (it was respelled: "--json" -> "--jason"); the chat says it is no chat option and
where it is one. ``sources add …`` and ``sources remove …`` are not chat commands either: the
chat only reads the index, and the reply names the commands that change it. A line ending in
"?" is always a question ("sources close to Blair said what?").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPTION = re.compile(r"^--?[^\W\d_][\w-]*(?:=\S*)?$")
TOP_RANGE = (1, 10)  # the quotes an answer shows when --top asks (here, `articlebot ask` and `chat --top`)
CHANGES = frozenset({"add", "remove", "delete", "rm"})
OUTSIDE = {  # where the options the chat does not take are, by what the line was
    "question": 'articlebot ask "QUESTION" [--top K] [--article TITLE] [--json]',
    "sources": "articlebot sources [WORDS] [--articles] [--page N] [--json]",
}
CHANGE_HELP = ("The chat only reads the index. Add articles with `articlebot reindex PATH` (files and folders) "
               "or `articlebot add URL` (web pages), and feeds with `articlebot feeds add URL`; an article leaves "
               "the index when its file is deleted and `articlebot reindex` runs, a feed with `articlebot feeds "
               "remove URL`. On Discord, admins have /reindex, /add and /feeds.")


@dataclass(frozen=True, slots=True)
class ChatLine:
    """What one line asks for: ``kind`` is "question", "sources", "change" (sources add/remove),
    "more" or "help"; ``text`` the question or the sources' WORDS, without the options."""

    kind: str
    text: str = ""
    top: int | None = None
    every: bool = False
    page: int = 1
    unknown: tuple[str, ...] = field(default=())  # option-looking words the command does not take
    problem: str = ""  # an option given without a usable value

    def unknown_text(self) -> str:
        """One sentence on the option-looking words the chat did not take ("" when none)."""
        if not self.unknown:
            return ""
        named = ", ".join(f"`{word}`" for word in self.unknown)
        verb = "is not an option" if len(self.unknown) == 1 else "are not options"
        takes = "`sources` takes WORDS, --articles and --page N" if self.kind == "sources" else \
            "a question takes --top N"
        where = OUTSIDE.get(self.kind, OUTSIDE["question"])
        return f"{named} {verb} in the chat ({takes}); outside it: `{where}`."


def read_line(line: str) -> ChatLine:
    """``line`` read as a chat command or a question, with its options taken out."""
    text = line.strip()
    first, _, rest = text.partition(" ")
    word = first.lower()
    if word in {"help", "?"} and not rest.strip():
        return ChatLine("help")
    if word == "more" and not rest.strip():
        return ChatLine("more")
    if word == "sources" and not text.endswith("?"):
        if rest.split()[:1] and rest.split()[0].lower() in CHANGES:
            return ChatLine("change", rest)
        return _with_options("sources", rest.split())
    return _with_options("question", text.split())


def _with_options(kind: str, words: list[str]) -> ChatLine:
    """The line's words apart from its options; each option taken when ``kind`` has it."""
    kept: list[str] = []
    unknown: list[str] = []
    values: dict[str, object] = {}
    problem = ""
    at = 0
    while at < len(words):
        word = words[at]
        at += 1
        if not _OPTION.match(word):
            kept.append(word)
            continue
        name, _, value = word.partition("=")
        if (kind, name) in {("question", "--top"), ("sources", "--page")}:
            if not value and at < len(words):
                value, at = words[at], at + 1
            low, high = TOP_RANGE if name == "--top" else (1, None)
            if not value.isdigit() or int(value) < low or (high is not None and int(value) > high):
                problem = f"{name} needs a number {f'from {low} to {high}' if high else f'of {low} or more'}."
            else:
                values[name] = int(value)
        elif (kind, name) == ("sources", "--articles"):
            values[name] = True
        else:
            unknown.append(word)
    top, page = values.get("--top"), values.get("--page", 1)
    return ChatLine(kind, " ".join(kept), top=top if isinstance(top, int) else None, every=bool(values.get("--articles")),
                    page=page if isinstance(page, int) else 1, unknown=tuple(unknown), problem=problem)
