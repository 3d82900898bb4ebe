"""Which customer already in the office a row of another program's file is about: the one rule for every import.

A row names its customer by the client id their previous program gave them (kept as the
customer's reference), else by their exact name together with a phone number or an email the
office has for them; a row that carries nothing but a name matches the one customer of that name.
Names are compared as written, ignoring case and extra spaces. Customer re-import and the import
of visit histories both ask :class:`CustomerIndex`.
"""

from __future__ import annotations

from servicedesk.core.store import database

SHARED = -1  # two customers answer to the same name: the row must say which


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


class CustomerIndex:
    """Every customer of the office by reference, by name with phone, by name with email and by name alone."""

    def __init__(self):
        self.by_ref: dict[str, int] = {}
        self.by_phone: dict[tuple[str, str], int] = {}
        self.by_email: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, int] = {}
        self.names: dict[int, str] = {}
        for cid, name, ref, phone, email in database.execute_sql(
                "SELECT id, name, reference, phone_e164, lower(email) FROM customer ORDER BY id").fetchall():
            key = name_key(name)
            self.names[cid] = name
            self.by_name[key] = SHARED if key in self.by_name else cid
            if ref:
                self.by_ref.setdefault(ref, cid)
            if phone:
                self.by_phone.setdefault((key, phone), cid)
            if email:
                self.by_email.setdefault((key, email), cid)
        for cid, phone in database.execute_sql(
                "SELECT c.customer_id, c.phone_e164 FROM contact c WHERE c.phone_e164 != ''").fetchall():
            self.by_phone.setdefault((name_key(self.names.get(cid, "")), phone), cid)

    def find(self, name: str, reference: str = "", phones=(), emails=()) -> int | None:
        """The customer the row is about; None when none is, ``SHARED`` when only a shared name was given."""
        if reference and reference in self.by_ref:
            return self.by_ref[reference]
        key = name_key(name)
        for phone in phones:
            if phone and (key, phone) in self.by_phone:
                return self.by_phone[(key, phone)]
        for email in emails:
            if email and (key, email.lower()) in self.by_email:
                return self.by_email[(key, email.lower())]
        if not reference and not any(phones) and not any(emails):
            return self.by_name.get(key)
        return None
