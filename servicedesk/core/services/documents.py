"""Generate and archive the documents the office sends.

Every document is written under the database's documents folder (readable by its owner only)
and recorded with its SHA-256 in one transaction: either the file and the record both exist, or
neither does. Writing or previewing a document is not contact: it goes on the customer's history,
counts for the contact rhythm and clears a "letter due" row only once it is printed, handed over,
posted or emailed (``contact.send_document``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from servicedesk import paths
from servicedesk.core import addresses, clock, collection, formatting
from servicedesk.core.documents import base, change_notice, visit_summary
from servicedesk.core.documents import timeline_letter as letter_layout
from servicedesk.core.errors import NotFound, ServiceError, ValidationError
from servicedesk.core.services import clarity, customers, followups, health, projects, scheduling, templates
from servicedesk.core.services import technicians, trade_records
from servicedesk.core.services import office as office_service
from servicedesk.core.services.clarity import Problem
from servicedesk.core.services.projects import WAITING_ON_WORDS
from servicedesk.core.store import database, transaction
from servicedesk.core.store.db import insert_ids
from servicedesk.core.store.models import (
    Document,
    Draft,
    ProductApplied,
    Site,
    Staff,
    Visit,
    VisitChange,
)
from servicedesk.core.validation import clean_text


class ClarityError(ServiceError):
    """The letter would be vague; ``problems`` says exactly where."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))


@dataclass(frozen=True)
class GeneratedDocument:
    id: int
    path: Path
    sha256: str
    title: str
    kind: str


@dataclass(frozen=True)
class DocumentRow:
    id: int
    customer_id: int | None
    kind: str
    title: str
    path: Path
    sha256: str
    created_at: dt.datetime


# ------------------------------------------------------------------ the archive

def documents_dir() -> Path:
    obj = database.obj
    name = getattr(obj, "database", None)
    if name and name != ":memory:":
        return paths.folder_for(name, "documents")
    return paths.private_folder(paths.data_dir() / "documents")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return paths.file_stem(text, "document")


def _write_private(path: Path, data: bytes) -> None:
    paths.private_folder(path.parent)
    paths.write_private(path, data)


def write_private(target: Path, data: bytes) -> None:
    """``data`` written to ``target`` readable by the owner only, whole or not at all (not archived)."""
    _write_private(Path(target), data)


def write_private_copy(source: Path, target: Path) -> None:
    """A copy of an archived document readable by the owner only, written whole or not at all."""
    _write_private(Path(target), Path(source).read_bytes())


@dataclass(frozen=True)
class Filing:
    """A document to archive: its PDF and what it belongs to."""
    data: bytes
    kind: str
    title: str
    customer_id: int
    project_id: int | None = None
    visit_id: int | None = None
    overridden: str = ""  # what the clarity check found, when it was printed anyway


def archive(data: bytes, *, kind: str, title: str, customer_id: int, project_id: int | None = None,
            visit_id: int | None = None, when: dt.datetime | None = None) -> GeneratedDocument:
    """Store ``data`` as a document of ``customer_id``, not sent yet (``contact.send_document`` sends it)."""
    return archive_many([Filing(data, kind, title, customer_id, project_id, visit_id)], when)[0]


