"""Who is working on this PC: named on every record they change, so another PC can say who changed it."""

from __future__ import annotations

import getpass
import socket

_person: str = ""


def set_person(name: str | None) -> None:
    """The person at this PC's desk (the window sets it); empty: the computer's user name is used."""
    global _person
    _person = (name or "").strip()


def computer() -> str:
    return socket.gethostname().split(".")[0] or "this PC"


def who() -> str:
    """``"Maria Keller on FRONT-DESK"``: the person at the desk (or the login name) and the PC."""
    try:
        person = _person or getpass.getuser()
    except Exception:  # no login name on some service accounts
        person = _person or "someone"
    return f"{person} on {computer()}"
