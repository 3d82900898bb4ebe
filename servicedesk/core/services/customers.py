"""Customers: find anyone in a keystroke, read the person, save changes without losing anyone's edits."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field

from peewee import Case, fn

from servicedesk.core import clock, events, formatting, session
from servicedesk.core.errors import NotFound, ValidationError
from servicedesk.core.services import conflicts
from servicedesk.core.services import office as office_service
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.db import execute_many
from servicedesk.core.store.models import (
    CHANNELS,
    CUSTOMER_STATUSES,
    GOAL_KINDS,
    WHAT_MATTERS_KINDS,
    Contact,
    Customer,
    CustomerGoal,
    Site,
    Staff,
    WhatMatters,
)
from servicedesk.core.validation import check_country, check_email, clean_tags, clean_text, digits, parse_phone

# ------------------------------------------------------------------ list and search

SORT_COLUMNS = {
    "name": "c.sort_name",
    "next_visit": "c.next_visit_at",
    "technician": "t.name",
    "last_contact": "c.last_contact_at",
    "open_concerns": "c.open_concerns",
    "health": "c.health_score",
    "phone": "c.phone",
    "street": "c.street",
    "city": "c.city",
}


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    company: str
    next_visit_at: dt.datetime | None
    technician: str
    last_contact_at: dt.datetime | None
    open_concerns: int
    health_score: int
    status: str
    phone: str = ""  # to tell namesakes apart: "68 Smiths" differ by number, street and town
    street: str = ""
    city: str = ""


def _search_terms(text: str) -> tuple[str | None, list[str], list[str]]:
    """What was typed: the digits of a phone number (or None), the words of three letters or more, shorter words."""
    text = clean_text(text).strip()
    compact = "".join(ch for ch in text if ch not in " -()+./")
    if len(compact) >= 3 and compact.isdigit():
        # a phone number, or digits in a name, a street number, a note ("100% ..."): both are found
        return compact, [], []
    words, short = [], []
    for word in text.split():
        (words if len(word) >= 3 else short).append(word)
    return None, words, short


NULLABLE_SORTS = ("next_visit", "last_contact", "technician")


FEW_WITHOUT = 2_000  # a sort's first screenful finds the customers without a value by the column's index below this
BROAD = 2_000  # a search matching at least this many customers may find its first screenful by walking the list
WALK = 1_500  # ... among this many names
DENSE = 100  # a search matching this many of those names is walked in the list's order on a server too
GLANCE = 5  # on a server, a walk is tried where the first fifth of those names holds a fifth of DENSE matches


def search_ids(text: str = "", sort: str = "name", descending: bool = False, limit: int | None = None) -> list[int]:
    """Ids of the customers matching ``text`` (name, company, phone, email, street, notes), sorted in SQL.

    With ``limit``, only the first ``limit`` of them: for a broad search (a phone prefix every
    number shares) each customer's row is tested in the list's order until the screen is full.

    The orderings are written so that SQLite walks an index instead of sorting 100,000 rows:
    the customers without a value (no next visit, say) come from a second query rather than
    from ``NULLS LAST``, which no index can serve.
    """
    order = SORT_COLUMNS.get(sort, "c.sort_name")
    direction = "DESC" if descending else "ASC"
    phone, words, short = _search_terms(text)
    match = bool(phone or words)
    sql_dialect = dialect.current()
    sql = "SELECT c.id FROM customer c"
    params: list = []
    if sort == "technician":
        sql += " LEFT JOIN staff t ON t.id = c.technician_id"
    where = []
    if limit is not None and sort == "name":
        first = _first_by_initial(phone, words, short, direction, limit)
        if first is None:
            first = _first_by_walking(phone, words, short, text, direction, limit)
        if first is not None:
            return first
    # On a server, a screenful of a search's matches by name is asked for as "collect the matches, then sort":
    # its planner would walk the whole name index in order looking for matches that sit together (a surname).
    # Only where words and one-letter words meet and the words alone match much of the list's start (“oak s”) is
    # the walk sooner; a two-letter word narrows the matches from an index of its own (“oak st”).
    collect = sql_dialect.collects_matches and limit is not None and sort == "name" and not phone
    if collect and words and (not short or sql_dialect.indexes_short(short)):
        first = sql_dialect.first_matches(words, short, direction, limit)
        return [record_id for (record_id,) in database.execute_sql(*first)]
    walk = None  # the words tested on each row as the list is walked
    if collect and words and short:
        scan = sql_dialect.search_scan(None, words)
        collect = not _dense(*scan, direction, GLANCE)
        walk = None if collect else scan
    if walk is not None:
        where.append(walk[0])
        params += walk[1]
    elif match:
        found, found_params = sql_dialect.search_condition(phone, words, short)
        params += found_params
        if phone:
            # The customer's own numbers are in the index; their contacts' (few) are scanned.
            contacts, contact_params = _contact_phone(text)
            where.append(f"(c.id IN ({found}) OR {contacts})")
            params += contact_params
        else:
            where.append(sql_dialect.among("c.id", found) if collect else f"c.id IN ({found})")
    if not match and len(short) == 1:
        # One or two typed letters: the names (given or surname) that start with them, straight from the name index
        # (a substring scan of every name and company took 90-170 ms at 100,000 customers).
        prefix, prefix_params = sql_dialect.name_prefix(short.pop().casefold())
        where.append(prefix)
        params += prefix_params
    for word in short:
        in_names, in_names_params = sql_dialect.in_names(word)
        where.append(in_names)
        params += in_names_params
    # Ties go by name when the list is filtered (small); the whole list ties by id, straight from the index.
    tie = f"c.sort_name {direction}, c.id {direction}" if where or sort == "name" else f"c.id {direction}"
    if sort == "name":
        name = sql_dialect.sorted_after("c.sort_name") if collect and where else "c.sort_name"
        parts = [(where, f"{name} {direction}, c.id {direction}")]
    elif sort in NULLABLE_SORTS:
        # "+" keeps SQLite from reaching for the column's index here, so it walks the name index instead;
        # where few customers lack a value (everyone has been contacted), the column's index finds those few
        # sooner than walking every name. A customer without a technician is found through the technician
        # index (a removed technician's customers have none: the key is cleared).
        if sort == "technician":
            missing = "c.technician_id IS NULL"
        elif limit is not None and not where and _few_without(order):
            missing = f"{order} IS NULL"
        else:
            missing = f"{sql_dialect.no_index(order)} IS NULL"
        has, lacks = where + [f"{order} IS NOT NULL"], where + [missing]
        valued = (has, f"{order} {direction}, {tie}")
        empty = (lacks, f"c.sort_name {direction}, c.id {direction}")
        parts = [empty, valued] if descending else [valued, empty]
    else:
        parts = [(where, f"{order} {direction}, {tie}")]
    if sort in NULLABLE_SORTS and sort != "technician" and not where and limit is None:
        # The whole list: those without a value are everyone by name (a covering index) minus those with one.
        valued_ids = _ids(sql, parts[1 if descending else 0], params)
        valued_set = set(valued_ids)
        by_name = _ids("SELECT c.id FROM customer c", ([], f"c.sort_name {direction}, c.id {direction}"), [])
        empty_ids = [i for i in by_name if i not in valued_set]
        ids = empty_ids + valued_ids if descending else valued_ids + empty_ids
        return ids if limit is None else ids[:limit]
    ids: list[int] = []
    for part in parts:
        ids += _ids(sql, part, params, None if limit is None else limit - len(ids))
        if limit is not None and len(ids) >= limit:
            break
    return ids


def _contact_phone(text: str) -> tuple[str, list]:
    pattern = "%" + digits(text) + "%"
    return (f"c.id IN (SELECT customer_id FROM contact WHERE {_sql_digits('phone')} LIKE ?"
            f" OR {_sql_digits('phone_e164')} LIKE ?)", [pattern, pattern])


def _first_by_initial(phone, words, short, direction: str, limit: int) -> list[int] | None:
    """For one typed letter, the first ``limit`` customers by name where indexes of first letters give them
    (None elsewhere)."""
    if phone or words or len(short) != 1:
        return None
    first = dialect.current().first_by_initial(short[0].casefold(), direction, limit)
    return None if first is None else [row[0] for row in database.execute_sql(*first).fetchall()]


def _first_by_walking(phone, words, short, text: str, direction: str, limit: int) -> list[int] | None:
    """For a search much of the office matches, its first ``limit`` customers by name, found by testing
    the first ``WALK`` names in turn; None when the search is narrow or they hold fewer (then the
    matches are collected and sorted as usual).

    On a server the walk is tried without counting first (but for a phone number), where a glance at
    the list's first names finds the matches dense there: a glance costs under a millisecond where
    counting a broad search's matches costs several, and a walk that falls short three."""
    d = dialect.current()
    count = not d.collects_matches or phone
    if phone or (words and not short):
        if count and not _broad(*d.search_condition(phone, words)):
            return None
        test, params = d.search_scan(phone, words)
        if phone:
            contacts, contact_params = _contact_phone(text)
            test, params = f"({test} OR {contacts})", params + contact_params
    elif len(short) == 1 and not words:
        start = short[0].casefold()
        prefix, prefix_params = d.name_prefix(start)
        if count and not _broad(f"SELECT c.id FROM customer c WHERE {prefix}", prefix_params):
            return None
        test, params = d.name_prefix(start, walk=True)
    else:
        return None
    if not count and not _dense(test, params, direction, GLANCE):
        return None  # few matches at the list's start: collecting them all is sooner than a walk that falls short
    bound = _walk_bound(direction)
    if bound is None:
        return None  # a small office: its matches are few
    sql = (f"SELECT c.id FROM customer c WHERE c.sort_name {'>=' if direction == 'DESC' else '<='} ? AND {test}"
           f" ORDER BY c.sort_name {direction}, c.id {direction} LIMIT {int(limit)}")
    params = [bound, *params]
    ids = [row[0] for row in database.execute_sql(sql, params).fetchall()]
    return ids if len(ids) >= limit else None