def archive_many(filings: list[Filing], when: dt.datetime | None = None) -> list[GeneratedDocument]:
    """Store each filing as ``archive`` does, the files put on the disk together and recorded in one transaction.

    The records are written only once every file is whole on the disk: whatever stops it halfway
    (an error, a power cut) leaves no record of a missing or partial file; on an error the files
    already written are removed again.
    """
    when = when or clock.now()
    folder = documents_dir()
    planned = []
    for filing in filings:
        relative = (Path(f"{when:%Y}")
                    / f"{when:%Y%m%d-%H%M%S}-{filing.kind}-{_slug(filing.title)}-{secrets.token_hex(3)}.pdf")
        planned.append((filing, hashlib.sha256(filing.data).hexdigest(), relative, folder / relative))
    try:
        for parent in dict.fromkeys(target.parent for *_rest, target in planned):
            paths.private_folder(parent)
        paths.write_private_many((target, filing.data) for filing, _digest, _relative, target in planned)
        with transaction():
            ids = insert_ids(
                "INSERT INTO document (customer_id, project_id, visit_id, kind, title, path, sha256, created_at,"
                " overridden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(filing.customer_id, filing.project_id, filing.visit_id, filing.kind, filing.title,
                  relative.as_posix(), digest, when, filing.overridden)
                 for filing, digest, relative, _target in planned])
    except BaseException:
        for *_rest, target in planned:
            target.unlink(missing_ok=True)
        raise
    return [GeneratedDocument(document_id, target, digest, filing.title, filing.kind)
            for document_id, (filing, digest, _relative, target) in zip(ids, planned)]


def list_documents(customer_id: int | None = None, limit: int = 500) -> list[DocumentRow]:
    query = Document.select().order_by(Document.created_at.desc(), Document.id.desc()).limit(limit)
    if customer_id is not None:
        query = query.where(Document.customer == customer_id)
    folder = documents_dir()
    return [_document_row(d, folder) for d in query]


def _document_row(d: Document, folder: Path) -> DocumentRow:
    return DocumentRow(d.id, d.customer_id, d.kind, d.title, folder / d.path, d.sha256, d.created_at)


def unsent(document_id: int) -> DocumentRow | None:
    """The archived document when it has not gone out yet (then it can still be printed, handed over, posted or
    emailed); None once it has."""
    d = Document.get_or_none(Document.id == document_id)
    if d is None:
        raise NotFound(f"Document {document_id} no longer exists.")
    return None if d.sent_at is not None else _document_row(d, documents_dir())


def verify(document_id: int) -> bool:
    """True when the archived file is still exactly the one that was sent."""
    d = Document.get_or_none(Document.id == document_id)
    if d is None:
        raise NotFound(f"Document {document_id} no longer exists.")
    path = documents_dir() / d.path
    return path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == d.sha256


# ------------------------------------------------------------------ shared pieces

def letterhead(o: office_service.Office | None = None) -> base.Letterhead:
    o = o or office_service.get()
    return base.Letterhead(o.name or "Your service office", o.address, o.phone, o.email, o.logo_path, o.region,
                           o.locale)


def addressee(customer_id: int) -> tuple[customers.Profile, base.Addressee]:
    """The customer (read in one statement) and where their letters go."""
    c = customers.get(customer_id)
    return c, _addressee_of(c)


def _addressee_of(c: customers.Profile) -> base.Addressee:
    return base.Addressee(c.name, c.company, c.street, c.city, c.postcode, c.street2, c.state, c.country)


def _site_text(site: Site | None, o: office_service.Office) -> str:
    """A service site on one line, as the office's country writes addresses."""
    if site is None:
        return ""
    return addresses.one_line(addresses.Address(site.street, site.street2, site.city, site.state, site.postcode,
                                                site.country), o.region, o.locale)


def _common_values(c: customers.Profile, when: dt.date, o: office_service.Office | None = None) -> dict:
    o = o or office_service.get()
    return {"salutation": c.letter_salutation, "customer_name": c.name, "office_name": o.name,
            "office_phone": o.phone, "owner_name": o.owner_name, "letter_date": base.day(when, locale=o.locale)}


# ------------------------------------------------------------------ timeline letters

def timeline_letter(project_id: int, as_of: dt.date | None = None) -> letter_layout.TimelineLetter:
    """The facts of this week's letter for ``project_id``, filled into the office's wording."""
    as_of = as_of or clock.today()
    return _timeline_letter(projects.get(project_id), projects.milestones(project_id), as_of,
                            clarity.letter_wording())


