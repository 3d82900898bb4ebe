"""Plain words to customers: vague delay reasons and defensive phrasing, found wherever text goes out.

Both lists are the office's own (Edit > Preferences… > Plain words); these are what a new office
starts with. A defensive phrase is written ``phrase = plainer wording``; the suggestion is shown
with the phrase found.
"""

from __future__ import annotations

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


def _pattern(phrase: str) -> re.Pattern:
    words = [re.escape(w) for w in phrase.replace("’", "'").split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def defensive(text: str, phrases) -> list[Found]:
    """The defensive phrases in ``text``, each once, in the order they appear."""
    text = (text or "").replace("’", "'")
    hits = []
    for phrase, instead in parse_defensive(phrases):
        match = _pattern(phrase).search(text)
        if match:
            hits.append((match.start(), Found(match.group(0), instead)))
    return [found for _at, found in sorted(hits, key=lambda h: h[0])]


def describe(found: list[Found]) -> str:
    """“as previously stated” (say it again plainly…); “obviously” (leave it out…)"""
    return "; ".join(f"“{f.phrase}” ({f.instead})" for f in found)


def is_vague(reason: str, phrases) -> bool:
    """True when ``reason`` names no cause: nothing but the office's vague phrases and filler words,
    or fewer than two words that say what happened."""
    text = " " + " ".join((reason or "").lower().replace("’", "'").split()) + " "
    for phrase in sorted((" ".join(str(p).lower().split()) for p in phrases), key=len, reverse=True):
        if phrase:
            text = _pattern(phrase).sub(" ", text)
    words = [w for w in _WORD.findall(text) if w not in _FILLER and len(w) > 1]
    return len(words) < MIN_CAUSE_WORDS
