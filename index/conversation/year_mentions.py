"""A year a sentence names without dating anything by it: what "when was that?" must not offer.

"unlike in 2000", "since 2003", "set in 1992", "compared with 2004" contrast with or measure
from another time, and so do years a change is measured against without such a word ("up 5% on
2003", "down from 2003's figure", "beat 2003's total"); "Windows 2000", "Euro 2004", "the 2004
Olympics", "2004's Super Bowl" name a thing, and "his party's 2001 election defeat" dates a
thing, not the sentence (unless a dating word leads it: "in the 2001 election", or it opens the
sentence as its subject: "The 2001 election cost £80m." tells of that election). Only dates
holding a year are read so ("until Friday" is a date of sorts); a day, a month, a weekday or
"last week" never is a mention here.
"""

from __future__ import annotations

import calendar
import re

_YEAR = r"(?:19|20)\d\d(?:s\b)?"
_CALENDAR = "|".join((*calendar.month_name[1:], *calendar.day_name))
# A word measuring from, or contrasting with, the year right after it (and "in" between).
_CUE_BEFORE = re.compile(
    r"\b(?:since|until|till|unlike|than|compared\s+(?:with|to)|set\s+in|back\s+in|as\s+(?:early|long\s+ago)\s+as)"
    r"(?:\s+in)?\s+$", re.I)
# A name right before a bare year, mid-sentence ("running Windows 95, 98, 2000", "at Euro 2004").
_NAME_BEFORE = re.compile(rf"(?<=[a-z,;] )(?!(?:{_CALENDAR})\b)[A-Z][\w-]*\s+(?:\w+,\s+)*$")
# A bare year naming a thing right after it: "2004 Olympics", "2000 and 2004 Olympics", "2004's".
_NAME_AFTER = re.compile(rf"(?:\s+and\s+{_YEAR})?(?:\s+(?!(?:{_CALENDAR})\b)[A-Z]|['’]s\b)")
# A change measured against the year right after it: "up 5% on 2003", "fell from 2003's".
_CHANGE_BEFORE = re.compile(
    r"\b(?:up|down|rise|rises|rose|risen|fell|fall|falls|fallen|increase[ds]?|decrease[ds]?|drop(?:s|ped)?"
    r"|jump(?:s|ed)?|climb(?:s|ed)?|gain(?:s|ed)?)\b[^.;:]{0,30}?"
    r"\b(?:from|on|over|against)\s+$", re.I)
# A year's figure, named as something to compare with: "2003's total", "2004's record".
_FIGURE_AFTER = re.compile(r"['’]s\s+(?:figures?|levels?|totals?|records?|results?|high|low|peak|average|rate|tally)\b")
# A year describing a thing after a determiner: "the 2001 election", "his 2004 album".
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|his|her|its|their|our|my|your)\s+$|['’]s\s+$", re.I)
# The same, opening the sentence: the year describes its subject, whose event the sentence tells
# ("The 2001 election cost £80m.", "Labour's 2005 manifesto promised …").
_SUBJECT_BEFORE = re.compile(r"^\W*(?:(?:the|its|his|her|their|our|this|that)\s+|[A-Z][\w-]*['’]s\s+)$", re.I)
# … unless a name follows the noun: the year describes a person ("The 2002 champion Thomas
# Johansson fought back …", "The 2004 winner, Paul Cavanagh, went on …"), not the sentence's event.
_PERSON_AFTER = re.compile(r"\s+[a-z][\w-]*,?\s+[A-Z][\w'’-]+\s+[A-Z]")
_LOWER_NOUN_AFTER = re.compile(r"\s+[a-z]")
_DATING_THE = re.compile(r"\b(?:in|by|during|of|from|to|before|after|since|until)\s+(?:the|a|an|his|her|its|their)\s+$",
                         re.I)
_BARE_YEAR = re.compile(_YEAR)
# "in 2004 Microsoft sold …": after such a word the year dates the clause, whatever follows it.
_DATING_WORD = re.compile(r"\b(?:in|by|during|of|from|to|before|after)\s+$", re.I)


def is_mention(text: str, start: int, end: int, sentence_start: int = 0) -> bool:
    """True when the date ``text[start:end]`` (found in a sentence starting at
    ``sentence_start``) holds a year that is a contrast, a measure from, or part of a name."""
    phrase = text[start:end]
    if not re.search(r"(?:19|20)\d\d", phrase):
        return False
    before = text[sentence_start:start]
    if _CUE_BEFORE.search(before):
        return True
    if not _BARE_YEAR.fullmatch(phrase):
        return False
    if _NAME_BEFORE.search(before) or _CHANGE_BEFORE.search(before) or _FIGURE_AFTER.match(text, end):
        return True
    if (not phrase.endswith("s") and _DETERMINER_BEFORE.search(before) and not _DATING_THE.search(before)
            and not (_SUBJECT_BEFORE.match(before) and not _PERSON_AFTER.match(text, end))
            and _LOWER_NOUN_AFTER.match(text, end)):
        return True
    return not _DATING_WORD.search(before) and bool(_NAME_AFTER.match(text, end))