def your_project(name: str, customer: str, company: str = "") -> str:
    """The project as the letter talks about it: “Hernandez backyard pool” for Elena Hernandez becomes
    “your backyard pool”; “Pool build” becomes “your pool build”.

    The customer's own name (or their business's) in front is dropped with its possessive however it was
    typed: “Smith's pool”, “Smith 's pool”, “Jones' pool”, “Jones's pool”, a name typed with a space or an
    apostrophe left at its end (“Smith '”), or “Finch's Gifts shop” for the business Finch's Gifts. A
    name that only starts with theirs (“Smithson pool” for Ann Smith) is not theirs and stays as typed.
    """
    text = " ".join(name.split())
    names = set()
    for who in (customer, company):
        words = re.sub(r"[\s'’]+$", "", who).split()  # a name typed with an apostrophe or a space left at its end
        names.update((" ".join(words), *words[-1:], *words[:1]))
    for part in sorted({n for n in names if n}, key=len, reverse=True):
        after = text[len(part):]
        if not text.lower().startswith(part.lower()) or after[:1].isalnum():
            continue
        rest = re.sub(r"^\s*(['’]\s*(s(?![\w]))?)?\s*[-–—:,]?\s*", "", after)
        if rest:
            text = rest
            break
    words = text.split()
    # "Backyard pool build" reads "your backyard pool build"; a name kept as typed when it holds a
    # proper name ("Riverside Drive pool", "Zoë's pool") or is written in capitals throughout
    common = (len(words[0]) > 1 and words[0][1:].islower() and not re.search(r"['’]s?$", words[0])
              and not any(w[:1].isupper() for w in words[1:])) if words else False
    if common:
        text = text[0].lower() + text[1:]
    return f"your {text}"


def _late_items(items: list[projects.MilestoneInfo], as_of: dt.date) -> list[letter_layout.Late]:
    """What is late, each cause once: a step moved by another's slip (with no reason of its own) is
    listed under that step instead of repeating its reason."""
    by_id = {m.id: m for m in items}
    late = [m for m in items if not m.done and m.is_late(as_of)]
    causes = {m.id for m in late}
    moved: dict[int, list] = {}
    own = []
    for m in late:
        if not m.delay_reason and m.moved_by in causes and m.moved_by != m.id:
            moved.setdefault(m.moved_by, []).append(letter_layout.Step(m.name, m.current_start, m.current_end))
        else:
            own.append(m)
    return [letter_layout.Late(m.name, m.original_end, m.current_end, clarity.reason_for(m, by_id),
                               tuple(moved.get(m.id, ()))) for m in own]


FIRST_LETTER_NOTHING_DONE = "No step is finished yet; every date in this letter is the one we are working to."
UPCOMING_LISTED = 6  # steps listed by date in a letter; the rest are counted, with the day the last ends


