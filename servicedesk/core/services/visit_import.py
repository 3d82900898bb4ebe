"""A visit history from another program: its visits and jobs export read into the customers' history.

Each row is one visit (or one job) of a customer already in the office, matched by the client id
their previous program gave them, else by their exact name with a phone or an email the office has
(:mod:`customer_match`); a row that matches no one is refused, by its line. Technicians are matched
by name, ignoring case and accents; names the office does not know stop the import until each is
created or said to be someone here (``technicians``: {"Old Name": "New Name"}, or None to leave
their visits unassigned). A recurring job whose rule can be read becomes a service plan
(:mod:`visit_plans`); one whose rule cannot be read is reported and its visits come in one by one.

``read`` checks everything and writes nothing; ``run`` writes a clean plan in one transaction, so a
file with any bad row imports nothing. A visit already imported (same customer, same start,
service and job) is not imported again.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from dataclasses import dataclass, field

from servicedesk.core import clock
from servicedesk.core.formatting import format_datetime
from servicedesk.core.services import hours, office, visit_layouts
from servicedesk.core.services.customer_match import SHARED, CustomerIndex
from servicedesk.core.services.import_csv import ImportFileError, Source, parse, read_file, unneutralise
from servicedesk.core.services.import_check import date_order
from servicedesk.core.services.imports import PREVIEW_ROWS, Cancelled, RowProblem, Unmapped, placed
from servicedesk.core.services.visit_words import (
    NOT_SCHEDULED,
    STATUS_WORDS,
    parse_duration,
    parse_moment,
    parse_times,
    status_key,
)
from servicedesk.core.store import database
from servicedesk.core.validation import clean_text, parse_phone

FIELDS = visit_layouts.FIELDS
DEFAULT_MINUTES = 60
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\+|/|\n|\band\b)\s*", re.IGNORECASE)
_SPLIT_REACH = re.compile(r"\s*(?:,|;|\n|\s/\s)\s*")
_DATED = ("date", "end", "completed_on")  # the columns whose numeric dates are written one way through a file


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A name as compared: no accents, no case, single spaces ("José  ÁLVAREZ" is "jose alvarez")."""
    text = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).casefold().split())


@dataclass
class Visit:
    """One visit ready to write."""

    line: int
    customer_id: int
    customer: str
    service: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    status: str
    technician: str = ""  # the name as the file writes it ("" for nobody)
    technician_id: int | None = None
    site_id: int | None = None
    completed_at: dt.datetime | None = None
    work_done: str = ""
    notes: str = ""
    key: str = ""
    job: str = ""
    rule: str = ""  # how often its job repeats, as the file says
    recurring: bool = False  # the file says its job is recurring
    plan: object = None  # the visit_plans.PlanDraft it belongs to
    occurrence: dt.date | None = None


@dataclass
class VisitPlan:
    """What a visits file would import: read and checked, nothing written yet."""

    source: Source
    mapping: list[str | None]
    layout: str = ""
    filled: list[int] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)
    rows: list[Visit] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    already: list[Already] = field(default_factory=list)  # visits the office has from an earlier import
    updates: list[tuple[int, Visit]] = field(default_factory=list)  # booked visits the file says have happened
    not_scheduled: list[RowProblem] = field(default_factory=list)  # jobs with no date yet: not visits
    unknown: dict[str, int] = field(default_factory=dict)  # technician as written → visits, not in the office
    create: set[str] = field(default_factory=set)  # folded names of technicians to add
    technicians: dict[str, str | None] = field(default_factory=dict)  # the person's answers: name → name / None
    plans: list = field(default_factory=list)  # visit_plans.PlanDraft, new or already in the office
    no_plan: list[RowProblem] = field(default_factory=list)  # recurring jobs whose rule cannot be read
    total: int = 0

    path = property(lambda self: self.source.path)
    encoding = property(lambda self: self.source.encoding)
    delimiter = property(lambda self: self.source.delimiter)
    headers = property(lambda self: self.source.headers)

    @property
    def unresolved(self) -> list[str]:
        """Technicians named in the file that are neither in the office, nor to be added, nor said to be someone."""
        return [name for name in self.unknown if fold(name) not in self.create]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.unmapped and not self.unresolved

    def count(self, status: str) -> int:
        return sum(1 for v in self.rows if v.status == status)

    def new_plans(self) -> list:
        return [p for p in self.plans if p.existing_id is None]

    def left_out(self) -> list[str]:
        return [h for h, f, n in zip(self.headers, self.mapping, self.filled) if f == "skip" and n]


