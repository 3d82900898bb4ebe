"""What goes out, to whom and when: before, during and after every visit.

- *Before*: a reminder ``reminder_days`` before each visit (the office's setting; a customer can
  turn reminders off), and a change notice the moment a change is confirmed.
- *During*: “running late”, sent at once from the board.
- *After*: the visit summary (PDF attached) once the visit is completed; the weekly timeline
  letter (PDF attached) with ``servicedesk letters --email``.

Only customers who prefer email get email; those who prefer texts get the same news at SMS
length (through their gateway address, or copied to the office's phone); everyone else stays
in the print and call queues as before. A message goes at the customer's best time to be
reached when they gave one (never later than two hours before the visit it is about), except
“running late”, which goes at once. Each automatic message has a key, so it is queued once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from servicedesk.core import clock, formatting
from servicedesk.core.errors import NotFound, ServiceError, ValidationError
from servicedesk.core.services import templates
from servicedesk.core.services.mail import best_time, outbox, texts
from servicedesk.core.services.mail import settings as mail_settings
from servicedesk.core.store import transaction
from servicedesk.core.store.models import Customer, Draft, OutboxMessage, Visit, VisitChange

log = logging.getLogger(__name__)

ACTIVE = ("scheduled", "confirmed")
BEFORE_VISIT = dt.timedelta(hours=2)  # a message about a visit arrives at least this long before it
CHANNEL_WORDS = {"phone": "a call", "letter": "a letter", "visit": "a word at the visit",
                 "in_person": "a word in person", "email": "email", "text": "a text message"}


@dataclass(frozen=True)
class Reach:
    channel: str | None  # email, text, or None: they prefer a call or a letter
    address: str  # their email, their text gateway address, or "" (a text copied to the office's phone)
    best_time: str
    name: str
    preferred: str
    phone: str


def reach(customer_id: int, settings: mail_settings.MailSettings | None = None) -> Reach:
    c = Customer.get_or_none(Customer.id == customer_id)
    if c is None:
        raise NotFound(f"Customer {customer_id} no longer exists.")
    channel, address = None, ""
    if c.preferred_channel == "email" and c.email:
        channel, address = "email", c.email
    elif c.preferred_channel == "text":
        settings = settings or mail_settings.get()
        number = c.phone_e164.lstrip("+")
        gateway = settings.sms_gateway.replace("{number}", number) if settings.sms_gateway and number else ""
        channel, address = "text", c.sms_address or gateway
    return Reach(channel, address, c.best_time, c.name, c.preferred_channel, c.phone)


def _not_before(r: Reach, before: dt.datetime | None = None) -> dt.datetime | None:
    """Their next best moment (None: now), never later than ``BEFORE_VISIT`` before ``before``."""
    now = clock.now()
    moment = best_time.next_moment(r.best_time, now)
    if moment is None or moment <= now:
        return None
    if before is not None and moment > before - BEFORE_VISIT:
        return None
    return moment


def _queue(customer_id: int, kind: str, subject: str, body: str, sms: str | None, *, key: str | None,
           before: dt.datetime | None = None, urgent: bool = False, **links) -> int | None:
    """Queue by the customer's channel; None when they prefer a call or a letter (or a PDF cannot go by text)."""
    r = reach(customer_id)
    if r.channel is None or (r.channel == "text" and sms is None):
        return None
    when = None if urgent else _not_before(r, before)
    if r.channel == "email":
        return outbox.queue(customer_id, kind, subject, body, to_address=r.address, key=key, not_before=when,
                            **links)
    return outbox.queue(customer_id, kind, "", texts.fit(sms), channel="text", to_address=r.address, key=key,
                        not_before=when, **links)


def _queued(key: str) -> int | None:
    found = OutboxMessage.get_or_none(OutboxMessage.key == key)
    return found.id if found is not None else None


def _visit(visit_id: int) -> Visit:
    v = Visit.get_or_none(Visit.id == visit_id)
    if v is None:
        raise NotFound(f"Visit {visit_id} no longer exists.")
    return v