def _timeline_letter(project: projects.ProjectInfo, items: list[projects.MilestoneInfo], as_of: dt.date,
                     settings: clarity.LetterWording,
                     customer: customers.Profile | None = None) -> letter_layout.TimelineLetter:
    """``customer``: the project's customer when already read."""
    c, to = (customer, _addressee_of(customer)) if customer is not None else addressee(project.customer_id)
    o = settings.office

    def wording(key: str) -> str:
        return templates.render(key, values, settings.templates.get(key))[1]

    since = project.last_letter_at.date() if project.last_letter_at else as_of - dt.timedelta(days=7)
    yours = your_project(project.name, c.name, c.company)
    values = {**_common_values(c, as_of, o), "project_name": project.name, "your_project": yours,
              "contact_name": project.lead or o.owner_name or o.name,
              "contact_phone": (project.lead_phone or o.phone).replace(" ", "\u00a0")}
    first = project.last_letter_at is None  # the first letter tells everything done so far
    done = tuple(letter_layout.Step(m.name, m.actual_start, m.actual_end) for m in items
                 if m.done and (m.actual_end is None or ((first or since <= m.actual_end) and m.actual_end <= as_of)))
    upcoming = []
    for m in items:
        if m.done:
            continue
        notes = []
        if m.status == "in_progress":
            notes.append("under way")
        if m.waiting_on:
            notes.append(f"waiting on {WAITING_ON_WORDS.get(m.waiting_on, m.waiting_on)}")
        if m.is_late(as_of) and m.original_end and m.current_end != m.original_end:
            notes.append(f"moved from {base.day(m.original_end, as_of, o.locale)}")
        upcoming.append(letter_layout.Step(m.name, m.current_start, m.current_end, ", ".join(notes)))
    listed = upcoming[:UPCOMING_LISTED]
    left = upcoming[UPCOMING_LISTED:]
    # the whole project's finish: the target, or the last step's end when the plan now ends later
    finish = max((d for d in [s.end or s.start for s in upcoming] + [project.target_on] if d),
                 default=None) if upcoming else None
    decisions = tuple((m.name, m.decision_needed) for m in items if not m.done and m.decision_needed)
    contact = wording("letter_contact" if project.lead_phone else "letter_contact_office")  # no "direct line" then
    if not project.lead:
        contact = f"Call us on {o.phone} with any question, big or small." if o.phone else ""
    return letter_layout.TimelineLetter(
        head=letterhead(o), to=to, letter_date=as_of, salutation=c.letter_salutation,
        subject=f"{project.name}: where things stand, {base.day(as_of, locale=o.locale)}",
        opening=wording("letter_opening"),
        done=done, nothing_done=(FIRST_LETTER_NOTHING_DONE if first else wording("letter_quiet_week")),
        upcoming=tuple(listed), more_steps=len(left),
        more_until=max((s.end or s.start for s in left if s.end or s.start), default=None),
        finish=finish,
        first_finish=project.target_on, late=tuple(_late_items(items, as_of)), decisions=decisions, contact=contact,
        closing=wording("letter_closing"), owner_name=o.owner_name,
        signature_line=o.signature_line,
        headings={"done": "Done so far"} if first else {},
        project=project.name,
    )


def generate_timeline_letter(project_id: int, as_of: dt.date | None = None,
                             override_clarity: bool = False) -> GeneratedDocument:
    as_of = as_of or clock.today()
    project, items = projects.get(project_id), projects.milestones(project_id)  # read once for all below
    settings = clarity.letter_wording()
    problems = clarity.problems_of(project, items, as_of, settings)
    if problems and not override_clarity:
        raise ClarityError(problems)
    letter = _timeline_letter(project, items, as_of, settings)
    return archive_many([Filing(letter_layout.render(letter, _letter_title(project, as_of)),
                                **_letter_filed_as(project, as_of), overridden=overridden_words(problems))])[0]


def overridden_words(problems) -> str:
    """What the clarity check found, kept with a letter printed anyway: one problem a line."""
    return "\n".join(p.message for p in problems)


def overridden_of(document_ids) -> dict[int, list[str]]:
    """For each of ``document_ids`` printed despite the clarity check, what the check found."""
    ids = list(document_ids)
    if not ids:
        return {}
    rows = database.execute_sql(f"SELECT id, overridden FROM document WHERE id IN ({','.join('?' * len(ids))})"
                                " AND overridden <> ''", ids).fetchall()
    return {r[0]: r[1].splitlines() for r in rows}


def _letter_title(project: projects.ProjectInfo, as_of: dt.date) -> str:
    return f"{project.name} — {project.customer} — {as_of.isoformat()}"


def _letter_filed_as(project: projects.ProjectInfo, as_of: dt.date) -> dict:
    return {"kind": "timeline_letter", "title": _letter_title(project, as_of), "customer_id": project.customer_id,
            "project_id": project.id}


LETTERS_AT_ONCE = 50  # letters archived together: one wait for the disk, and only these held in memory


