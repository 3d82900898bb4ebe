"""Writing a checked import: new customers with their sites and contacts, and the changes of a re-import.

Everything was checked before (outside the write lock); here the rows go in by batches in one
transaction, so a failure or a stop halfway leaves the office as it was.
"""

from __future__ import annotations

from servicedesk.core import clock
from servicedesk.core.services import customers, health
from servicedesk.core.services.import_records import place_key
from servicedesk.core.store import database, dialect, transaction
from servicedesk.core.store.models import Contact, Customer, Site

BATCH = 1000
_FIELDS = ("name", "company", "salutation", "status", "cancel_reason", "customer_since", "trade",
           "preferred_channel", "best_time", "phone", "phone_e164", "email", "street", "street2", "city", "state",
           "postcode", "country", "notes", "technician_id", "reference", "tags")


def current(ids: list[int]) -> dict[int, dict]:
    """What the office has for these customers: fields, the places of their sites, their numbers and emails."""
    out = {i: {"fields": {}, "places": [], "reach": set()} for i in ids}
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        marks = ",".join("?" * len(part))
        for row in database.execute_sql(f"SELECT id, {', '.join(_FIELDS)} FROM customer WHERE id IN ({marks})",
                                        part).fetchall():
            fields = dict(zip(_FIELDS, row[1:]))
            if fields["customer_since"] is not None:
                fields["customer_since"] = str(fields["customer_since"])[:10]
            out[row[0]]["fields"] = fields
        for row in database.execute_sql(
                f"SELECT customer_id, street, street2, city, postcode FROM site WHERE customer_id IN ({marks})",
                part).fetchall():
            out[row[0]]["places"].append(place_key(dict(zip(("street", "street2", "city", "postcode"), row[1:]))))
        for row in database.execute_sql(
                f"SELECT customer_id, phone_e164, phone, lower(email), name FROM contact WHERE customer_id IN ({marks})",
                part).fetchall():
            out[row[0]]["reach"] |= {v for v in (row[1] or row[2], row[3]) if v} or {row[4].casefold()}
    for item in out.values():
        since = item["fields"].get("customer_since")
        if since:
            import datetime as dt

            item["fields"]["customer_since"] = dt.date.fromisoformat(since)
    return out


def inserter(model, skip=("id",)):
    """SQL and a row builder for ``model``: the model's defaults filled in, values converted as peewee does."""
    fields = [f for f in model._meta.sorted_fields if f.name not in skip]
    sql = (f'INSERT INTO "{model._meta.table_name}" ({", ".join(chr(34) + f.column_name + chr(34) for f in fields)})'
           f" VALUES ({', '.join('?' * len(fields))})")
    defaults = {f.name: (f.default() if callable(f.default) else f.default) for f in fields}

    def row(values: dict) -> list:
        return [f.db_value(values[f.name] if f.name in values else defaults[f.name]) for f in fields]

    return sql, row


def write(new: list, updates: list, step) -> tuple[list[int], int]:
    """Insert ``new`` customers and apply ``updates``; ``step(done, total)`` may raise to stop. (ids, updated)."""
    stamp, today = clock.now(), clock.today()
    customer_sql, customer_row = inserter(Customer)
    site_sql, site_row = inserter(Site)
    contact_sql, contact_row = inserter(Contact)
    engine = dialect.current()
    site_sql, contact_sql = engine.native(site_sql), engine.native(contact_sql)
    ids: list[int] = []
    sites: list[list] = []
    contacts: list[list] = []
    total = len(new) + len(updates)
    # every customer row is converted before the write transaction, which then only inserts: it
    # stays short, so the window and other programs wait as little as possible
    prepared = []
    for row in new:
        values = {"customer_since": today, "created_at": stamp, "updated_at": stamp, **row.values}
        if "technician_id" in values:
            values["technician"] = values.pop("technician_id")
        prepared.append(customer_row(values))
    with transaction():
        cursor = database.cursor()
        for done, (row, customer_values) in enumerate(zip(new, prepared), start=1):
            # one by one: each customer's id is needed for their sites and contacts
            customer_id = engine.insert_id(cursor, customer_sql, customer_values)
            ids.append(customer_id)
            sites += [site_row({**site, "customer": customer_id}) for site in row.sites]
            contacts += [contact_row({**c, "customer": customer_id}) for c in row.contacts]
            if len(sites) >= BATCH or len(contacts) >= BATCH:
                cursor.executemany(site_sql, sites)
                cursor.executemany(contact_sql, contacts)
                sites, contacts = [], []
            if done % 200 == 0:
                step(done, total)
        for done, change in enumerate(updates, start=len(new) + 1):
            if change.values:
                values = dict(change.values)
                if "technician_id" in values:
                    values["technician"] = values.pop("technician_id")
                Customer.update(version=Customer.version + 1, updated_at=stamp, **values,
                                **customers.cancellation_day(values)).where(
                    Customer.id == change.customer_id).execute()
            sites += [site_row({**site, "customer": change.customer_id}) for site in change.sites]
            contacts += [contact_row({**c, "customer": change.customer_id}) for c in change.contacts]
            if done % 200 == 0:
                step(done, total)
        cursor.executemany(site_sql, sites)
        cursor.executemany(contact_sql, contacts)
        touched = ids + [u.customer_id for u in updates if u.changes]
        # a customer since long ago, never contacted, is scored so from the start
        health.recompute(touched)
    return ids, sum(1 for u in updates if u.changes)