@dataclass(frozen=True)
class Already:
    """A row of the file the office already has (from an earlier import, or booked by its plan)."""

    line: int
    customer: str
    service: str
    when: dt.datetime | dt.date
    how: str = "is already here"

    def __str__(self) -> str:
        from servicedesk.core.formatting import format_date

        when = format_datetime(self.when) if isinstance(self.when, dt.datetime) else format_date(self.when)
        return f"line {self.line}: {self.customer}: {self.service or 'visit'} of {when} {self.how}"


@dataclass(frozen=True)
class Result:
    imported: int
    completed: int
    already: int
    plans: int
    technicians: tuple[str, ...] = ()
    generated: int = 0
    updated: int = 0


# ------------------------------------------------------------------ reading a file

def read(path: str | os.PathLike, progress=None, **options) -> VisitPlan:
    """Read and check ``path``: every bad row, unmapped column and unknown technician named, nothing written."""
    text, encoding = read_file(path)
    return check(parse(text, encoding, str(path)), progress=progress, **options)


def recheck(plan: VisitPlan, mapping=None, technicians=None, create=None, progress=None) -> VisitPlan:
    """The same file checked again with the person's changes (the import dialog's)."""
    return check(plan.source, mapping=plan.mapping if mapping is None else mapping,
                 technicians=plan.technicians if technicians is None else technicians,
                 create_technicians=plan.create if create is None else create, progress=progress)


def check(source: Source, mapping: list[str | None] | None = None, maps: dict[str, str] | None = None, drop=(),
          keep_in_notes: bool = False, technicians: dict[str, str | None] | None = None,
          create_technicians: bool | set[str] = False, progress=None) -> VisitPlan:
    """Check every row of ``source``.

    ``mapping``, ``maps``, ``drop`` and ``keep_in_notes`` place the columns as for customer lists;
    ``technicians`` says who a name of the file is here ({"Carlos D": "Carlos Díaz"}, or None: leave
    their visits unassigned); ``create_technicians`` adds the others (True for all, or a set of names).
    """
    headers = source.headers
    layout = visit_layouts.detect_layout(headers)
    auto = visit_layouts.map_headers(headers, layout) if mapping is None else mapping
    mapping, filled, unmapped = placed(source, auto, FIELDS, maps, drop, keep_in_notes)
    if "date" not in mapping:
        raise ImportFileError(f"Line {source.header_line}: no column holds the visits' dates. The columns found "
                              f"are: {', '.join(h or '(empty)' for h in headers)}. Name one column “Date”.")
    if not {"client", "first_name", "last_name", "client_id"} & set(mapping):
        raise ImportFileError(f"Line {source.header_line}: no column says whose visit it is. The columns found are: "
                              f"{', '.join(h or '(empty)' for h in headers)}. Name one column “Client name”.")
    plan = VisitPlan(source, mapping, layout.name if layout else "", filled,
                     [[unneutralise(c) for c in cells] for _line, cells in source.data[:PREVIEW_ROWS]],
                     unmapped=unmapped, total=len(source.data))
    _Reader(plan, technicians or {}, create_technicians).read_all(progress)
    from servicedesk.core.services import visit_plans

    visit_plans.find(plan)
    return plan