@dataclass(frozen=True)
class WrittenLetter:
    project: projects.ProjectInfo
    letter: letter_layout.TimelineLetter
    document: GeneratedDocument
    data: bytes  # the PDF as archived


@dataclass
class WeekLetters:
    written: list[WrittenLetter] = field(default_factory=list)
    skipped: dict[int, list[Problem]] = field(default_factory=dict)  # project id -> its problems


def generate_timeline_letters(project_ids: list[int], as_of: dt.date | None = None, override_clarity: bool = False,
                              progress=None) -> WeekLetters:
    """This week's letter for each of ``project_ids``, archived as ``generate_timeline_letter`` does, a few
    dozen at a time (``archive_many``): a week's letters wait for the disk a few times, not once each.

    Projects that fail the clarity check are skipped (and listed) unless overridden.
    ``progress(done, total)`` is called after each project.
    """
    as_of = as_of or clock.today()
    settings = clarity.letter_wording()  # the same office and wording for the whole week's letters
    result = WeekLetters()
    laid_out: list[tuple[projects.ProjectInfo, letter_layout.TimelineLetter, Filing]] = []

    def file_them():
        documents = archive_many([filing for _project, _letter, filing in laid_out])
        result.written += [WrittenLetter(project, letter, document, filing.data)
                           for (project, letter, filing), document in zip(laid_out, documents)]
        laid_out.clear()

    # thousands of paragraphs made and freed: no walks of the collector over everything the program holds meanwhile
    with collection.paused():
        read: dict = {}
        for n, pid in enumerate(project_ids, start=1):
            if pid not in read:  # the next few dozen projects, their steps and customers, read together
                read = _letters_facts(project_ids[n - 1:n - 1 + LETTERS_AT_ONCE])
            project, items, customer = read[pid]
            problems = clarity.problems_of(project, items, as_of, settings)
            if problems and not override_clarity:
                result.skipped[pid] = problems
            else:
                letter = _timeline_letter(project, items, as_of, settings, customer)
                data = letter_layout.render(letter, _letter_title(project, as_of))
                laid_out.append((project, letter, Filing(data, **_letter_filed_as(project, as_of),
                                                         overridden=overridden_words(problems))))
                if len(laid_out) >= LETTERS_AT_ONCE:
                    file_them()
            if progress is not None:
                progress(n, len(project_ids))
        if laid_out:
            file_them()
    return result


def _letters_facts(project_ids: list[int]) -> dict:
    """Project id -> (project, its milestones, its customer) for several projects, in five statements."""
    found = projects.get_many(project_ids)
    for pid in project_ids:
        if pid not in found:
            raise NotFound(f"Project {pid} no longer exists.")
    steps = projects.milestones_of(project_ids)
    people = customers.get_many(p.customer_id for p in found.values())
    for p in found.values():
        if p.customer_id not in people:
            raise NotFound(f"Customer {p.customer_id} no longer exists.")
    return {pid: (found[pid], steps[pid], people[found[pid].customer_id]) for pid in project_ids}


@dataclass
class BatchResult:
    files: list[Path] = field(default_factory=list)
    combined: Path | None = None
    skipped: dict[int, list[Problem]] = field(default_factory=dict)  # project id -> its problems
    documents: list[int] = field(default_factory=list)


def _combined_name(as_of: dt.date) -> str:
    return f"{as_of.isoformat()}-all-letters.pdf"


def _letter_names(as_of: dt.date, written) -> list[str]:
    """One file name per letter, none the same (nor differing only in case, for the systems that ignore it):
    a letter whose customer and project read alike once shortened to a name gets its project number too."""
    names, taken = [], {_combined_name(as_of).casefold()}
    for w in written:
        stem = f"{as_of.isoformat()}-{_slug(w.project.customer)}-{_slug(w.project.name)}"
        name = f"{stem}.pdf"
        if name.casefold() in taken:
            name = f"{stem}-project-{w.project.id}.pdf"
        taken.add(name.casefold())
        names.append(name)
    return names