def _visit_values(v: Visit) -> dict:
    values = templates.values_for(v.customer_id, visit_id=v.id)
    values.setdefault("technician", "our technician")
    values.setdefault("office_phone", "")
    values.setdefault("office_name", "")
    values.update(visit_date=formatting.format_date(v.starts_at, "full"), visit_time=formatting.format_time(v.starts_at),
                  service_type=v.service_type or "service")
    return values


def _short_day(moment: dt.datetime) -> str:
    return f"{formatting.format_date(moment, 'medium')} {formatting.format_time(moment)}"


# ------------------------------------------------------------------ before the visit

def reminder(visit_id: int) -> int | None:
    """The reminder for a planned visit, queued once per visit time; None when it does not go by email or text."""
    v = _visit(visit_id)
    customer = Customer.get_by_id(v.customer_id)
    if v.status not in ACTIVE or not customer.visit_reminders or v.starts_at <= clock.now():
        return None
    key = f"reminder:visit:{v.id}:{v.starts_at:%Y%m%dT%H%M}"
    if (found := _queued(key)) is not None:
        return found
    values = _visit_values(v)
    subject, body = templates.render("visit_reminder", values)
    sms = (f"{values['office_name']}: reminder, {values['technician']} comes for your {values['service_type']} on "
           f"{_short_day(v.starts_at)}. To change it call {values['office_phone']}.")
    return _queue(v.customer_id, "reminder", subject, body, sms, key=key, before=v.starts_at, visit_id=v.id)


def _notice_sms(draft: Draft) -> str:
    change = (VisitChange.select().where(VisitChange.visit == draft.visit_id).order_by(VisitChange.id.desc()).first()
              if draft.visit_id else None)
    office = templates.values_for(draft.customer_id)
    if change is None:
        return f"{office.get('office_name', '')}: {draft.subject}. Call {office.get('office_phone', '')}."
    v = _visit(draft.visit_id)
    who = f" with {change.new_technician.name}" if change.new_technician_id else ""
    why = f" Why: {change.reason}." if change.reason else ""
    return (f"{office.get('office_name', '')}: your {v.service_type or 'service'} visit is now "
            f"{_short_day(change.new_starts_at or v.starts_at)}{who}.{why} "
            f"Call {office.get('office_phone', '')} if it does not suit.")


def change_notice(draft_id: int) -> int | None:
    """A queued change notice to the customer's email (or text): it leaves the queue once the server takes it."""
    draft = Draft.get_or_none(Draft.id == draft_id)
    if draft is None:
        raise NotFound(f"Draft {draft_id} no longer exists.")
    if draft.status != "queued":
        return None
    v = Visit.get_or_none(Visit.id == draft.visit_id) if draft.visit_id else None
    return _queue(draft.customer_id, "change_notice", draft.subject, draft.body, _notice_sms(draft),
                  key=f"notice:draft:{draft.id}", before=v.starts_at if v else None, draft_id=draft.id,
                  visit_id=draft.visit_id)


def sweep(now: dt.datetime | None = None) -> int:
    """Queue what is due by now: the reminders for visits within ``reminder_days``, and queued notices not yet
    in the outbox. Withdraw reminders for visits cancelled or moved. Returns how many were queued."""
    settings = mail_settings.get()
    if not settings.configured:
        return 0
    now = now or clock.now()
    queued = 0
    with transaction():
        _withdraw_stale_reminders()
        if settings.reminder_days:
            last_day = dt.datetime.combine(now.date() + dt.timedelta(days=settings.reminder_days + 1), dt.time())
            visits = (Visit.select(Visit.id).join(Customer, on=(Customer.id == Visit.customer))
                      .where(Visit.status.in_(ACTIVE) & (Visit.starts_at > now) & (Visit.starts_at < last_day)
                             & (Customer.visit_reminders == True)  # noqa: E712
                             & Customer.preferred_channel.in_(("email", "text")) & (Customer.status == "active")))
            for v in visits:
                queued += _counted(lambda: reminder(v.id))
        notices = (Draft.select(Draft.id).join(Customer, on=(Customer.id == Draft.customer))
                   .where((Draft.status == "queued") & Customer.preferred_channel.in_(("email", "text"))))
        for d in notices:
            queued += _counted(lambda: change_notice(d.id))
    return queued


