"""Plain words to customers: vague delay reasons and defensive phrasing, found wherever text goes out.

Both lists are the office's own (Edit > Preferences… > Plain words); these are what a new office
starts with. A defensive phrase is written ``phrase = plainer wording``; the suggestion is shown
with the phrase found.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

VAGUE_REASONS = (
    "unforeseen circumstances", "circumstances beyond our control", "unexpected issues", "various reasons",
    "some issues", "issues", "problems", "delays", "delay", "delayed", "scheduling", "schedule conflict",
    "tbd", "tba", "to be determined", "to be confirmed", "n/a", "unknown", "other", "see above",
    "as soon as possible", "asap", "soon", "running behind", "behind schedule",
)

DEFENSIVE_PHRASES = (
    "as previously stated = say it again plainly, without pointing back to what was said before",
    "as i said = say it again plainly",
    "as we said = say it again plainly",
    "as we explained = say it again plainly",
    "per my last = say it again plainly",
    "you need to understand = here is what is happening",
    "you have to understand = here is what is happening",
    "you must understand = here is what is happening",
    "obviously = leave it out and say the thing itself",
    "clearly = leave it out and say the thing itself",
    "as you should know = leave it out and explain it",
    "that's just how construction works = explain what this step needs and why it takes that long",
    "that is just how construction works = explain what this step needs and why it takes that long",
    "that's just how it is = say what you can do about it",
    "it is what it is = say what you can do about it",
    "with all due respect = leave it out",
    "not our fault = say what happened and what you are doing about it",
    "not our problem = say what you can do, or who can help",
    "we cannot be held responsible = say what you will do about it",
    "you should have = say what happens next",
    "calm down = thank them for telling you and say what you will do",
    "frankly = leave it out",
)

# words that carry no cause: a reason needs at least two words beyond these and the vague phrases
_FILLER = frozenset("""a an the of to for in on at by and or but so due because be been being is are was were
will would can could may might has have had do does did it its this that these those there here we our us you
your they their them some any more further additional still yet again also just very still due""".split())
# words that say nothing of what happened, whatever the office's list holds: "Things took longer than
# expected", "Some problems came up", "We are running a little late", "As discussed on the phone"
EMPTY_WORDS = frozenset("""as so such things thing stuff something anything everything lot lots little bit bits
took take takes taking longer long than expected expect unexpected anticipated came come comes coming up went go
going got get gets happen happened happens occurred arose wrong run running ran late later lately behind slow
slower slightly somewhat time times while discussed mentioned said told agreed spoke talked call called phone
phoned email emailed per earlier before previously usual normal hope hopefully soon sorry apologies unfortunately
problem problems issue issues matter matters difficulties complications challenges""".split())
MIN_CAUSE_WORDS = 2
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@dataclass(frozen=True)
class Found:
    phrase: str
    instead: str


def parse_defensive(lines) -> tuple[tuple[str, str], ...]:
    """``phrase = suggestion`` lines as (phrase, suggestion) pairs (a line without ``=`` suggests
    leaving the phrase out)."""
    out = []
    for line in lines:
        phrase, _sep, instead = str(line).partition("=")
        phrase = " ".join(phrase.split()).lower()
        if phrase:
            out.append((phrase, " ".join(instead.split()) or "leave it out"))
    return tuple(dict(out).items())


def _words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.replace("’", "'").split())


@functools.lru_cache(maxsize=1024)
def _pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + _words(phrase) + r"(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=16)
def _defensive_list(phrases: tuple) -> tuple[re.Pattern | None, tuple[tuple[str, str], ...]]:
    """The phrases parsed, and one pattern finding any of them (None when there are none)."""
    pairs = parse_defensive(phrases)
    alternatives = "|".join(_words(phrase) for phrase, _instead in pairs)
    return (re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE) if pairs else None), pairs


def defensive(text: str, phrases) -> list[Found]:
    """The defensive phrases in ``text``, each once, in the order they appear."""
    text = (text or "").replace("’", "'")
    any_of, pairs = _defensive_list(tuple(str(p) for p in phrases))
    if any_of is None or not any_of.search(text):  # most text holds none: one search instead of one per phrase
        return []
    hits = []
    for phrase, instead in pairs:
        match = _pattern(phrase).search(text)
        if match:
            hits.append((match.start(), Found(match.group(0), instead)))
    return [found for _at, found in sorted(hits, key=lambda h: h[0])]


def describe(found: list[Found]) -> str:
    """“as previously stated” (say it again plainly…); “obviously” (leave it out…)"""
    return "; ".join(f"“{f.phrase}” ({f.instead})" for f in found)


def is_vague(reason: str, phrases) -> bool:
    """True when ``reason`` names no cause: fewer than two words that say what happened, once the
    office's vague phrases, filler words and words that never name a cause (``EMPTY_WORDS``) are set aside."""
    text = " " + " ".join((reason or "").lower().replace("’", "'").split()) + " "
    for phrase in sorted((" ".join(str(p).lower().split()) for p in phrases), key=len, reverse=True):
        if phrase:
            text = _pattern(phrase).sub(" ", text)
    words = [w for w in _WORD.findall(text) if w not in _FILLER and w not in EMPTY_WORDS and len(w) > 1]
    return len(words) < MIN_CAUSE_WORDS