def week_problems(as_of: dt.date | None = None) -> dict[int, list[Problem]]:
    """Every active project whose letter would be vague, with its problems."""
    as_of = as_of or clock.today()
    out = {}
    for pid in projects.active_ids():
        problems = clarity.clarity_check(pid, as_of)
        if problems:
            out[pid] = problems
    return out


def week_batch(as_of: dt.date, out_dir: Path, override_clarity: bool = False, progress=None,
               project_ids: list[int] | None = None) -> BatchResult:
    """One letter per active project (or per one of ``project_ids``) in ``out_dir``, plus one combined PDF.

    Projects that fail the clarity check are skipped (and listed) unless overridden.
    ``progress(done, total)`` is called after each project.
    """
    out_dir = paths.private_folder(out_dir)  # letters name customers: the folder is the owner's only
    ids = projects.active_ids() if project_ids is None else list(project_ids)
    week = generate_timeline_letters(ids, as_of, override_clarity, progress)
    result = BatchResult(skipped=week.skipped)
    copies = [(out_dir / name, w.data) for name, w in zip(_letter_names(as_of, week.written), week.written)]
    paths.write_private_many(copies)  # customers' letters: the owner's eyes only
    result.files = [target for target, _data in copies]
    result.documents = [w.document.id for w in week.written]
    if week.written:
        combined = out_dir / _combined_name(as_of)
        _write_private(combined, letter_layout.render_many([w.letter for w in week.written],
                                                           f"Timeline letters, {formatting.format_day(as_of)}"))
        result.combined = combined
    return result


# ------------------------------------------------------------------ visit summaries

def stood_in_words(v: Visit, tech: Staff | None) -> str:
    """Who came instead of the customer's own technician and why, in plain words for the customer:
    "Kevin Lee came in place of Sam Ortiz (sick). Sam Ortiz remains your technician." The reason is
    the one given when the visit was given to whoever came (or when it was booked with them). A
    technician who has left, or is leaving, is never said to remain. "" when their own technician came,
    or they have none."""
    own = scheduling.own_technician(v.customer_id)
    if tech is not None and own.id == tech.id and not own.active:  # their own came, and is leaving: nobody named yet
        return _leaving_words(tech)
    if tech is None or own.id is None or own.id == tech.id:
        return ""
    if _theirs_then(v) == tech.id:  # their own technician came; who is theirs changed since
        return _since_words(tech, own)
    changes = list(VisitChange.select().where(VisitChange.visit == v.id).order_by(VisitChange.id.desc()))
    given = next((c for c in changes if c.new_technician_id == tech.id and c.old_technician_id != tech.id), None)
    reason = given.reason if given else ("" if changes else v.status_reason)  # booked with them: its reason
    words = f"{tech.name} came in place of {own.name}" + (f" ({reason.rstrip('.')})." if reason else ".")
    if own.active:
        return f"{words} {own.name} remains your technician."
    return f"{words} {_leaving_words(Staff.get_by_id(own.id))}"


def _theirs_then(v: Visit) -> int | None:
    """The technician the customer's "same technician" preference named when the visit took place (None: they
    had none then)."""
    then = [w for w in customers.preference_history(v.customer_id) if w.recorded_at <= v.starts_at]
    return then[-1].technician_id if then else None


def _since_words(tech: Staff, own: scheduling.OwnTechnician) -> str:
    """Their technician came, and someone else is theirs now: "Sam Ortiz is leaving us; their last day is Friday,
    January 30. Jo Banks is your technician from now on."""
    gone = _leaving_words(tech)
    return f"{gone + ' ' if gone else ''}{own.name} is your technician from now on."