def _dense(test: str, params: list, direction: str, part: int = 1) -> bool:
    """Whether ``test`` holds for at least ``DENSE`` of the list's first ``WALK`` names (an office that has
    fewer: no): then walking the list in order finds its matches sooner than collecting them all.

    ``part``: a glance at the first ``WALK // part`` names, for ``DENSE // part`` matches."""
    names, dense = WALK // part, max(DENSE // part, 1)
    bound = _walk_bound(direction, names)
    if bound is None:
        return False
    found = f"SELECT c.id FROM customer c WHERE c.sort_name {'>=' if direction == 'DESC' else '<='} ? AND {test}"
    return _at_least(found, [bound, *params], dense)


def _walk_bound(direction: str, names: int | None = None) -> str | None:
    """The ``WALK``-th (or ``names``-th) name in the list's order (None in a smaller office).

    The names alone are read (the ties' order by id changes no name): a server reads them from the name
    index without looking up each row."""
    row = database.execute_sql(f"SELECT sort_name FROM customer ORDER BY sort_name {direction}"
                               f" LIMIT 1 OFFSET {(names or WALK) - 1}").fetchone()
    return None if row is None else row[0]


def _broad(found: str, params: list) -> bool:
    """Whether at least ``BROAD`` customers match (counting stops there): then the list's first screenful is
    found sooner by testing each row in the list's order than by collecting every match and sorting."""
    return _at_least(found, params, BROAD)


def _few_without(column: str) -> bool:
    """Whether fewer than ``FEW_WITHOUT`` customers have no value in ``column`` (counted through its index)."""
    return not _at_least(f"SELECT 1 FROM customer c WHERE {column} IS NULL", [], FEW_WITHOUT)


def _at_least(found: str, params: list, n: int) -> bool:
    """Whether ``found`` (a query) selects at least ``n`` rows; counting stops there."""
    sql = f"SELECT COUNT(*) FROM ({found} LIMIT {int(n)}) AS counted"
    return database.execute_sql(sql, params).fetchone()[0] >= n


