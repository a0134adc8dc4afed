"""Direct quotes and their speakers in news articles, and "what did X say?" questions.

Attributions recognised inside a paragraph (straight or curly quotes)::

    "…," Tony Blair said     "…," said Mr Blair     Mr Blair said: "…"     "…," he said

A pronoun resolves to the article's previous named speaker. Names are 1-4 capitalised words,
optionally after a title (Mr, Ms, Dr, ...); a bare single word counts only when the article
also names a person with that surname (so "Microsoft said" is not a speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLES = frozenset("Mr Mrs Ms Miss Dr Sir Lord Lady Dame Prof Professor Rev".split())
# Capitalised words that start a sentence or name a role, never a first name.
NOT_NAMES = frozenset(
    """
    A An And As At But By For From He Her His However I If In It Its Meanwhile Now Of On Or
    She So That The Their Then There They This We When While Yet You Chief Executive Director
    Secretary Minister Chancellor President Chairman Chairwoman Officer Manager Coach Captain
    Leader Prime Foreign Home Shadow Spokesman Spokeswoman Judge Senator Governor General
    Commissioner Boss Deputy Vice Head Analyst Economist Police Officials Analysts Experts
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    """.split()
)
PRONOUNS = frozenset("he she".split())
# A last word that makes a capitalised run an organisation or a title, not a person.
NOT_SURNAMES = frozenset(
    """
    Association Agency Bank Club Commission Committee Company Corporation Council Department
    Group Institute League Mail Menace Ministry Office Party Report Service Services Society
    Union United University Government Police Court Board Federation Foundation Trust
    """.split()
)

_WORD = r"(?:[A-Z](?:['’][A-Z])?[a-z][\w'’-]*|[A-Z]\.?)"
_NAME = rf"(?:(?:{'|'.join(sorted(TITLES))})\.?\s+)?{_WORD}(?:\s+{_WORD}){{0,3}}"
# Questions are made from "said"/"says" quotes only; the other verbs still credit a quote
# to its speaker when a reply is judged.
QUESTION_VERBS = frozenset({"said", "says"})
_SAID = (
    r"(?P<verb>said|says|told|tells|added|adds|insisted|insists|explained|explains|warned|warns|"
    r"admitted|admits|argued|argues|claimed|claims|stressed|stresses|continued|continues|replied|"
    r"replies|wrote|writes|saying|acknowledged|acknowledges|conceded|concedes|stated|states|noted|"
    r"notes|commented|comments|announced|announces|confirmed|confirms|declared|declares|urged|urges|"
    r"predicted|predicts|recalled|recalls|maintained|maintains|suggested|suggests|asked|asks)"
)
# "…," said (Yukos) chief executive Steven Theede / said BP spokesman Toby Odone / said the firm's
# finance director, Jane Smith: the name after a role is the speaker, not the company before it.
_ROLE_NOUNS = (
    r"(?:executive|chairman|chairwoman|chair|spokesman|spokeswoman|spokesperson|director|manager|"
    r"president|secretary|minister|chief|boss|head|analyst|economist|coach|captain|leader|founder|"
    r"editor|officer|governor|commissioner|ceo|mp|mep|producer|professor|chancellor|administrator)"
)
_ROLE = (rf"(?:(?:the|its|his|her|their)\s+)?(?:[A-Z][\w'’&.\-]*\s+){{0,3}}"
         rf"(?:[a-z][a-z'’\-]*\s+){{0,2}}{_ROLE_NOUNS},?\s+")
_AFTER_SAID_NAME = re.compile(rf"\s*{_SAID}\s+(?:{_ROLE})?(?P<name>{_NAME})")
# "…," (Warner producer) Jeff Robinov said: up to four words of role before the name.
_AFTER_NAME_SAID = re.compile(rf"\s*(?:[\w'’-]+\s+){{0,4}}?(?P<name>{_NAME}|[Hh]e|[Ss]he)\s+{_SAID}\b")
_BEFORE = re.compile(
    rf"(?P<name>{_NAME})(?:,?|,\s+[a-z][^,\"“”]{{0,80}},)\s+{_SAID}(?:\s+that|\s+[^\"“”:,.]{{1,40}}:)?:?\s*\Z"
)
# ``X said the plan was "a firm commitment to families"``: the quote ends a report by X.
_BEFORE_REPORTED = re.compile(
    rf"(?P<name>{_NAME})(?:,\s+[a-z][^,\"“”]{{0,80}},)?\s+{_SAID}\b[^\"“”.!?:]{{1,150}}\Z"
)
_MENTION = re.compile(rf"(?:(?:{'|'.join(sorted(TITLES))})\.?|[A-Z][a-z]+)\s+[A-Z][a-z][\w'’-]+")
_OPEN = "“"
_CLOSE = "”"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A direct quote: ``[start, end)`` is its content (marks excluded) in the article text."""

    source: str
    start: int
    end: int
    text: str
    written: str
    surname: str
    full_name: str | None
    verb: str = "said"