def _counted(make) -> int:
    before = OutboxMessage.select().count()
    try:
        make()
    except ValidationError as exc:  # an address that is not one, say: the rest still go
        log.warning("not queued: %s", exc)
        return 0
    return OutboxMessage.select().count() - before


def _withdraw_stale_reminders() -> None:
    for m in OutboxMessage.select().where((OutboxMessage.kind == "reminder") & (OutboxMessage.status == "queued")):
        v = Visit.get_or_none(Visit.id == m.visit_id) if m.visit_id else None
        current = v is not None and v.status in ACTIVE and (m.key or "").endswith(f":{v.starts_at:%Y%m%dT%H%M}")
        if not current:
            OutboxMessage.update(status="cancelled", last_error="The visit was moved or cancelled; "
                                 "this reminder is no longer right.").where(OutboxMessage.id == m.id).execute()


def template_message(customer_id: int, to_address: str, subject: str, body: str, draft_id: int | None = None) -> int:
    """A message the office wrote from a template (an apology, a queued notice as edited), to go by email now."""
    if draft_id is not None:
        draft = Draft.get_or_none(Draft.id == draft_id)
        if draft is None or draft.status != "queued":
            raise ValidationError({"draft": "This message was already sent or discarded."})
        key = f"notice:draft:{draft_id}"
        found = OutboxMessage.get_or_none(OutboxMessage.key == key)
        if found is not None and found.status in ("queued", "sending", "sent"):
            raise ValidationError({"draft": "This notice is already in the outbox."})
        with transaction():  # a cancelled or failed earlier try gives way to the message as edited now
            if found is not None:
                OutboxMessage.update(key=None).where(OutboxMessage.id == found.id).execute()
            return outbox.queue(customer_id, "change_notice", subject, body, to_address=to_address, key=key,
                                draft_id=draft_id, visit_id=draft.visit_id)
    return outbox.queue(customer_id, "message", subject, body, to_address=to_address)


# ------------------------------------------------------------------ during the visit

def running_late(visit_id: int, minutes: int) -> int:
    """“Running late” to the customer at once; ValidationError saying how to reach them when not by email or text."""
    v = _visit(visit_id)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 5 <= minutes <= 240:
        raise ValidationError({"minutes": "Say how late, between 5 and 240 minutes."})
    if v.status not in ACTIVE:
        raise ValidationError({"visit": f"This visit is {v.status.replace('_', ' ')}; there is nobody to tell."})
    subject, body, sms = _late_words(v, minutes)
    queued = _queue(v.customer_id, "running_late", subject, body, sms, key=None, urgent=True, visit_id=v.id)
    if queued is None:
        r = reach(v.customer_id)
        raise ValidationError({"channel": f"{r.name} prefers {CHANNEL_WORDS.get(r.preferred, r.preferred)}: "
                                          f"call them{' on ' + r.phone if r.phone else ''}."})
    return queued


def running_late_preview(visit_id: int, minutes: int) -> tuple[Reach, str]:
    """(how the customer is reached, the words they would get) for the board's dialog."""
    v = _visit(visit_id)
    r, (_subject, body, sms) = reach(v.customer_id), _late_words(v, minutes)
    return r, texts.fit(sms) if r.channel == "text" else body


def _late_words(v: Visit, minutes: int) -> tuple[str, str, str]:
    """(subject, email text, text message) saying the technician runs ``minutes`` late for ``v``."""
    values = _visit_values(v)
    values.update(minutes=minutes, arrival_time=formatting.format_time(v.starts_at + dt.timedelta(minutes=minutes)))
    subject, body = templates.render("running_late", values)
    sms = (f"{values['office_name']}: {values['technician']} is about {minutes} min late today, with you around "
           f"{values['arrival_time']}. Sorry! {values['office_phone']}")
    return subject, body, sms