def _leaving_words(person: Staff) -> str:
    """"Sam Ortiz is leaving us; their last day is Friday, January 30.", "Sam Ortiz no longer works with us.",
    or "" while they work here and are not leaving."""
    last_day = person.left_on
    if last_day is not None and last_day >= clock.today():
        return f"{person.name} is leaving us; their last day is {formatting.format_weekday(last_day)}."
    if last_day is not None or not person.active:
        return f"{person.name} no longer works with us."
    return ""


def visit_summary_facts(visit_id: int) -> visit_summary.VisitSummary:
    v = Visit.get_or_none(Visit.id == visit_id)
    if v is None:
        raise NotFound(f"Visit {visit_id} no longer exists.")
    if v.status != "completed":
        raise ValidationError({"visit": "A visit summary is written after the visit is completed; "
                                        "complete this visit first."})
    c, to = addressee(v.customer_id)
    o = office_service.get()
    tech = Staff.get_or_none(Staff.id == v.technician_id) if v.technician_id else None
    site = Site.get_or_none(Site.id == v.site_id) if v.site_id else None
    site_text = _site_text(site, o)
    nxt = (Visit.select().where((Visit.customer == v.customer_id) & (Visit.starts_at > v.starts_at)
                                & (Visit.status.in_(("scheduled", "confirmed"))))
           .order_by(Visit.starts_at).first())
    next_text = ""
    if nxt is not None:
        next_tech = Staff.get_or_none(Staff.id == nxt.technician_id) if nxt.technician_id else None
        next_text = formatting.format_moment(nxt.starts_at, 'full', year=nxt.starts_at.year != v.starts_at.year)
        promised = next_tech is not None and not technicians.gone_by(next_tech, nxt.starts_at.date())
        next_text += f", with {next_tech.name}" if promised else ", technician to be confirmed"
        next_text += f" ({nxt.service_type})" if nxt.service_type else ""
    values = {**_common_values(c, v.starts_at.date()), "technician": tech.name if tech else "our technician",
              "visit_date": formatting.format_day(v.starts_at), "contact_name": o.owner_name or (tech.name if tech else o.name)}
    products = tuple(visit_summary.Product(p.name, p.amount, p.location)
                     for p in ProductApplied.select().where(ProductApplied.visit == visit_id).order_by(ProductApplied.id))
    return visit_summary.VisitSummary(
        head=letterhead(), to=to, salutation=c.letter_salutation, service_type=v.service_type,
        starts_at=v.starts_at, ends_at=v.ends_at, technician=tech.name if tech else "", site=site_text,
        work_done=v.work_done, findings=v.findings, products=products, recommendations=v.recommendations,
        next_visit=next_text, intro=templates.render("visit_summary_intro", values)[1],
        call_us=templates.render("visit_summary_questions", values)[1], owner_name=o.owner_name,
        signature_line=o.signature_line, recorded=trade_records.recorded(visit_id),
        stood_in=stood_in_words(v, tech),
    )


def generate_visit_summary(visit_id: int) -> GeneratedDocument:
    facts = visit_summary_facts(visit_id)
    title = f"Visit summary — {facts.to.name} — {facts.starts_at:%Y-%m-%d}"
    data = visit_summary.render(facts, title)
    v = Visit.get_by_id(visit_id)
    return archive(data, kind="visit_summary", title=title, customer_id=v.customer_id, visit_id=visit_id)


# ------------------------------------------------------------------ change notices

