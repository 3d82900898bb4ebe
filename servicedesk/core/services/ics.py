"""A technician's schedule as an iCalendar file a phone calendar imports.

Times are written as floating local times (no time zone), exactly as the office keeps them, so a
09:00 visit shows at 09:00 on the technician's phone on either side of a daylight-saving change.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from servicedesk import APP_NAME, __version__, paths
from servicedesk.core import clock, formatting
from servicedesk.core.errors import ValidationError
from servicedesk.core.services import customers, technicians
from servicedesk.core.store import database


MAX_DAYS_AHEAD = 366  # how far ahead a schedule may reach (visits are generated up to its last day)


def _rows(technician_id: int, first: dt.date, last: dt.date):
    return database.execute_sql(
        "SELECT v.id, v.starts_at, v.ends_at, v.service_type, v.status, c.id, c.name, c.phone,"
        " COALESCE(si.street, c.street), COALESCE(si.city, c.city), COALESCE(si.access_notes, '')"
        " FROM visit v JOIN customer c ON c.id = v.customer_id LEFT JOIN site si ON si.id = v.site_id"
        " WHERE v.technician_id = ? AND v.starts_at >= ? AND v.starts_at < ?"
        " AND v.status IN ('scheduled', 'confirmed') ORDER BY v.starts_at",
        (technician_id, dt.datetime.combine(first, dt.time()),
         dt.datetime.combine(last + dt.timedelta(days=1), dt.time())),
    ).fetchall()


def _dt(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def calendar(technician_id: int, first: dt.date, last: dt.date) -> bytes:
    """The technician's planned visits from ``first`` to ``last`` inclusive, as iCalendar bytes.

    Service plans' visits up to ``last`` are generated first, so a range further ahead than the
    board has looked still holds every planned visit.
    """
    if last < first:
        raise ValidationError({"to": "The end date comes before the start date."})
    limit = clock.today() + dt.timedelta(days=MAX_DAYS_AHEAD)
    if last > limit:  # the plans' visits are generated (and stored) only this far ahead
        raise ValidationError({"to": f"A schedule reaches at most a year ahead, to {limit.isoformat()}; "
                                     f"{last.isoformat()} is further than the service plans are planned. "
                                     "Choose an earlier last day."})
    tech = technicians.get(technician_id)
    from servicedesk.core.services import recurrence

    recurrence.generate(max(last, clock.today()))  # the plans' visits in the range exist before they are read
    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME} {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{tech.name}: visits {formatting.format_day(first, year=False, short=True)} – {formatting.format_date(last)}")
    stamp = clock.now().astimezone(dt.timezone.utc)  # the office's local clock, stamped in UTC
    for r in _rows(technician_id, first, last):
        event = Event()
        event.add("uid", f"visit-{r[0]}@servicedesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", _dt(r[1]))
        event.add("dtend", _dt(r[2]))
        event.add("summary", f"{r[3] or 'Visit'}: {r[6]}")
        location = ", ".join(x for x in (r[8], r[9]) if x)
        if location:
            event.add("location", location)
        lines = [f"Customer: {r[6]}" + (f", {r[7]}" if r[7] else "")]
        lines += [f"Matters: {w.kind.replace('_', ' ')}" + (f" — “{w.words}”" if w.words else "")
                  for w in customers.what_matters(r[5])]
        if r[10]:
            lines.append(f"Access: {r[10]}")
        event.add("description", "\n".join(lines))
        event.add("status", "CONFIRMED" if r[4] == "confirmed" else "TENTATIVE")
        cal.add_component(event)
    return cal.to_ical()


def export(technician_id: int, first: dt.date, last: dt.date, path) -> int:
    """Write the .ics file; returns how many visits it holds."""
    data = calendar(technician_id, first, last)
    paths.write_private(path, data)  # names, addresses and lockbox codes: readable by the owner only
    return data.count(b"BEGIN:VEVENT")