# ------------------------------------------------------------------ after the visit

def visit_summary(visit_id: int) -> int | None:
    """The completed visit's summary, PDF attached, to a customer who prefers email (once)."""
    v = _visit(visit_id)
    key = f"summary:visit:{v.id}"
    if (found := _queued(key)) is not None:
        return found
    if reach(v.customer_id).channel != "email":
        return None
    from servicedesk.core.services import documents

    generated = documents.generate_visit_summary(visit_id)
    subject, body = templates.render("visit_summary_email", _visit_values(v))
    return _queue(v.customer_id, "visit_summary", subject, body, None, key=key, document_id=generated.id, visit_id=v.id)


def week_letter(project_id: int, as_of: dt.date, override_clarity: bool = False) -> int | None:
    """This week's timeline letter, PDF attached, to a customer who prefers email (once per week);
    ClarityError when the letter would be vague."""
    from servicedesk.core.services import documents, projects

    project = projects.get(project_id)
    if (found := _queued(_week_key(project_id, as_of))) is not None:
        return found
    if reach(project.customer_id).channel != "email":
        return None
    generated = documents.generate_timeline_letter(project_id, as_of, override_clarity=override_clarity)
    return _queue_week_letter(project.customer_id, project_id, as_of, generated.id)


def _week_key(project_id: int, as_of: dt.date) -> str:
    return f"letter:project:{project_id}:{as_of.isoformat()}"


def _queue_week_letter(customer_id: int, project_id: int, as_of: dt.date, document_id: int) -> int | None:
    values = templates.values_for(customer_id, project_id=project_id)
    values.setdefault("contact_phone", "")
    values.setdefault("office_name", "")
    subject, body = templates.render("letter_email", values)
    return _queue(customer_id, "timeline_letter", subject, body, None, key=_week_key(project_id, as_of),
                  document_id=document_id, project_id=project_id)


@dataclass
class WeekByEmail:
    queued: dict[int, int] = field(default_factory=dict)  # project id -> outbox message id
    skipped: dict[int, list] = field(default_factory=dict)  # project id -> clarity problems
    others: list[int] = field(default_factory=list)  # projects whose customer prefers paper or a call


def queue_week_letters(as_of: dt.date, override_clarity: bool = False) -> WeekByEmail:
    """This week's letter to every customer with a project under way who prefers email (each once per week),
    the letters written and archived together."""
    from servicedesk.core.services import documents, projects

    result = WeekByEmail()
    queued: dict[int, int | None] = {}
    to_write = []
    for pid in projects.active_ids():
        if reach(projects.get(pid).customer_id).channel != "email":
            result.others.append(pid)
        elif (found := _queued(_week_key(pid, as_of))) is not None:
            queued[pid] = found
        else:
            to_write.append(pid)
            queued[pid] = None
    week = documents.generate_timeline_letters(to_write, as_of, override_clarity)
    result.skipped = week.skipped
    for written in week.written:
        queued[written.project.id] = _queue_week_letter(written.project.customer_id, written.project.id, as_of,
                                                        written.document.id)
    result.queued = {pid: message for pid, message in queued.items() if pid not in week.skipped}
    return result


# ------------------------------------------------------------------ as things happen

def send_round(checkpoint=None) -> outbox.Batch:
    """What the window does every minute and ``servicedesk outbox --send`` once: queue what is due, send it."""
    sweep()
    return outbox.send_due(checkpoint=checkpoint)


def after(event: str, record_id: int) -> int | None:
    """Called by the schedule as things happen (``completed`` a visit, ``changed`` a visit: the draft's id).

    Mail never stands in the way of the work: without a mail account nothing happens, and a
    failure is logged (the message can still be printed or sent by hand).
    """
    if not mail_settings.get().configured:
        return None
    try:
        return visit_summary(record_id) if event == "completed" else change_notice(record_id)
    except ServiceError as exc:
        log.warning("mail after %s %s not queued: %s", event, record_id, exc)
        return None