def change_notice_text(visit_id: int) -> tuple[str, str]:
    """(subject, body) of the notice for the visit's latest change, as plain text for an email."""
    v = Visit.get_or_none(Visit.id == visit_id)
    if v is None:
        raise NotFound(f"Visit {visit_id} no longer exists.")
    change = VisitChange.select().where(VisitChange.visit == visit_id).order_by(VisitChange.id.desc()).first()
    if change is None:
        raise ValidationError({"visit": "This visit has not been moved or reassigned; there is no change to announce."})
    c = customers.get(v.customer_id)
    o = office_service.get()

    def name(staff_id):
        s = Staff.get_or_none(Staff.id == staff_id) if staff_id else None
        return s.name if s else "a technician to be confirmed"

    def moment(value):
        return formatting.format_moment(value, 'full') if value else "the same day"

    old_tech = change.old_technician_id or v.technician_id
    new_tech = change.new_technician_id or v.technician_id
    old_start, new_start = change.old_starts_at or v.starts_at, change.new_starts_at or v.starts_at
    reason = change.reason
    told = scheduling.as_told(v, scheduling.own_technician(v.customer_id))
    if told.change_id is not None:  # changed again before the notice went: from what they were told to now
        old_tech, old_start, new_tech, new_start = told.technician_id, told.starts_at, v.technician_id, v.starts_at
        reason = change.reason or told.reason
    values = {**_common_values(c, clock.today()), "service_type": v.service_type or "service",
              "change": templates.change_words(v.service_type, old_start, new_start, name(old_tech), name(new_tech),
                                               day=formatting.format_weekday),
              "old_date": moment(old_start), "new_date": moment(new_start),
              "old_technician": name(old_tech), "new_technician": name(new_tech),
              "reason": reason, "contact_name": o.owner_name or o.name}
    return templates.render("change_notice", values)


def generate_change_notice(visit_id: int, subject: str | None = None, body: str | None = None,
                           draft_id: int | None = None) -> GeneratedDocument:
    """The change notice as a printable letter, archived (not sent yet).

    ``subject`` and ``body`` print the notice as the office edited it (default: filled afresh
    from the template). A queued draft (``draft_id``) must still be waiting; it leaves the queue
    when the letter is sent (``contact.send_document(..., draft_id=...)``).
    """
    v = Visit.get_or_none(Visit.id == visit_id)
    if v is None:
        raise NotFound(f"Visit {visit_id} no longer exists.")
    draft = Draft.get_or_none(Draft.id == draft_id) if draft_id is not None else None
    if draft_id is not None and draft is None:
        raise NotFound(f"Draft {draft_id} no longer exists.")
    if draft is not None and (draft.status != "queued" or draft.customer_id != v.customer_id):
        raise ValidationError({"draft": "This notice was already sent or discarded."
                               if draft.status != "queued" else "This notice is for another customer."})
    if subject is None or body is None:
        fresh_subject, fresh_body = change_notice_text(visit_id)
        subject = fresh_subject if subject is None else subject
        body = fresh_body if body is None else body
    subject, body = clean_text(subject).strip(), clean_text(body).strip()
    if not body:
        raise ValidationError({"body": "The notice is empty."})
    if templates.defensive_problem(subject + "\n" + body):
        raise ValidationError({"body": templates.defensive_problem(subject + "\n" + body)})
    _, to = addressee(v.customer_id)
    notice = change_notice.ChangeNotice(letterhead(), to, clock.today(), subject, body)
    title = f"{subject or 'Change notice'} — {to.name} — {clock.today().isoformat()}"
    return archive(change_notice.render(notice, title), kind="change_notice", title=title,
                   customer_id=v.customer_id, visit_id=visit_id)


def delay_notice_text(milestone_id: int) -> tuple[str, str]:
    """(subject, body) explaining one late milestone, for an email or a call script, from the office's template."""
    m = projects.get_milestone(milestone_id)
    project = projects.get(m.project_id)
    if not m.delay_reason or not m.revised_end:
        raise ValidationError({"milestone": f"Give “{m.name}” a plain reason and a revised date first; "
                                            "the customer deserves both."})
    c = customers.get(project.customer_id)
    o = office_service.get()
    values = {**_common_values(c, clock.today()), "project_name": project.name, "milestone": m.name,
              "planned_date": base.day(m.original_end), "revised_date": base.day(m.current_end),
              "delay_reason": m.delay_reason, "contact_name": project.lead or o.owner_name or o.name,
              "contact_phone": project.lead_phone or o.phone}
    return templates.render("delay_explanation", values)