def _ids(sql: str, part: tuple[list[str], str], params: list, limit: int | None = None) -> list[int]:
    conditions, ordering = part
    query = sql + (" WHERE " + " AND ".join(conditions) if conditions else "") + f" ORDER BY {ordering}"
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    return dialect.current().ordered_ids(database, query, params)


def _sql_digits(column: str) -> str:
    for ch in (" ", "-", "(", ")", "+", ".", "/"):
        column = f"replace({column}, '{ch}', '')"
    return column


def rows(ids: list[int]) -> list[CustomerRow]:
    """The list's rows for ``ids``, in the same order."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = (
        "SELECT c.id, c.name, c.company, c.next_visit_at, COALESCE(t.name, ''), c.last_contact_at,"
        " c.open_concerns, c.health_score, c.status, c.phone, c.street, c.city"
        f" FROM customer c LEFT JOIN staff t ON t.id = c.technician_id WHERE c.id IN ({marks})"
    )
    found = {}
    for r in database.execute_sql(sql, ids).fetchall():
        found[r[0]] = CustomerRow(
            r[0], r[1], r[2], _as_dt(r[3]), r[4], _as_dt(r[5]), r[6], r[7], r[8], r[9], r[10], r[11]
        )
    return [found[i] for i in ids if i in found]


def _as_dt(value):
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value)


def count() -> int:
    return Customer.select().count()


# ------------------------------------------------------------------ the profile

@dataclass(frozen=True)
class WhatMattersItem:
    id: int
    kind: str
    words: str
    recorded_at: dt.datetime
    technician_id: int | None = None
    technician: str = ""


@dataclass(frozen=True)
class SiteInfo:
    id: int
    label: str
    street: str
    city: str
    postcode: str
    access_notes: str
    street2: str = ""
    state: str = ""
    country: str = ""


@dataclass(frozen=True)
class ContactInfo:
    id: int
    name: str
    role: str
    phone: str
    email: str
    is_primary: bool


@dataclass(frozen=True)
class GoalItem:
    id: int
    kind: str
    text: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    company: str
    salutation: str
    status: str
    cancel_reason: str
    customer_since: dt.date | None
    trade: str
    preferred_channel: str
    best_time: str
    phone: str
    phone_e164: str
    email: str
    street: str
    city: str
    postcode: str
    notes: str
    technician_id: int | None
    technician: str
    fit_check: dict
    fit_note: str
    version: int
    sites: tuple[SiteInfo, ...] = field(default_factory=tuple)
    what_matters: tuple[WhatMattersItem, ...] = field(default_factory=tuple)
    goals: tuple[GoalItem, ...] = field(default_factory=tuple)
    contacts: tuple[ContactInfo, ...] = field(default_factory=tuple)
    contact_rhythm_days: int | None = None
    created_at: dt.datetime | None = None
    health_score: int = 100
    street2: str = ""
    state: str = ""  # state, province, county or region
    country: str = ""  # ISO 3166 code; empty: the office's own
    reference: str = ""  # the id their previous program gave them
    tags: str = ""
    visit_reminders: bool = True  # reminders before each visit, when the office sends them
    sms_address: str = ""  # an email-to-SMS gateway address for texts

    @property
    def letter_salutation(self) -> str:
        """Their own salutation; else a business or a place greets its primary contact by name, a person their name."""
        if self.salutation:
            return self.salutation
        if _organisation(self.name):
            primary = next((c for c in self.contacts if c.is_primary and c.name.strip()), None)
            if primary is not None and not _organisation(primary.name):
                return default_salutation(primary.name)
        return default_salutation(self.name)


TITLES = frozenset("mr mrs ms miss mx dr prof rev sir dame".split())
_JOINS = ("&", "and", "+")
# A name ending in one of these is a business's: "Acme Pools, Inc.", "Finch's Gifts Ltd".
LEGAL_FORMS = frozenset("inc incorporated llc ltd limited corp corporation co plc llp lp gmbh pty".split())


# A name with one of these words is a group's, not a person's: "Riverside Residents' Association".
GROUP_WORDS = frozenset("association club council trust school society committee hoa strata condominium"
                        " condominiums apartments hotel restaurant company services group partners management"
                        " properties".split())


def _organisation(name: str) -> bool:
    """A company, a trust, a home: no first name to greet ("The Willows Care Home", "Acme Pools, Inc.")."""
    words = name.split()
    bare = {w.strip(".,;:()'’\"").lower() for w in words}
    return len(words) > 1 and (words[0].lower() == "the" or words[-1].strip(".,").lower() in LEGAL_FORMS
                               or bool(bare & GROUP_WORDS))


def _surname_first(before: str, after: str) -> bool:
    """Whether "before, after" is "Surname, Given names" ("Smith, John and Mary", "van der Berg, Anna"), not a
    comma inside a longer name ("Riverside Association (north side, behind the cannery)")."""
    return bool(after.strip()) and 0 < len(before.split()) <= 3 and not any(c in before for c in "()0123456789")


def default_salutation(name: str) -> str:
    """How a letter greets a customer with no salutation of their own: "Dear Ana" for "Ana Ruiz";
    the title and surname for "Dr. Ana Ruiz" or "Mr & Mrs Okonkwo"; the given names for
    "Smith, John and Mary"; "Dear customer" when nothing is left to greet, or the customer is a
    business ("Acme Pools, Inc.") or a place ("The Willows Care Home")."""
    if _organisation(name or ""):
        return "Dear customer"
    surname_first, _comma, given = (name or "").partition(",")
    if not _surname_first(surname_first, given):
        surname_first, given = name or "", ""
    words = (given if given.strip() else surname_first).split()
    titles: list[str] = []
    while words and (words[0].rstrip(".").lower() in TITLES or (titles and words[0].lower() in _JOINS)):
        titles.append(words.pop(0))
    while titles and titles[-1].lower() in _JOINS:
        words.insert(0, titles.pop())
    surname = surname_first.split()[-1] if given.strip() and surname_first.split() else (words[-1] if words else "")
    if titles:
        return f"Dear {' '.join(titles)} {surname.strip(',')}" if surname.strip(",") else "Dear customer"
    greeted = " ".join(words) if given.strip() else (words[0] if words else "")
    greeted = greeted.strip(",")
    return f"Dear {greeted}" if greeted else "Dear customer"


_PROFILE_COLUMNS = (
    "id", "name", "company", "salutation", "status", "cancel_reason", "customer_since", "trade",
    "preferred_channel", "best_time", "phone", "phone_e164", "email", "street", "city", "postcode", "notes",
    "technician_id", "fit_check", "fit_note", "version", "contact_rhythm_days", "created_at", "health_score",
    "street2", "state", "country", "reference", "tags",
    "visit_reminders", "sms_address",
)


def _as_date(value):
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _lists_sql(rows) -> str:
    """The customer's (``c``) sites, goals, contacts and what matters to them, each as a JSON column."""
    return ", ".join((
        rows("id, label, street, city, postcode, access_notes, street2, state, country",
             "FROM site WHERE customer_id = c.id", "id"),
        rows("id, kind, text, recorded_at", "FROM customer_goal WHERE customer_id = c.id", "id"),
        rows("id, name, role, phone, email, is_primary", "FROM contact WHERE customer_id = c.id", "id"),
        rows("w.id, w.kind, w.words, w.recorded_at, w.technician_id, COALESCE(t.name, '')",
             "FROM what_matters w LEFT JOIN staff t ON t.id = w.technician_id WHERE w.customer_id = c.id AND w.active",
             "w.recorded_at, w.id"),
    ))


