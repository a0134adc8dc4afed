"""Whether a question is written in another language than English: "Qui a gagné le prix ?".

Spelling correction reads every word against English and the archive's words, so a French,
German or Spanish question comes out as English nonsense ("Wer hat die Wahl gewonnen?" ->
"Were hat die Wall gewonnen?"). A question is read as another language when its function
words say so: the words every sentence of that language needs (question words, articles,
auxiliaries, prepositions) that English does not use, plus lowercase words spelt with letters
English does not write (é, ñ, ü, ß …). It is another language when at least two such words
outnumber the English function words (``index.tokenize.STOPWORDS``, single letters left out:
"a" and "i" are French and Italian words too). Words inside a name are not counted: a
capitalised word after the first, and a particle ("de", "van", "der", "la" …) before one
("Charles de Gaulle", "Ursula von der Leyen", "Las Vegas").

Beyond those five languages ("Kto wygrał wybory?", "Vem vann valet?"), a question the word
lists leave unsure is given to CLD2 (``pycld2``, Chromium's compact language detector: a C
library, ~5 µs a question) when it holds at most one English function word and two or more
words, half of them at least, that English rarely writes and the archive does not hold
("Yukos shares", "khodorkovsky yukos" are not given; a question of Chinese or Japanese, one
"word" without a Latin letter, is): it is another language when CLD2 reads it, reliably, as a
language other than English. A question the word lists read as foreign is named by CLD2 when it
is sure ("Wie heeft de verkiezingen gewonnen?" is Dutch, though its "wie", "de" are German and
French words too); CLD2's reading as one of the five listed languages stands only beside one of
that language's function words. Measured on 5,600 English questions (SQuAD, its typo set, the
BBC and follow-up sets), as typed and lower-cased: none read as foreign.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.tokenize import STOPWORDS, stem

# Function words by language, none of them an English function word. Words that English also
# writes as content words ("die", "hat", "son") count only beside others: two are needed.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "French": frozenset("""
        qui que quoi quel quelle quels quelles où le la de quand pourquoi comment combien est sont été était
        étaient sera ont avait avaient fait les des du une un au aux avec dans pour sur sous
        par chez il elle ils elles nous vous leur leurs ce cette ces mais ou et ne pas plus
        qu c l d j n s y à ça était selon aussi très
        """.split()),
    "German": frozenset("""
        wer wen wem wessen wann wo warum wieso weshalb wie welche welcher welches ist sind
        hat haben hatte hatten wurde wurden wird werden war waren der die das den dem des
        ein eine einen einem einer und nicht mit von für auf im zum zur über nach bei aus
        es sie er wir ihr sich auch noch schon gewonnen gesagt
        """.split()),
    "Spanish": frozenset("""
        quién quiénes qué cuándo dónde de por porqué cómo cuál cuáles cuánto cuántos el la los
        las del es son fue fueron ha han había un una unos unas y en con para se lo le les
        su sus pero más muy dijo ganó según también
        """.split()),
    "Italian": frozenset("""
        chi che cosa quando dove perché come quale quali quanto il lo gli la le del della
        dei delle è sono stato stata ha hanno era un una uno e di da con per su nel nella
        ma più anche detto vinto
        """.split()),
    "Portuguese": frozenset("""
        quem que quando onde porque como qual quais quanto o os as de do da dos das é são foi
        foram tem um uma e em no na nos nas com para por mas mais também disse ganhou
        não
        """.split()),
}
_OWN = {language: words - STOPWORDS for language, words in FUNCTION_WORDS.items()}
_ANY = frozenset().union(*_OWN.values())
# Words written inside names before a capitalised word ("de Gaulle", "von der Leyen", "Las Vegas").
PARTICLES = frozenset("de del della der den des di da das do dos du la las le les los van von el al ter ten y e".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH_LETTERS = re.compile(r"^[a-z'’]+$")
MIN_FOREIGN = 2
MAX_ENGLISH_FOR_CLD2 = 1  # an unsure question with more English function words than this is English
_CLD2_NAMES = {"ChineseT": "Chinese", "NORWEGIAN_N": "Norwegian"}  # CLD2's names for variants
_LATIN = re.compile(r"[a-z]")  # ASCII letters: "zürich" has them, "选举" has none
RARE_IN_ENGLISH = 3.0  # Zipf frequency: "valet" 3.2, "om" 3.6 are English enough; "vann" 2.6 is not
ANOTHER = "another language"  # what ``foreign_language`` names when no list above fits (Cyrillic, Greek …)


def foreign_language(question: str, known: Callable[[str], bool] | None = None) -> str | None:
    """The language ``question`` reads as when it is not English ("French", or ``ANOTHER``
    when its words are spelt in no list's language), else None. ``known(term)`` tells whether
    the archive holds a (stemmed) term: words it holds are no sign of another language
    ("khodorkovsky yukos" is no Tatar in an archive naming them)."""
    words = _counted_words(question)
    english = sum(1 for w in words if len(w) > 1 and w in STOPWORDS)
    foreign = [w for w in words if w in _ANY or not _ENGLISH_LETTERS.match(w)]
    if len(foreign) < MIN_FOREIGN or len(foreign) <= english:
        return identified(question) if english <= MAX_ENGLISH_FOR_CLD2 and _unknown(words, known) else None
    best = max(_OWN, key=lambda language: sum(1 for w in foreign if w in _OWN[language]))
    named = identified(question)
    if named and named != ANOTHER:
        return named
    return best if any(w in _OWN[best] for w in foreign) else ANOTHER


def _unknown(words: list[str], known: Callable[[str], bool] | None) -> bool:
    """True when two or more of ``words``, and half of them at least, are rare or unknown in
    English (a Zipf frequency under ``RARE_IN_ENGLISH``) and not ``known`` to the archive:
    "Yukos shares" is no Tatar."""
    from index.answering.word_rarity import english_frequencies

    frequencies = english_frequencies()
    unknown = [w for w in words
               if frequencies.get(w, 0.0) < RARE_IN_ENGLISH and not (known is not None and known(stem(w)))]
    if unknown and len(unknown) == len(words) and not any(_LATIN.search(w) for w in unknown):
        return True  # Chinese, Japanese, Thai …: one "word" may be the whole question
    return len(unknown) >= MIN_FOREIGN and 2 * len(unknown) >= len(words)


def identified(question: str) -> str | None:
    """The language CLD2 reliably reads ``question`` as ("Polish"), None when that is English,
    unknown or unsure."""
    import pycld2  # imported on the first question the word lists leave unsure

    try:
        reliable, _, found = pycld2.detect(question)
    except (pycld2.error, UnicodeError):  # text CLD2 cannot read (a lone surrogate)
        return None
    name, code = str(found[0][0]), str(found[0][1])
    if not reliable or code in ("en", "un"):
        return None
    if name.startswith("X_"):  # a script, not a language ("X_Braille")
        return ANOTHER
    language = _CLD2_NAMES.get(name, name.replace("_", " ").capitalize())
    if language in FUNCTION_WORDS and not FUNCTION_WORDS[language].intersection(_counted_words(question)):
        return ANOTHER  # none of that language's function words: "Vem vann valet?" is no Portuguese
    return language


def _counted_words(question: str) -> list[str]:
    """The question's words in lower case, leaving out those inside a name."""
    found = [m.group() for m in _WORD.finditer(question)]
    kept: list[str] = []
    for n, word in enumerate(found):
        if n and word[:1].isupper():
            continue  # a name (or a word of one)
        if word.lower() in PARTICLES and _before_name(found, n):
            continue
        kept.append(word.lower().split("'")[-1].split("’")[-1] if _elided(word) else word.lower())
    return kept


def _before_name(words: list[str], n: int) -> bool:
    """True when the particle ``words[n]`` leads a name: the next word that is not a particle
    is capitalised ("de Gaulle", "von der Leyen"); a capitalised first word ("Las Vegas",
    "Le Pen") also leads one."""
    rest = words[n + 1:]
    following = next((w for w in rest if w.lower() not in PARTICLES), None)
    return following is not None and following[:1].isupper()


def _elided(word: str) -> bool:
    """True for a French elision ("l'élection", "qu'il"): the word after the apostrophe counts."""
    head = re.split(r"['’]", word)[0].lower()
    return head in {"l", "d", "qu", "c", "j", "n", "s"} and len(word) > len(head) + 1


def not_english_note(language: str) -> str:
    """What an unanswered question in another language is told."""
    return (f"No passage answers that. Questions are read in English, and this one reads as {language}: "
            "it was searched as written, without spelling correction. Try asking it in English.")
