"""Text messages at SMS length: one message of 160 GSM characters, or 70 when it needs other characters.

Typographic quotes and dashes become their plain forms first, so that an ordinary text stays
in the GSM alphabet (and in one message); what still does not fit is cut at a word.
"""

from __future__ import annotations

GSM = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
          "abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXTENDED = set("^{}\\[~]|€")  # two characters' room each
PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
                       "\u00a0": " ", "\u202f": " "})
GSM_LIMIT, UNICODE_LIMIT = 160, 70


def plain(text: str) -> str:
    return " ".join(text.translate(PLAIN).split())


def length(text: str) -> tuple[int, int]:
    """(room used, room in one message) for ``text``."""
    if all(ch in GSM or ch in GSM_EXTENDED for ch in text):
        return len(text) + sum(ch in GSM_EXTENDED for ch in text), GSM_LIMIT
    return len(text.encode("utf-16-le")) // 2, UNICODE_LIMIT


def fit(text: str) -> str:
    """``text`` in plain form, cut at a word (ending in "...") when it would not fit one message."""
    text = plain(text)
    used, room = length(text)
    if used <= room:
        return text
    words, out = text.split(" "), ""
    for word in words:
        candidate = f"{out} {word}".strip()
        if length(candidate + "...")[0] > room:
            break
        out = candidate
    return (out or text[:room - 3]).rstrip(",;:") + "..."