def profile_sql(more: str = "") -> str:
    """The statement that reads a whole person (one ``?``: the customer's id); ``more``: further columns after
    theirs, which may use the customer as ``c`` (their values follow the person's in the row)."""
    return _profile_sql(dialect.current(), more)


@functools.lru_cache(maxsize=16)
def _profile_sql(engine, more: str, where: str = "c.id = ?") -> str:
    return (f"SELECT {', '.join('c.' + col for col in _PROFILE_COLUMNS)}, COALESCE(s.name, ''),"
            f" {_lists_sql(engine.json_rows)}{', ' + more if more else ''}"
            f" FROM customer c LEFT JOIN staff s ON s.id = c.technician_id WHERE {where}")


PERSON_COLUMNS = len(_PROFILE_COLUMNS) + 5  # how many columns of a row of profile_sql() are the person


def json_list(value) -> list:
    """A JSON column of ``profile_sql`` (or any ``json_rows``) as Python lists."""
    return json.loads(value) if value and value != "[]" else []  # most lists of most people are empty


_CONVERTED = ("customer_since", "fit_check", "created_at", "visit_reminders")
_AS_THEY_ARE = tuple((k, i) for i, k in enumerate(_PROFILE_COLUMNS) if k not in _CONVERTED)
_AT = {k: i for i, k in enumerate(_PROFILE_COLUMNS)}