class _Reader:
    """Reads the rows of one file against the office: its customers, sites, technicians and earlier imports."""

    def __init__(self, plan: VisitPlan, answers: dict[str, str | None], create: bool | set[str]):
        self.plan = plan
        self.region = office.get().region
        self.opens = hours.office_hours().opens
        self.now = clock.now()
        self.customers = CustomerIndex()
        self.staff: dict[str, tuple[int, str]] = {}
        for sid, name in database.execute_sql(
                "SELECT id, name FROM staff WHERE role = 'technician' ORDER BY active DESC, id").fetchall():
            self.staff.setdefault(fold(name), (sid, name))
        self.answers = self._answers(answers)
        plan.technicians = dict(answers)
        self.create_all = create is True
        plan.create = set() if create is True or not create else {fold(n) for n in create}
        self.sites: dict[int, list[tuple[int, str]]] = {}
        for sid, cid, street in database.execute_sql("SELECT id, customer_id, street FROM site ORDER BY id"):
            self.sites.setdefault(cid, []).append((sid, _place(street)))
        self.done = {(cid, key): (vid, status) for vid, cid, key, status in database.execute_sql(
            "SELECT id, customer_id, import_key, status FROM visit WHERE import_key <> ''").fetchall()}
        self.seen: dict[tuple[int, str], int] = {}
        self.unknown: dict[str, str] = {}  # folded → as first written
        self.phones: dict[str, str] = {}
        self.moments: dict[str, tuple] = {}
        columns = [(n, h, f) for n, (h, f) in enumerate(zip(plan.headers, plan.mapping)) if f not in (None, "skip")]
        self.columns = columns
        self.has = {f for _n, _h, f in columns}

    def _answers(self, answers: dict[str, str | None]) -> dict[str, tuple[int, str] | None]:
        out = {}
        for old, new in answers.items():
            if new is None or not new.strip():
                out[fold(old)] = None
                continue
            if fold(new) not in self.staff:
                known = ", ".join(name for _sid, name in sorted(self.staff.values(), key=lambda s: s[1])) or "nobody yet"
                raise ImportFileError(f"“{new}” (for “{old}”) is not a technician of the office; they are: {known}.")
            out[fold(old)] = self.staff[fold(new)]
        return out

    def read_all(self, progress=None) -> None:
        data = self.plan.source.data
        width = len(self.plan.headers)
        dated = [n for n, _h, f in self.columns if f in _DATED]
        self.order = date_order(((line, cells[n]) for line, cells in data for n in dated if n < len(cells)),
                                self.region)
        if self.order.problem:
            self.plan.problems.append(RowProblem(*self.order.problem))
        for done, (line, cells) in enumerate(data, start=1):
            if progress is not None and done % 500 == 0 and progress(done, len(data)) is False:
                raise Cancelled("The file was not checked to the end; nothing was imported.")
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                self.plan.problems.append(RowProblem(line, f"{len(cells)} fields, but the header has {width} columns "
                                                           "(a separator inside a value needs quotes)."))
                continue
            values: dict[str, list[str]] = {}
            lines: list[str] = []
            for n, header, name in self.columns:
                value = clean_text(unneutralise(cells[n])).strip() if n < len(cells) else ""
                if not value:
                    continue
                if name == "note_line":
                    lines.append(f"{header}: {value}")
                else:
                    values.setdefault(name, []).append(value)
            problems: list[str] = []
            visit = self._visit(line, values, lines, problems)
            if problems:
                self.plan.problems.append(RowProblem(line, " ".join(problems)))
                self._count_unknown(self._technician(values.get("technician", ()), [])[0])
            elif visit is not None:
                self._keep(visit)

    # -- one row
    def _visit(self, line: int, values: dict[str, list[str]], lines: list[str], problems: list[str]) -> Visit | None:
        one = {k: v[0] for k, v in values.items()}
        name = one.get("client") or " ".join(x for x in (one.get("first_name"), one.get("last_name")) if x)
        reference = one.get("client_id", "")
        phones = [self._phone(p) for cell in values.get("phone", ()) for p in _SPLIT_REACH.split(cell) if p]
        emails = [e for cell in values.get("email", ()) for e in _SPLIT_REACH.split(cell) if e]
        cid = self.customers.find(name, reference, phones, emails)
        said = ", ".join(x for x in (f"client id {reference}" if reference else "", *values.get("phone", ()),
                                     *values.get("email", ())) if x)
        who = f"“{name or reference}”" + (f" ({said})" if said and name else "")
        if cid == SHARED:
            problems.append(f"Several customers are called {who}; give the row their client id, phone or email.")
        elif cid is None:
            problems.append(f"No customer in the office matches {who}: import the customer list first, "
                            "or correct the row.")
        lead, lead_id = self._technician(values.get("technician", ()), lines)
        status_word = status_key(one.get("status", ""))
        day, start, end = self._moment(one.get("date", ""))
        if day is None:
            if not one.get("date") and (status_word in NOT_SCHEDULED or not status_word):
                if cid not in (None, SHARED) and not problems:
                    service = " — ".join(values.get("service", ())) or "visit"
                    self.plan.not_scheduled.append(RowProblem(line, f"{name}: {service} has no date yet, so it is "
                                                                    "not a visit; book it when it is scheduled"))
                return None
            problems.append(f"Date “{one.get('date', '')}” is not a date (write it as YYYY-MM-DD)."
                            if one.get("date") else "The visit has no date.")
            return None
        status = self._status(one, status_word, problems)
        start, end, minutes = self._times(one, day, start, end, problems)
        if problems:
            return None
        starts_at = dt.datetime.combine(day, start or self.opens)
        ends_at = (dt.datetime.combine(day, end) if end and end > (start or self.opens)
                   else starts_at + dt.timedelta(minutes=minutes or DEFAULT_MINUTES))
        if status is None:
            status = "completed" if starts_at < self.now else "scheduled"
        service = " — ".join(values.get("service", ()))
        visit = Visit(line, cid, self.customers.names.get(cid, name), service, starts_at, ends_at, status, lead,
                      lead_id, job=one.get("job", ""), rule=one.get("recurrence", ""))
        self._site(visit, values, lines)
        kind = status_key(one.get("job_type", ""))
        if kind:
            visit.recurring = "recurr" in kind or "repeat" in kind
            if not visit.recurring and not re.search(r"one|single|once", kind):
                lines.append(f"{_header(self.plan, 'job_type')}: {one['job_type']}")
        notes = "\n".join(values.get("notes", ()))
        if status == "completed":
            visit.completed_at = self._completed(one, visit) or ends_at
            visit.work_done, visit.notes = notes, "\n".join(lines)
        else:
            visit.notes = "\n".join(filter(None, [notes, *lines]))
        visit.key = f"{starts_at.isoformat(timespec='minutes')}|{fold(service)}" + (f"|{visit.job}" if visit.job else "")
        return visit

    def _moment(self, text: str) -> tuple:
        """parse_moment, once per different text (a file writes the same days many times)."""
        if text not in self.moments:
            self.moments[text] = parse_moment(text, self.region, self.order)
        return self.moments[text]

    def _phone(self, typed: str) -> str:
        if typed not in self.phones:
            self.phones[typed] = parse_phone(typed, self.region).e164 or typed
        return self.phones[typed]

    def _status(self, one: dict, word: str, problems: list[str]) -> str | None:
        if one.get("completed_on"):
            return "completed"
        if word:
            if word not in STATUS_WORDS:
                problems.append(f"Status “{one['status']}” is not one ServiceDesk knows: write completed, "
                                "scheduled, confirmed, cancelled, rescheduled or no access.")
                return None
            return STATUS_WORDS[word]
        return "scheduled" if "completed_on" in self.has else None

    def _times(self, one: dict, day: dt.date, start, end, problems: list[str]):
        """(start, end, minutes) from the time, end and length columns, over what the date cell said."""
        if one.get("time"):
            start, end = parse_times(one["time"])
            if start is None and not re.search(r"any\s*time|all\s*day", one["time"], re.IGNORECASE):
                problems.append(f"Time “{one['time']}” is not a time (write it as 9:00 or 9:00 AM - 11:00 AM).")
        if one.get("end"):
            end_day, end_time, _ = self._moment(one["end"])
            if end_day is None:
                end_time = parse_times(one["end"])[0]
                if end_time is None:
                    problems.append(f"End “{one['end']}” is not a time (write it as 11:00 or 11:00 AM).")
            end = end_time if end_day in (None, day) else end
        minutes = None
        for key, in_hours in (("duration", False), ("duration_hours", True)):
            if one.get(key):
                minutes = parse_duration(one[key], in_hours)
                if minutes is None or not 0 < minutes <= 24 * 60:
                    problems.append(f"Length “{one[key]}” is not a length of time (write 90, 1:30 or 1.5 hours).")
        return start, end, minutes

    def _completed(self, one: dict, visit: Visit) -> dt.datetime | None:
        day, start, _end = self._moment(one.get("completed_on", ""))
        if day is None:
            return None
        return dt.datetime.combine(day, start) if start else max(visit.ends_at, dt.datetime.combine(day, dt.time()))

    def _technician(self, cells, lines: list[str]) -> tuple[str, int | None]:
        """(the lead technician as written, their id here); the others named are kept in the notes."""
        names = []
        for cell in cells:
            if fold(cell) in self.staff or fold(cell) in self.answers:
                names.append(cell)
                continue
            turned = " ".join(reversed(cell.split(",", 1))) if cell.count(",") == 1 else ""
            if turned and fold(turned) in self.staff:  # "Ortiz, Sam" is Sam Ortiz
                names.append(turned)
                continue
            names += [n for n in _SPLIT_NAMES.split(cell) if n]
        if not names:
            return "", None
        lead, others = names[0], names[1:]
        if others:
            lines.append(f"Also there: {', '.join(others)}")
        key = fold(lead)
        if key in self.answers:
            found = self.answers[key]
            if found is None:
                lines.append(f"{_header(self.plan, 'technician')}: {lead}")
            return lead, found[0] if found else None
        if key in self.staff:
            return lead, self.staff[key][0]
        return lead, None

    def _count_unknown(self, lead: str) -> None:
        """One more visit to write names ``lead``, whom the office does not know (yet)."""
        key = fold(lead)
        if not lead or key in self.staff or key in self.answers:
            return
        first = self.unknown.setdefault(key, lead)
        self.plan.unknown[first] = self.plan.unknown.get(first, 0) + 1
        if self.create_all:
            self.plan.create.add(key)

    def _site(self, visit: Visit, values: dict[str, list[str]], lines: list[str]) -> None:
        sites = self.sites.get(visit.customer_id, [])
        street = (values.get("site_street") or [""])[0]
        if not street:
            visit.site_id = sites[0][0] if len(sites) == 1 else None
            return
        place = _place(street)
        visit.site_id = next((sid for sid, known in sites if known and place.startswith(known)), None)
        if visit.site_id is None:
            parts = [*values.get("site_label", ()), street, *values.get("site_street2", ()),
                     *values.get("site_city", ()), *values.get("site_state", ()), *values.get("site_postcode", ())]
            lines.append(f"Service address: {', '.join(parts)}")

    def _keep(self, visit: Visit) -> None:
        at = (visit.customer_id, visit.key)
        if at in self.done:
            if not updates(self.plan, visit, *self.done[at]):
                self.plan.already.append(Already(visit.line, visit.customer, visit.service, visit.starts_at))
            else:
                self._count_unknown(visit.technician)
        elif at in self.seen:
            self.plan.warnings.append(RowProblem(visit.line, f"the same visit as line {self.seen[at]}; imported once"))
        else:
            self.seen[at] = visit.line
            self.plan.rows.append(visit)
            self._count_unknown(visit.technician)


def updates(plan: VisitPlan, visit: Visit, visit_id: int, status: str) -> bool:
    """The office's visit ``visit_id`` is the file's ``visit``: a booked one the file says has happened (or
    was cancelled, moved, or found no one in) takes the file's word. False when there is nothing to change."""
    if status not in ("scheduled", "confirmed") or visit.status in ("scheduled", "confirmed"):
        return False
    plan.updates.append((visit_id, visit))
    return True


def _place(street: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(street or ""))


def _header(plan: VisitPlan, name: str) -> str:
    return next((h for h, f in zip(plan.headers, plan.mapping) if f == name), FIELDS[name])


def run(plan: VisitPlan, progress=None) -> Result:
    """Import a checked plan in one transaction. ``progress(done, total)`` returning False cancels."""
    from servicedesk.core.services import visit_plans

    return visit_plans.write(plan, progress)
