"""Who says what in passages (at index time; the questions about it are
``index.answering.speaker_questions``).

``attribute(passages)`` finds, sentence by sentence, who is quoted (“…,” X said / said X /
X said: “…” / according to X), resolving "he said"/"she added" to the last named speaker
of the article.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from index.ingest.names import TITLES
from index.ingest.roles import ROLE_THEN, ROLE_WORDS, after_role, without_role
from index.models import Span

_VERBS = (
    r"(?:said|says|say|told|tells|added|adds|asked|asks|explained|explains|warned|warns|"
    r"stated|states|argued|argues|claimed|claims|insisted|insists|noted|notes|wrote|writes|"
    r"commented|comments|replied|replies|continued|continues|admitted|admits|believes|"
    r"believed|thinks|thought|suggested|suggests|acknowledged|acknowledges|announced|"
    r"announces|confirmed|confirms|declared|declares|stressed|stresses|urged|urges|"
    r"predicted|predicts|recalled|recalls|conceded|concedes|maintained|maintains)"
)
_CAP = r"(?:[A-Z\u00C0-\u00DE][\w'’.\-]*|Mc[A-Z]\w*|d[eu]|van|von|de|bin|al-\w+)"
_NAME = rf"((?:{_CAP}\s+){{0,4}}[A-Z\u00C0-\u00DE][\w'’\-]*\.?)"
# The characters a ``_NAME`` can start with (those of ``_CAP`` and its last word), as a
# lookahead: the same matches, but ``re`` passes over the other positions ~2x faster.
_NAME_START = r"(?=[A-Z\u00C0-\u00DEdvba])"
_OPENING_QUOTES = "“\"«„"
_QUOTE_CHARS = "“”\"«»„"
# "X, the chief executive, said" / "X's finance director, Jane Smith, said" (the bare comma: only
# after a role, ``after_role``: the empty group marks it)
_BEFORE_VERB = re.compile(rf"{_NAME_START}{_NAME}(?:,(?:[^,“”\"]{{1,80}},|()))?\s+{_VERBS}\b")
# '"…," said X' / '…, says X': the verb follows the quote (or a comma), never a subject —
# in "he said Mr Blair had lost…" Mr Blair is what was said, not who said it.
# A role between the verb and the name is passed over: "said Yukos chief executive Steven Theede".
_AFTER_VERB = re.compile(rf"(?:^|[,”\"’'»])\s*{_VERBS}\s+(?:{ROLE_THEN})?{_NAME}")
_ACCORDING = re.compile(rf"(?=[Aa])\b[Aa]ccording to (?:{ROLE_THEN})?{_NAME}")
_PRONOUN = re.compile(rf"(?:\b(?:he|she|He|She)\s+{_VERBS}\b|\b{_VERBS}\s+(?:he|she)\b)")
_NOT_NAME = frozenset(
    """the a an but and or so then when while if as it its this that these those there
    here he she they we i you his her their our my in on at of for to from by with
    after before yesterday today monday tuesday wednesday thursday friday saturday
    sunday however meanwhile also""".split()
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """``speaker`` is quoted (``direct``) or reported in sentence ``sentence``."""

    speaker: str
    sentence: int
    direct: bool


def _clean_name(raw: str) -> str | None:
    """Drop leading function words ("But", "The") from a capitalised run; None if empty."""
    words = raw.split()
    while words and words[0].casefold().strip(".") in _NOT_NAME:
        words.pop(0)
    if not words:
        return None
    name = without_role(" ".join(words).rstrip(".,"))
    return name if len(name) > 1 else None


# Every pattern above needs one of the verbs, or "according to": most sentences have neither,
# and a plain substring scan spares them the three patterns with names in them. The verbs that
# contain none of the others ("says" contains "say") are enough to tell; ``in`` finds them 3x
# faster than the alternation does.
_SPEECH_WORDS = tuple(verb for verb in re.findall(r"[a-z]+", _VERBS)
                      if not any(other != verb and other in verb for other in re.findall(r"[a-z]+", _VERBS)))
_QUOTE_MARKS = re.compile(f"[{_QUOTE_CHARS}]")


def _has_verb(text: str) -> bool:
    """True when one of ``_VERBS`` occurs anywhere in ``text`` (as ``re.search(_VERBS)`` would say)."""
    return any(word in text for word in _SPEECH_WORDS)


# Where the words of a text are known, they tell more cheaply and more strictly: every pattern
# has its verb (and "according", "he", "she") between non-word characters, so it is one of the
# text's lowercased ``[a-z0-9]+`` words whenever the pattern matches ("essays" holds "says"
# but is no verb: its sentences skip the patterns).
_VERB_WORDS = frozenset(re.findall(r"[a-z]+", _VERBS))
_VERB_OR_ACCORDING = _VERB_WORDS | {"according"}
_PRONOUNS = frozenset({"he", "she"})
Written = tuple[Collection[str], Sequence[Collection[str]]]
"""A passage's lowercased ``[a-z0-9]+`` words and each of its sentences' (ASCII text only:
``index.answering.passage_features.split_words``)."""


def sentence_speakers(sentence: str, verb: bool | None = None, said: Collection[str] | None = None) -> list[str]:
    """Names credited with speech in one sentence, nearest to the verb first (``verb``: whether
    it has one of the verbs, when known; ``said``: which verbs are among its lowercased words,
    when known, so that the verb patterns search only where a match can lie)."""
    names: list[str] = []
    found: list[Iterator[re.Match[str]]] = []
    if _has_verb(sentence) if verb is None else verb:
        found.extend(_verb_matches(sentence, said))
    if "ccording to" in sentence:
        found.append(_ACCORDING.finditer(sentence))
    for matches in found:
        for match in matches:
            if match.lastindex == 2 and not after_role(sentence[:match.start()]):
                continue  # "In London, Paris, said" names no one: only a role's holder stands between commas
            name = _clean_name(match.group(1))
            if name and name not in names:
                names.append(name)
    return names


_WORD_TAIL = re.compile(r"\w*")


def _verb_matches(sentence: str, said: Collection[str] | None) -> list[Iterator[re.Match[str]]]:
    """``_BEFORE_VERB``'s and ``_AFTER_VERB``'s matches in ``sentence``. With the verbs among its
    words known, the first is searched only up to the end of the word holding the last of them
    (each of its matches ends with a verb, and ``\\b`` reads the same at a word's end), the second
    only from the mark or start before the first of them (each of its matches starts there):
    the same matches, ~15 % of the patterns' time less."""
    if not said:
        return [_BEFORE_VERB.finditer(sentence), _AFTER_VERB.finditer(sentence)]
    firsts = [at for at in map(sentence.find, said) if at >= 0]
    if not firsts:
        return []  # the patterns' verbs are lowercase: "SAID" alone matches neither
    last = max(at + len(verb) for verb in said if (at := sentence.rfind(verb)) >= 0)
    end = _WORD_TAIL.match(sentence, last).end()  # type: ignore[union-attr]  # \w* always matches
    start = len(sentence[:min(firsts)].rstrip())  # the spaces before the first verb
    return [_BEFORE_VERB.finditer(sentence, 0, end), _AFTER_VERB.finditer(sentence, max(start - 1, 0))]


_QUOTED = re.compile(r"[“\"«„]([^“”\"«»„]*)[”\"»]")
_MIN_QUOTE_WORDS = 3


def is_direct_quote(sentence: str) -> bool:
    """True when ``sentence`` quotes someone: a quotation of 3+ words, or a quote mark left
    open or closed across sentences. A "scare-quoted" word or two is not a quote."""
    marks = sum(sentence.count(c) for c in _QUOTE_CHARS)
    if marks == 0:
        return False
    quoted = _QUOTED.findall(sentence)
    if any(len(q.split()) >= _MIN_QUOTE_WORDS for q in quoted):
        return True
    return marks > 2 * len(quoted)


# (the leading lookahead: as ``_NAME_START``)
_PAIR = re.compile(r"(?=[A-Z])(?=\b([A-Z][a-z][\w'’\-]*)\s+([A-Z][a-z][\w'’\-]*)\b)")
# Words that come before a surname without being a first name ("Chancellor Brown").
_NOT_FIRST_NAME = _NOT_NAME | TITLES | ROLE_WORDS | frozenset(
    """says said told according
    january february march april may june july august september october november
    december""".split()
)


def full_names(texts: list[str]) -> dict[str, str]:
    """``surname -> "First Surname"`` for the first such mention in an article's texts."""
    found: dict[str, str] = {}
    for text in texts:
        for first, last in _pairs(text):
            found.setdefault(last, f"{first} {last}")
    return found


def _pairs(text: str) -> Iterator[tuple[str, str]]:
    """Each "First Surname" of ``text`` as ``(first, surname)``, in order: a capitalised pair whose
    first word is no title, role or month and whose second is a name."""
    for match in _PAIR.finditer(text):
        first, last = match.group(1), match.group(2)
        if first.casefold() not in _NOT_FIRST_NAME and last.casefold() not in _NOT_NAME:
            yield first, last


class FullNames(Mapping[str, str]):
    """``full_names(texts)``, each surname looked up when asked: only the texts holding it are
    searched, and each surname once (an article asks a few of them, ``full_names`` all)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.asked: dict[str, str | None] = {}

    def __getitem__(self, surname: str) -> str:
        if surname not in self.asked:
            self.asked[surname] = self._first(surname)
        full = self.asked[surname]
        if full is None:
            raise KeyError(surname)
        return full

    def _first(self, surname: str) -> str | None:
        """What ``full_names(self.texts).get(surname)`` is: the first pair ending in ``surname``."""
        for text in self.texts:
            if surname in text:  # no pair ends in it elsewhere
                for first, last in _pairs(text):
                    if last == surname:
                        return f"{first} {surname}"
        return None

    def __iter__(self) -> Iterator[str]:
        return iter(full_names(self.texts))

    def __len__(self) -> int:
        return len(full_names(self.texts))


def resolve(name: str, known: Mapping[str, str]) -> str:
    """``name`` as the article's full name when it is a (titled) surname: "Mr Kennedy" ->
    "Charles Kennedy"; other names unchanged."""
    words = [w for w in name.split() if w.casefold().strip(".") not in TITLES]
    if len(words) == 1:
        return known.get(words[0], name)
    return name


def attribute(texts: list[str], sentences: list[tuple[Span, ...]],
              written: Sequence[Written | None] | None = None) -> list[list[Attribution]]:
    """Attributions for each passage of one article (passages in reading order); ``written``:
    each passage's words (``Written``) where known, which spares most sentences the patterns.

    A surname ("Mr Kennedy") is credited under the full name the article gives it.
    """
    known = FullNames(texts)  # only a lone surname is looked up (``resolve``)
    last_named: str | None = None
    result: list[list[Attribution]] = []
    for text, spans, words in zip(texts, sentences, written or [None] * len(texts)):
        found: list[Attribution] = []
        result.append(found)
        if (_VERB_OR_ACCORDING.isdisjoint(words[0]) if words
                else not _has_verb(text) and "ccording to" not in text):
            continue  # nobody is named or resumed, and no quote goes on without a speaker
        quotes = _QUOTE_MARKS.search(text) is not None  # without any, no sentence quotes directly
        quoting: str | None = None  # who the previous sentence of this passage quoted directly
        for index, span in enumerate(spans):
            sentence = text[span.start:span.end]
            said = _VERB_WORDS.intersection(words[1][index]) if words else None
            verb = bool(said) if words else _has_verb(sentence)
            pronoun = verb and (not _PRONOUNS.isdisjoint(words[1][index]) if words else True)
            names = sentence_speakers(sentence, verb, said)
            speaker: str | None = None
            if names:
                names = [resolve(n, known) for n in names]
                last_named = speaker = names[0]
                direct = quotes and is_direct_quote(sentence)
                found.extend(Attribution(n, index, direct) for n in names)
            elif last_named and pronoun and _PRONOUN.search(sentence):
                speaker = last_named
                direct = quotes and is_direct_quote(sentence)
                found.append(Attribution(last_named, index, direct))
            elif quoting and quotes and is_direct_quote(sentence) and sentence.lstrip()[:1] in _OPENING_QUOTES:
                speaker = quoting  # '"…," said X. "More of the quote."' — still X speaking
                direct = True
                found.append(Attribution(quoting, index, True))
            # whether a sentence quotes directly is only asked of those credited to someone
            quoting = speaker if speaker is not None and direct else None
    return result