def profile_from(row) -> Profile:
    """The person in a row of ``profile_sql()``."""
    at = _AT
    sites, goals, contacts, matters = (json_list(v) for v in row[len(_PROFILE_COLUMNS) + 1:PERSON_COLUMNS])
    fit_check = row[at["fit_check"]]
    return Profile(
        **{k: row[i] for k, i in _AS_THEY_ARE},
        visit_reminders=bool(row[at["visit_reminders"]]),
        customer_since=_as_date(row[at["customer_since"]]),
        technician=row[len(_PROFILE_COLUMNS)],
        fit_check=json.loads(fit_check) if fit_check else {},
        created_at=_as_dt(row[at["created_at"]]),
        sites=tuple(SiteInfo(*r) for r in sites),
        what_matters=tuple(WhatMattersItem(r[0], r[1], r[2], _as_dt(r[3]), r[4], r[5]) for r in matters),
        goals=tuple(GoalItem(r[0], r[1], r[2], _as_dt(r[3])) for r in goals),
        contacts=tuple(ContactInfo(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in contacts),
    )


def get(customer_id: int) -> Profile:
    """The whole person for the profile, their lists too, in one statement (opening a profile is hot)."""
    row = database.execute_sql(profile_sql(), (customer_id,)).fetchone()
    if row is None:
        raise NotFound(f"Customer {customer_id} no longer exists.")
    return profile_from(row)


def get_many(customer_ids) -> dict[int, Profile]:
    """Several whole persons in one statement, by id (those that no longer exist are left out)."""
    ids = sorted({int(i) for i in customer_ids})
    if not ids:
        return {}
    d = dialect.current()
    where, params = d.one_of("c.id", ids)
    return {p.id: p for p in map(profile_from, database.execute_sql(_profile_sql(d, "", where), params).fetchall())}


def what_matters(customer_id: int) -> tuple[WhatMattersItem, ...]:
    """What this customer told us matters to them, for the banner wherever they appear."""
    rows = database.execute_sql(
        "SELECT w.id, w.kind, w.words, w.recorded_at, w.technician_id, COALESCE(s.name, '')"
        " FROM what_matters w LEFT JOIN staff s ON s.id = w.technician_id"
        " WHERE w.customer_id = ? AND w.active ORDER BY w.recorded_at, w.id",
        (customer_id,),
    ).fetchall()
    return tuple(WhatMattersItem(r[0], r[1], r[2], _as_dt(r[3]), r[4], r[5]) for r in rows)


GOAL_WORDS = {"goal": "Goal", "challenge": "Challenge", "expect_when": "Agreed: when",
              "expect_includes": "Agreed: includes", "expect_excludes": "Agreed: not included"}


@dataclass(frozen=True)
class Glance:
    """What matters to a customer, their goals and what was agreed: beside every concern handled."""

    matters: tuple[WhatMattersItem, ...]
    goals: tuple[GoalItem, ...]  # agreed expectations first, then goals and challenges

    def agreed_line(self) -> str:
        return "; ".join(f"{GOAL_WORDS.get(g.kind, g.kind)}: {g.text}".replace("Agreed: when:", "Agreed, when:")
                         for g in self.goals)


def glance(customer_ids) -> dict[int, Glance]:
    """What matters, goals and agreed expectations of several customers, in two queries."""
    ids = sorted({int(i) for i in customer_ids if i})
    matters: dict[int, list] = {i: [] for i in ids}
    goals: dict[int, list] = {i: [] for i in ids}
    order = {"expect_when": 0, "expect_includes": 1, "expect_excludes": 2, "goal": 3, "challenge": 4}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for r in database.execute_sql(
                "SELECT w.customer_id, w.id, w.kind, w.words, w.recorded_at, w.technician_id, COALESCE(s.name, '')"
                f" FROM what_matters w LEFT JOIN staff s ON s.id = w.technician_id WHERE w.customer_id IN ({marks})"
                " AND w.active ORDER BY w.recorded_at, w.id", chunk).fetchall():
            matters[r[0]].append(WhatMattersItem(r[1], r[2], r[3], _as_dt(r[4]), r[5], r[6]))
        for r in database.execute_sql(
                f"SELECT customer_id, id, kind, text, recorded_at FROM customer_goal WHERE customer_id IN ({marks})"
                " ORDER BY id", chunk).fetchall():
            goals[r[0]].append(GoalItem(r[1], r[2], r[3], _as_dt(r[4])))
    return {i: Glance(tuple(matters[i]), tuple(sorted(goals[i], key=lambda g: order.get(g.kind, 9))))
            for i in ids}


# ------------------------------------------------------------------ saving

EDITABLE = (
    "name", "company", "salutation", "status", "cancel_reason", "customer_since", "trade",
    "preferred_channel", "best_time", "phone", "email", "street", "street2", "city", "state", "postcode",
    "country", "notes", "technician_id", "contact_rhythm_days", "fit_note", "reference", "tags", "visit_reminders",
    "sms_address",
)
ADDRESS_FIELDS = ("street", "street2", "city", "state", "postcode", "country")


@dataclass(frozen=True)
class SaveResult:
    id: int
    version: int
    warnings: tuple[str, ...] = ()


def sort_name(name: str) -> str:
    parts = name.split()
    if len(parts) > 1:
        return f"{parts[-1]}, {' '.join(parts[:-1])}".casefold()
    return name.casefold()


def _validated(values: dict, region: str | None = None) -> tuple[dict, list[str]]:
    unknown = set(values) - set(EDITABLE) - {"fit_check"}
    if unknown:
        raise ValueError(f"unknown customer fields: {sorted(unknown)}")
    out: dict = {}
    problems: dict[str, str] = {}
    warnings: list[str] = []
    for key, value in values.items():
        if isinstance(value, str):
            value = clean_text(value)
        out[key] = value
    if "name" in out:
        out["name"] = out["name"].strip()
        if not out["name"]:
            problems["name"] = "The customer's name is required."
        else:
            out["sort_name"] = sort_name(out["name"])
    if "status" in out and out["status"] not in CUSTOMER_STATUSES:
        problems["status"] = f"Status must be one of: {', '.join(CUSTOMER_STATUSES)}."
    if out.get("status") == "cancelled" and not str(out.get("cancel_reason", "")).strip():
        problems["cancel_reason"] = "Please record why the customer cancelled."
    if "preferred_channel" in out and out["preferred_channel"] not in CHANNELS:
        problems["preferred_channel"] = f"Preferred channel must be one of: {', '.join(CHANNELS)}."
    if "phone" in out:
        phone = parse_phone(out["phone"], region or office_service.get().region)
        out["phone"], out["phone_e164"] = phone.typed, phone.e164
        if phone.warning:
            warnings.append(phone.warning)
    if "email" in out:
        out["email"], problem = check_email(out["email"])
        if problem:
            problems["email"] = problem
    if "reference" in out:
        out["reference"] = str(out["reference"] or "").strip()
    if "country" in out:
        out["country"], problem = check_country(out["country"])
        if problem:
            problems["country"] = problem
    if "tags" in out:
        out["tags"] = clean_tags(out["tags"])
    if out.get("sms_address"):
        out["sms_address"], problem = check_email(out["sms_address"])
        if problem:
            problems["sms_address"] = f"The text gateway address: {problem}"
    if "visit_reminders" in out:
        out["visit_reminders"] = out["visit_reminders"] not in (False, 0, "0", "no", "false", None)
    if "customer_since" in out and isinstance(out["customer_since"], str):
        try:
            out["customer_since"] = dt.date.fromisoformat(out["customer_since"]) if out["customer_since"] else None
        except ValueError:
            problems["customer_since"] = f"“{out['customer_since']}” is not a date (use YYYY-MM-DD)."
    if out.get("contact_rhythm_days") not in (None, ""):
        try:
            out["contact_rhythm_days"] = int(str(out["contact_rhythm_days"]).strip())
        except ValueError:
            out["contact_rhythm_days"] = 0
        if out["contact_rhythm_days"] <= 0:
            problems["contact_rhythm_days"] = "The contact rhythm must be a whole, positive number of days."
    elif "contact_rhythm_days" in out:
        out["contact_rhythm_days"] = None
    if out.get("technician_id") and not Staff.get_or_none(Staff.id == out["technician_id"]):
        problems["technician_id"] = "That technician no longer exists."
    if "fit_check" in out:
        out["fit_check"] = json.dumps(out["fit_check"] or {})
    if problems:
        raise ValidationError(problems)
    if "technician_id" in out:
        out["technician"] = out.pop("technician_id") or None
    return out, warnings


def create(**values) -> SaveResult:
    """Create a customer. Raises ValidationError naming every problem; warnings are returned."""
    if "name" not in values:
        values["name"] = ""
    data, warnings = _validated(values)
    data.setdefault("customer_since", clock.today())
    stamp = clock.now()
    with transaction():
        customer = Customer.create(created_at=stamp, updated_at=stamp, changed_by=session.who(), **data)
        if data.get("street"):
            Site.create(customer=customer, label="Main", **{k: data.get(k, "") for k in ADDRESS_FIELDS})
        _rescore([customer.id])
    return SaveResult(customer.id, customer.version, tuple(warnings))


def _rescore(customer_ids) -> None:
    """The customer's since-date, contact rhythm, technician and preferences count in their health."""
    events.customers_changed(customer_ids)


def cancellation_day(values: dict) -> dict:
    """What saving ``values`` does to the day the customer cancelled, as update columns.

    Becoming cancelled stamps today (a customer already cancelled keeps their day); any other
    status clears it. Values without a status leave it as it is. The owner's report counts
    the customers lost in a month by this day.
    """
    if "status" not in values:
        return {}
    if values["status"] != "cancelled":
        return {"cancelled_on": None}
    return {"cancelled_on": Case(None, ((Customer.status == "cancelled", Customer.cancelled_on),), clock.today())}


def _back_from_cancelled(before, data: dict) -> dict:
    """Columns that saving ``data`` adds for a customer who cancelled and is set back to another status.

    Their reason for cancelling leaves the current record (the profile and the reports no longer read it
    as why they are gone), and their notes keep the cancellation, its day and their words, with the day
    they came back: "Cancelled on Oct 20, 2026 (“Moved the shop to Austin”); active again from Nov 30, 2026."
    """
    if before is None or before.status != "cancelled" or data.get("status", "cancelled") == "cancelled":
        return {}
    day = formatting.format_date(before.cancelled_on) if before.cancelled_on else "an earlier day"
    reason = before.cancel_reason.strip()
    said = f" (“{reason}”)" if reason else ""
    now = {"active": "active again", "paused": "paused", "prospect": "a prospect again"}.get(data["status"], data["status"])
    line = f"Cancelled on {day}{said}; {now} from {formatting.format_date(clock.today())}."
    notes = str(data.get("notes", before.notes) or "").rstrip()
    return {"cancel_reason": "", "notes": f"{notes}\n{line}" if notes else line}


def cancelled_refusal(customer_id: int, doing: str) -> str:
    """Why nothing new may be set up for this customer ("" when it may).

    A customer who cancelled gets nothing new: no visit booked, no service plan set up, until their
    status is set back to active. ``doing`` names what is refused ("booking a visit"). Cancelling ends
    what they had booked (``events.customer_cancelled``); this keeps anything new from coming.
    """
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound(f"Customer {customer_id} no longer exists.")
    if customer.status != "cancelled":
        return ""
    return f"{customer.name} has cancelled; set their status back to active before {doing}."


def refuse_if_cancelled(customer_id: int, doing: str) -> None:
    """``cancelled_refusal`` as a ValidationError on ``status``: nothing is changed."""
    refused = cancelled_refusal(customer_id, doing)
    if refused:
        raise ValidationError({"status": refused})


def update(customer_id: int, expected_version: int, **values) -> SaveResult:
    """Save changes made to the version the user opened; someone else's newer save is never overwritten."""
    data, warnings = _validated(values)
    with transaction():
        before = (Customer.select(Customer.status, Customer.cancel_reason, Customer.cancelled_on, Customer.notes)
                  .where(Customer.id == customer_id).first())
        was = before.status if before is not None else None
        data.update(_back_from_cancelled(before, data))
        # One statement: on PostgreSQL a second PC saving the same version waits for the first
        # and then finds the version moved on, so it never overwrites what it has not seen.
        updated = (
            Customer.update(**_changed_now(), **data, **cancellation_day(data))
            .where((Customer.id == customer_id) & (Customer.version == expected_version))
            .execute()
        )
        if not updated:
            current = Customer.get_or_none(Customer.id == customer_id)
            if current is None:
                raise NotFound("This customer was deleted by someone else; your changes were not saved.")
            raise conflicts.conflict(current.name, current, data, current.updated_at)
        if data.get("status") == "cancelled" and was != "cancelled":
            events.customer_cancelled(customer_id, data.get("cancel_reason", ""))
    return SaveResult(customer_id, expected_version + 1, tuple(warnings))


def validate(values: dict, region: str | None = None) -> tuple[dict, list[str]]:
    """Check customer fields as ``create`` would, without saving: (clean values, warnings) or ValidationError.

    ``region`` (the office's, for phone numbers) saves a lookup per call when checking many rows.
    """
    return _validated(dict(values), region)


# ------------------------------------------------------------------ saving the whole profile at once

SITE_FIELDS = ("label", "street", "street2", "city", "state", "postcode", "country", "access_notes")
CONTACT_FIELDS = ("name", "role", "phone", "email", "is_primary")


def _texts(item: dict, names) -> dict:
    return {n: clean_text(item.get(n, "")).strip() for n in names}


def _check_sites(sites, problems) -> list[dict]:
    out = []
    for number, item in enumerate(sites or (), start=1):
        values = _texts(item, SITE_FIELDS)
        if not any(values.values()):
            continue  # an empty row left in the table is not a site
        if not values["label"]:
            values["label"] = "Main" if number == 1 else f"Site {number}"
        if not values["street"]:
            problems[f"sites.{number}"] = f"Site {number} ({values['label']}): the street is required."
        values["country"], problem = check_country(values["country"])
        if problem:
            problems[f"sites.{number}.country"] = f"Site {number} ({values['label']}): {problem}"
        out.append({"id": item.get("id"), **values})
    return out


def _check_contacts(contacts, problems, warnings, region) -> list[dict]:
    out = []
    for number, item in enumerate(contacts or (), start=1):
        values = _texts(item, ("name", "role", "phone", "email"))
        if not any(values.values()):
            continue
        if not values["name"]:
            problems[f"contacts.{number}"] = f"Contact {number}: the contact's name is required."
        phone = parse_phone(values["phone"], region)
        values["phone"], values["phone_e164"] = phone.typed, phone.e164
        if phone.warning:
            warnings.append(f"Contact {number}: {phone.warning}")
        values["email"], problem = check_email(values["email"])
        if problem:
            problems[f"contacts.{number}.email"] = f"Contact {number}: {problem}"
        out.append({"id": item.get("id"), "is_primary": bool(item.get("is_primary")), **values})
    return out


def _check_what_matters(items, problems) -> list[dict]:
    out = []
    for number, item in enumerate(items or (), start=1):
        kind = item.get("kind", "")
        words = clean_text(item.get("words", "")).strip()
        technician_id = item.get("technician_id") or None
        key = f"what_matters.{number}"
        if kind not in WHAT_MATTERS_KINDS:
            problems[key] = f"What matters {number}: unknown kind of preference “{kind}”."
        elif kind == "same_technician" and not technician_id:
            problems[key] = f"What matters {number}: name the technician this customer wants every time."
        elif kind == "same_technician" and not Staff.get_or_none(Staff.id == technician_id):
            problems[key] = f"What matters {number}: that technician no longer exists."
        elif kind == "other" and not words:
            problems[key] = f"What matters {number}: write down what the customer said, in their own words."
        out.append({"id": item.get("id"), "kind": kind, "words": words,
                    "technician": technician_id if kind == "same_technician" else None})
    return out


def _check_goals(items, problems) -> list[dict]:
    out = []
    for number, item in enumerate(items or (), start=1):
        kind, text = item.get("kind", ""), clean_text(item.get("text", "")).strip()
        if kind not in GOAL_KINDS:
            problems[f"goals.{number}"] = f"Goal {number}: unknown kind “{kind}”."
        elif not text:
            continue
        out.append({"id": item.get("id"), "kind": kind, "text": text})
    return out


def _replace_children(model, customer_id: int, items: list[dict], stamp=None, soft: bool = False) -> None:
    """Make ``customer_id``'s rows of ``model`` equal ``items``: update by id, create new, drop the rest."""
    keep = []
    for item in items:
        values = {k: v for k, v in item.items() if k != "id"}
        if item.get("id"):
            model.update(**values).where((model.id == item["id"]) & (model.customer == customer_id)).execute()
            keep.append(item["id"])
        else:
            if stamp is not None:
                values["recorded_at"] = stamp
            keep.append(model.create(customer=customer_id, **values).id)
    gone = model.customer == customer_id
    if keep:
        gone &= model.id.not_in(keep)
    if soft:
        model.update(active=False).where(gone).execute()
    else:
        model.delete().where(gone).execute()


def save_profile(customer_id: int | None, expected_version: int | None, values: dict, *,
                 sites=None, contacts=None, what_matters=None, goals=None,
                 regular_technician: bool = False) -> SaveResult:
    """Save the whole profile in one transaction: fields, sites, contacts, what matters, goals.

    ``customer_id`` None creates a customer. Lists given replace what is stored (items keep
    their ``id``); a list left as None is not touched. Every problem is named at once in a
    ValidationError and nothing is written; a newer save by someone else raises ConflictError.
    ``regular_technician``: the technician in ``values`` becomes the one their "same technician"
    preference names too (as ``set_regular_technician``), in the same transaction.
    """
    problems: dict[str, str] = {}
    warnings: list[str] = []
    values = dict(values)
    if customer_id is None:
        values.setdefault("name", "")
    try:
        data, field_warnings = _validated(values)
        warnings += field_warnings
    except ValidationError as exc:
        problems.update(exc.problems)
        data = {}
    region = office_service.get().region
    checked_sites = _check_sites(sites, problems) if sites is not None else None
    checked_contacts = _check_contacts(contacts, problems, warnings, region) if contacts is not None else None
    checked_wm = _check_what_matters(what_matters, problems) if what_matters is not None else None
    checked_goals = _check_goals(goals, problems) if goals is not None else None
    if problems:
        raise ValidationError(problems)
    if customer_id is None and not checked_sites and data.get("street"):
        checked_sites = [{"id": None, "label": "Main", "access_notes": "",
                          **{k: data.get(k, "") for k in ADDRESS_FIELDS}}]  # as create() does
    stamp = clock.now()
    with transaction():
        if customer_id is None:
            data.setdefault("customer_since", clock.today())
            customer_id = Customer.create(created_at=stamp, updated_at=stamp, changed_by=session.who(), **data).id
            version = 1
        else:
            version = update(customer_id, expected_version, **values).version
        if checked_sites is not None:
            _replace_children(Site, customer_id, checked_sites)
        if checked_contacts is not None:
            _replace_children(Contact, customer_id, checked_contacts)
        if checked_goals is not None:
            _replace_children(CustomerGoal, customer_id, checked_goals, stamp=stamp)
        if checked_wm is not None:
            _replace_children(WhatMatters, customer_id, checked_wm, stamp=stamp, soft=True)
            wanted = [w["technician"] for w in checked_wm if w["kind"] == "same_technician"]
            if wanted and "technician_id" not in values:
                Customer.update(technician=wanted[-1]).where(Customer.id == customer_id).execute()
        if regular_technician and values.get("technician_id"):
            _preference_to(customer_id, values["technician_id"], stamp)
        _rescore([customer_id])
    return SaveResult(customer_id, version, tuple(warnings))


def add_what_matters(customer_id: int, kind: str, words: str, technician_id: int | None = None) -> int:
    from servicedesk.core.store.models import WHAT_MATTERS_KINDS

    words = clean_text(words).strip()
    if kind not in WHAT_MATTERS_KINDS:
        raise ValidationError({"kind": f"Unknown kind of preference: {kind}."})
    if kind == "same_technician" and not technician_id:
        raise ValidationError({"technician": "Name the technician this customer wants every time."})
    if not words and kind == "other":
        raise ValidationError({"words": "Write down what the customer said, in their own words."})
    with transaction():
        item = WhatMatters.create(customer=customer_id, kind=kind, words=words,
                                  technician=technician_id, recorded_at=clock.now())
        if kind == "same_technician":
            Customer.update(technician=technician_id, **_changed_now()).where(Customer.id == customer_id).execute()
    return item.id


def set_regular_technician(customer_id: int, technician_id: int) -> None:
    """Make ``technician_id`` the customer's regular technician, and the one their "same technician"
    preference names: the preference that named someone else is kept, inactive, in their history,
    and a new one with the customer's same words names the new technician."""
    with transaction():
        Customer.update(technician=technician_id, **_changed_now()).where(Customer.id == customer_id).execute()
        _preference_to(customer_id, technician_id, clock.now())
        events.customers_changed([customer_id])


def _changed_now() -> dict:
    """The columns that say the customer was changed, by whom and when: a profile opened on another PC
    before this change is then told of it when saved, instead of writing its older technician back."""
    return {"version": Customer.version + 1, "updated_at": clock.now(), "changed_by": session.who()}


def _preference_to(customer_id: int, technician_id: int, stamp) -> None:
    """Their "same technician" preference names ``technician_id`` from now on, in the customer's same words; the
    one that named someone else stays, inactive, in their history. Inside the caller's transaction."""
    for old in WhatMatters.select().where((WhatMatters.customer == customer_id) & WhatMatters.active
                                          & (WhatMatters.kind == "same_technician")):
        if old.technician_id == technician_id:
            continue
        WhatMatters.update(active=False).where(WhatMatters.id == old.id).execute()
        before = Staff.get_or_none(Staff.id == old.technician_id) if old.technician_id else None
        WhatMatters.create(customer=customer_id, kind="same_technician",
                           words=words_after_change(old.words, before.name if before else ""),
                           technician=technician_id, recorded_at=stamp)


_SAID_ABOUT = re.compile(r"\s*\(said about ([^()]+)\)$")


def said_about(words: str) -> tuple[str, str]:
    """A wish's words as (the customer's own words, the technician they were said about, "" when not told)."""
    found = _SAID_ABOUT.search(words)
    return (words[:found.start()], found.group(1)) if found else (words, "")


def words_after_change(words: str, before: str) -> str:
    """The customer's own words on a "same technician" wish that moves to another technician.

    Words that name nobody ("Are you the one doing the service?") read as well for the new technician and
    stay as they are. Words that name the technician before ("Only Kevin, please") are kept, in the
    customer's words, with whom they were said about: "Only Kevin, please (said about Kevin Lee)", so
    nobody reads them as a wish for Kevin beside the new technician's name, and nobody puts words in the
    customer's mouth that they never said. Words already saying whom they were about stay as they are.
    """
    if not words or not before or _SAID_ABOUT.search(words):
        return words
    names = {before, *before.split()}
    if any(len(n) > 1 and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", words, re.IGNORECASE) for n in names):
        return f"{words} (said about {before})"
    return words


def preference_history(customer_id: int) -> list[WhatMattersItem]:
    """Every "same technician" preference the customer had, oldest first (the ones replaced are inactive)."""
    rows = database.execute_sql(
        "SELECT w.id, w.kind, w.words, w.recorded_at, w.technician_id, COALESCE(s.name, '')"
        " FROM what_matters w LEFT JOIN staff s ON s.id = w.technician_id"
        " WHERE w.customer_id = ? AND w.kind = 'same_technician' ORDER BY w.recorded_at, w.id", (customer_id,))
    return [WhatMattersItem(r[0], r[1], r[2], _as_dt(r[3]), r[4], r[5]) for r in rows.fetchall()]


def remove_what_matters(item_id: int) -> None:
    with transaction():
        WhatMatters.update(active=False).where(WhatMatters.id == item_id).execute()


def add_goal(customer_id: int, kind: str, text: str) -> int:
    from servicedesk.core.store.models import GOAL_KINDS

    text = clean_text(text).strip()
    if kind not in GOAL_KINDS:
        raise ValidationError({"kind": f"Unknown kind: {kind}."})
    if not text:
        raise ValidationError({"text": "The text is empty."})
    with transaction():
        return CustomerGoal.create(customer=customer_id, kind=kind, text=text, recorded_at=clock.now()).id


def name_of(customer_id: int) -> str:
    row = Customer.select(Customer.name).where(Customer.id == customer_id).first()
    return row.name if row else ""


def max_id() -> int:
    return Customer.select(fn.MAX(Customer.id)).scalar() or 0


# ------------------------------------------------------------------ the list's summary columns

def refresh_summary(customer_ids, visits_only: bool = False) -> None:
    """Recompute the list's denormalised columns (next visit, last contact, open concerns) from the records.

    Every service that changes visits, interactions or concerns announces it
    (``events.customers_changed``) inside its own transaction, and this runs first, so the list
    sorts instantly in SQL and never drifts. The last contact is ``contact.last_contact``: the
    one definition of what counts as contact. ``visits_only``: only planned visits were added
    (generation from plans), which can change the next visit and nothing else.
    """
    from servicedesk.core.services import contact

    ids = list({int(i) for i in customer_ids})
    now = clock.now()
    next_visit = ("next_visit_at = (SELECT MIN(v.starts_at) FROM visit v WHERE v.customer_id = customer.id"
                  " AND v.starts_at >= ? AND v.status IN ('scheduled', 'confirmed'))")
    concerns = ("open_concerns = (SELECT COUNT(*) FROM concern k WHERE k.customer_id = customer.id"
                " AND k.resolved_at IS NULL)")
    columns = next_visit if visits_only else f"{next_visit}, {concerns}"
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        database.execute_sql(f"UPDATE customer SET {columns} WHERE id IN ({marks})", [now, *chunk])
        if visits_only:
            continue
        last = contact.last_contact(chunk, now)
        execute_many("UPDATE customer SET last_contact_at = ? WHERE id = ?", [(when, i) for i, when in last.items()])


events.customers_changed.connect(refresh_summary, order=0)