def quote_marks(paragraph: str) -> list[tuple[int, int, bool]]:
    """Quotes in ``paragraph``: ``(start, end, continues)`` content spans.

    A quote left unclosed ends where the next one opens; that next one ``continues`` it.
    """
    spans: list[tuple[int, int, bool]] = []
    opened: int | None = None
    continues = False
    for i, ch in enumerate(paragraph):
        if ch not in "\"“”":
            continue
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        is_open = ch == _OPEN or (
            ch == '"' and (before.isspace() or before in "([—-") and not after.isspace()
        )
        if is_open:
            if opened is not None:
                spans.append((opened, len(paragraph[:i].rstrip()), continues))
            continues = opened is not None
            opened = i + 1
        elif opened is not None:
            spans.append((opened, i, continues))
            opened, continues = None, False
    if opened is not None:
        spans.append((opened, len(paragraph.rstrip()), continues))
    return spans


def clean_name(name: str) -> tuple[str, str] | None:
    """``(as written, surname)`` with leading non-name words dropped, or ``None``."""
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".") in NOT_NAMES:
        words.pop(0)
    last = words[-1].rstrip(".") if words else ""
    if not words or last in TITLES or last in NOT_SURNAMES or len(last) < 2:
        return None
    return " ".join(words), words[-1]


def full_name(article: str, surname: str) -> str | None:
    """The first "First [M.] Surname" naming ``surname`` in ``article``, or ``None``.

    One capitalised word before the surname is the first name; a middle initial takes the
    word before it too ("George W. Bush").
    """
    for m in re.finditer(rf"((?:{_WORD}\s+){{1,2}}){re.escape(surname)}\b", article):
        words = m.group(1).split()
        if len(words) == 2 and len(words[1].rstrip(".")) > 1:
            words = words[1:]
        words = [w for w in words if w.rstrip(".") not in NOT_NAMES and w.rstrip(".") not in TITLES]
        if words and len(words[0].rstrip(".")) > 1:
            return " ".join([*words, surname])
    return None


def _attribution(paragraph: str, start: int, end: int) -> tuple[str, str] | None:
    """The speaker named right after the quote (when it ends in , ? ! or a dash) or right
    before its opening mark (``X said: "…"``)."""
    if paragraph[start:end].rstrip()[-1:] in (",", "?", "!", "—", "-"):
        tail = paragraph[end + 1 : end + 120]
        for pattern in (_AFTER_SAID_NAME, _AFTER_NAME_SAID):
            m = pattern.match(tail)
            if m:
                return m.group("name"), m.group("verb")
    before = paragraph[max(0, start - 1 - 200) : max(0, start - 1)]
    m = _BEFORE.search(before) or _BEFORE_REPORTED.search(before)
    return (m.group("name"), m.group("verb")) if m else None


def extract_quotes(source: str, text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Every attributed quote in ``text`` (``paragraphs`` are its body paragraph spans)."""
    found: list[QuoteSpan] = []
    named: QuoteSpan | None = None
    body = text[paragraphs[0][0]:] if paragraphs else ""
    for p_start, p_end in paragraphs:
        para = text[p_start:p_end]
        previous: QuoteSpan | None = None
        for q_start, q_end, continues in quote_marks(para):
            found_by = _attribution(para, q_start, q_end)
            raw, verb = found_by if found_by else (None, "")
            speaker = _speaker(body, raw, _antecedent(text, named, p_start + q_start, raw))
            if speaker is None and continues and previous is not None:
                speaker = (previous.written, previous.surname, previous.full_name)
                verb = previous.verb
            content = para[q_start:q_end].strip(" ,")
            if speaker is None or len(content.split()) < 3:
                previous = None
                continue
            previous = QuoteSpan(source, p_start + q_start, p_start + q_end, content, *speaker, verb)
            found.append(previous)
            if raw is not None and raw.lower() not in PRONOUNS:
                named = previous
    return found


def _antecedent(text: str, named: QuoteSpan | None, at: int, raw: str | None) -> QuoteSpan | None:
    """``named`` if a pronoun ``raw`` at ``at`` can only mean it: no other person is
    mentioned in between and the pronoun agrees with a gendered title."""
    if named is None or raw is None or raw.lower() not in PRONOUNS:
        return None
    title = named.written.split()[0].rstrip(".")
    if (raw.lower() == "he" and title in {"Mrs", "Ms", "Miss", "Lady", "Dame"}) or (
        raw.lower() == "she" and title in {"Mr", "Sir", "Lord"}
    ):
        return None
    for m in _MENTION.finditer(text, named.end, at):
        if m.group(0).split()[-1] != named.surname and m.group(0).split()[0] not in NOT_NAMES:
            return None
    return named


def _speaker(
    body: str, raw: str | None, named: QuoteSpan | None
) -> tuple[str, str, str | None] | None:
    """``(written, surname, full name)`` of an attribution; a pronoun means ``named``.

    The full name is looked for in the article ``body`` (headlines capitalise every word).
    """
    if raw is None:
        return None
    if raw.lower() in PRONOUNS:
        return (named.written, named.surname, named.full_name) if named else None
    cleaned = clean_name(raw)
    if cleaned is None:
        return None
    written, surname = cleaned
    full = full_name(body, surname)
    if " " not in written and (full is None or re.search(rf"\b{re.escape(surname.lower())}\b", body)):
        return None  # a bare word that is also used in lower case ("little") is no name
    return written, surname, full
