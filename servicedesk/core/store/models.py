"""Peewee models for the whole office: people, places, plans, visits, projects and every word exchanged.

Dates are stored as ISO dates, moments as naive local datetimes (the office's own clock).
Choice values are plain strings; the allowed values live in the ``*_CHOICES`` tuples below
so that services validate against one list.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    SQL,
    Model,
    TextField,
    TimeField,
)

from servicedesk.core.store.db import database


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


# ---------------------------------------------------------------- office and staff

class Setting(BaseModel):
    """Office settings and preferences that belong to the data (name, region, targets...)."""

    key = CharField(primary_key=True)
    value = TextField()  # JSON


STAFF_ROLES = ("technician", "office", "owner", "project_lead")


class Staff(BaseModel):
    id = AutoField()
    name = CharField()
    role = CharField(default="technician")
    phone = CharField(default="")
    email = CharField(default="")
    skills = TextField(default="")
    color = CharField(default="#4a7ab5")
    active = BooleanField(default=True)
    left_on = DateField(null=True)
    created_at = DateTimeField(default=now)
    licence_number = CharField(default="")  # a pesticide applicator's licence, printed with what they applied


TIME_OFF_REASONS = ("vacation", "sick", "training", "other")


class TimeOff(BaseModel):
    id = AutoField()
    staff = ForeignKeyField(Staff, backref="time_off", on_delete="CASCADE")
    starts_at = DateTimeField()
    ends_at = DateTimeField()
    reason = CharField(default="vacation")
    note = TextField(default="")

    class Meta:
        indexes = ((("staff", "starts_at", "ends_at"), False),)


# ---------------------------------------------------------------- customers

CUSTOMER_STATUSES = ("prospect", "active", "paused", "cancelled")
CHANNELS = ("phone", "email", "letter", "visit", "in_person", "text")


class Customer(BaseModel):
    id = AutoField()
    name = CharField()  # the person, as they would sign
    sort_name = CharField(index=True)  # "surname, given" folded to lower case
    company = CharField(default="")
    salutation = CharField(default="")  # "Dear Dorothy"
    status = CharField(default="active", index=True)
    cancel_reason = TextField(default="")
    customer_since = DateField(null=True)
    trade = CharField(default="")  # pool, pest, cleaning: which line of work serves them
    preferred_channel = CharField(default="phone")
    best_time = CharField(default="")
    phone = CharField(default="")  # as typed
    phone_e164 = CharField(default="", index=True)
    email = CharField(default="")
    street = CharField(default="")
    street2 = CharField(default="")  # suite, unit, building
    city = CharField(default="")
    state = CharField(default="")  # state, province, county or region
    postcode = CharField(default="")
    country = CharField(default="")  # ISO 3166 code; empty: the office's own country
    notes = TextField(default="")
    technician = ForeignKeyField(Staff, null=True, backref="customers", on_delete="SET NULL")
    reference = CharField(default="")  # the id their previous program gave them ("J-ID")
    tags = TextField(default="")  # "VIP, Monthly": comma-separated, as the office wrote them
    visit_reminders = BooleanField(default=True)  # a reminder before each visit, when the office sends them
    sms_address = CharField(default="")  # their email-to-SMS gateway address, when the office uses one
    contact_rhythm_days = IntegerField(null=True)  # usual gap between contacts; None: office default
    fit_check = TextField(default="")  # JSON: {"item": true/false}
    fit_note = TextField(default="")
    # Denormalised for the list, kept by the services: instant sorting over 100k rows.
    next_visit_at = DateTimeField(null=True, index=True)
    last_contact_at = DateTimeField(null=True, index=True)
    open_concerns = IntegerField(default=0, index=True)
    health_score = IntegerField(default=100, index=True)
    cancelled_on = DateField(null=True)  # the day they cancelled (kept by customers.update)
    version = IntegerField(default=1)  # optimistic concurrency: bumped on every save
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    changed_by = CharField(default="")  # who saved last, and on which PC (session.who())


# Type-ahead on one or two letters walks this index for given names (sort_name serves surnames).
Customer.add_index(SQL('CREATE INDEX IF NOT EXISTS "customer_name_nocase" ON "customer" ("name" COLLATE NOCASE)'))
# "Not contacted" walks the few customers with a rhythm of their own in the order of their last contact.
Customer.add_index(Customer.last_contact_at, name="customer_own_rhythm", where=Customer.contact_rhythm_days.is_null(False))


class Contact(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="contacts", on_delete="CASCADE")
    name = CharField()
    role = CharField(default="")
    phone = CharField(default="")
    phone_e164 = CharField(default="")
    email = CharField(default="")
    is_primary = BooleanField(default=False)


class Site(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="sites", on_delete="CASCADE")
    label = CharField(default="Main")
    street = CharField(default="")
    street2 = CharField(default="")
    city = CharField(default="")
    state = CharField(default="")
    postcode = CharField(default="")
    country = CharField(default="")
    access_notes = TextField(default="")  # gate code, dog, parking


WHAT_MATTERS_KINDS = (
    "same_technician",
    "call_before",
    "time_window",
    "quiet",
    "price_sensitive",
    "speed_over_schedule",
    "other",
)
SAYS_DAY_MATTERS = ("time_window", "speed_over_schedule")  # the day or time matters more than the person


class WhatMatters(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="what_matters", on_delete="CASCADE")
    kind = CharField()
    technician = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    words = TextField(default="")  # in the customer's own words
    recorded_at = DateTimeField(default=now)
    active = BooleanField(default=True)


GOAL_KINDS = ("goal", "challenge", "expect_when", "expect_includes", "expect_excludes")


class CustomerGoal(BaseModel):
    """Goals, challenges and the expectations the office agreed to."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="goals", on_delete="CASCADE")
    kind = CharField()
    text = TextField()
    recorded_at = DateTimeField(default=now)


# ---------------------------------------------------------------- plans and visits

RECURRENCE_KINDS = ("weekly", "every_n_weeks", "monthly_weekday", "monthly_date")


class ServicePlan(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="plans", on_delete="CASCADE")
    site = ForeignKeyField(Site, null=True, backref="plans", on_delete="SET NULL")
    service_type = CharField()
    recurrence = CharField(default="monthly_weekday")
    interval = IntegerField(default=1)  # every N weeks / months
    weekday = IntegerField(null=True)  # 0 Monday .. 6 Sunday
    week_of_month = IntegerField(null=True)  # 1..4, -1 last
    day_of_month = IntegerField(null=True)
    window_start = TimeField(default=dt.time(8, 0))
    window_end = TimeField(default=dt.time(12, 0))
    duration_min = IntegerField(default=60)
    technician = ForeignKeyField(Staff, null=True, backref="plans", on_delete="SET NULL")
    includes = TextField(default="")
    starts_on = DateField()
    ends_on = DateField(null=True)
    active = BooleanField(default=True)
    generated_until = DateField(null=True)


VISIT_STATUSES = ("scheduled", "confirmed", "completed", "cancelled", "rescheduled", "no_access")


class Visit(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="visits", on_delete="CASCADE")
    site = ForeignKeyField(Site, null=True, on_delete="SET NULL")
    plan = ForeignKeyField(ServicePlan, null=True, backref="visits", on_delete="SET NULL")
    occurrence = DateField(null=True)  # the plan's date this visit was generated for
    technician = ForeignKeyField(Staff, null=True, backref="visits", on_delete="SET NULL")
    service_type = CharField(default="")
    starts_at = DateTimeField(index=True)
    ends_at = DateTimeField()
    status = CharField(default="scheduled")
    status_reason = TextField(default="")  # cancellation / no-access / reschedule reason
    work_done = TextField(default="")
    findings = TextField(default="")
    recommendations = TextField(default="")
    completed_at = DateTimeField(null=True)
    created_at = DateTimeField(default=now)
    notes = TextField(default="")  # notes and instructions it came with from another program
    import_key = CharField(default="")  # the visit as that program had it: imported once, never twice

    class Meta:
        indexes = (
            (("plan", "occurrence"), True),
            (("customer", "starts_at"), False),
            (("technician", "starts_at"), False),
            (("customer", "import_key"), False),
        )


class VisitChange(BaseModel):
    """Every move of a visit: who it went to and when, and why, so the history keeps the original slot."""

    id = AutoField()
    visit = ForeignKeyField(Visit, backref="changes", on_delete="CASCADE")
    changed_at = DateTimeField(default=now)
    old_technician = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    new_technician = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    old_starts_at = DateTimeField(null=True)
    new_starts_at = DateTimeField(null=True)
    reason = TextField(default="")


# what the follow-up sweep looks for (step 23): a customer's completed visits, the last days' changes;
# the condition written out, as an index's condition takes no parameter on PostgreSQL
_COMPLETED = SQL("\"status\" = 'completed'")
Visit.add_index(Visit.customer, Visit.starts_at, name="visit_completed_customer_id_starts_at", where=_COMPLETED)
Visit.add_index(Visit.starts_at, Visit.customer, name="visit_completed_starts_at_customer_id", where=_COMPLETED)
VisitChange.add_index(VisitChange.changed_at, name="visit_change_changed_at")


class ProductApplied(BaseModel):
    id = AutoField()
    visit = ForeignKeyField(Visit, backref="products", on_delete="CASCADE")
    name = CharField()
    amount = CharField(default="")
    location = CharField(default="")


class PestApplication(BaseModel):
    """One pesticide application, as a state inspector's monthly log lists it."""

    id = AutoField()
    visit = ForeignKeyField(Visit, backref="applications", on_delete="CASCADE")
    applied_at = DateTimeField(index=True)
    target_pest = CharField()
    product = CharField()
    registration_number = CharField()  # the product's EPA (or national) registration number
    amount = FloatField()
    unit = CharField()
    area = CharField()  # where, and how much of it
    applicator = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    licence_number = CharField(default="")  # the applicator's licence when it was applied


class VisitReading(BaseModel):
    """What a trade records at a visit: a pool's water readings, a room's moisture, the areas done."""

    id = AutoField()
    visit = ForeignKeyField(Visit, backref="readings", on_delete="CASCADE")
    field = CharField()  # a key of the trade's declaration (servicedesk.core.services.trade_records)
    area = CharField(default="")
    number = FloatField(null=True)
    text = TextField(default="")


# ---------------------------------------------------------------- projects

PROJECT_STATUSES = ("planned", "active", "on_hold", "completed", "cancelled")
MILESTONE_STATUSES = ("not_started", "in_progress", "done", "delayed", "waiting")
WAITING_ON = ("", "permit", "inspection", "weather", "materials", "customer_decision", "crew")


class Project(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="projects", on_delete="CASCADE")
    site = ForeignKeyField(Site, null=True, on_delete="SET NULL")
    name = CharField()
    lead = ForeignKeyField(Staff, null=True, on_delete="SET NULL")  # the named contact person
    starts_on = DateField(null=True)
    target_on = DateField(null=True)
    status = CharField(default="active", index=True)
    last_letter_at = DateTimeField(null=True)
    version = IntegerField(default=1)  # optimistic concurrency, as on Customer
    changed_by = CharField(default="")
    changed_at = DateTimeField(null=True)


class Milestone(BaseModel):
    id = AutoField()
    project = ForeignKeyField(Project, backref="milestones", on_delete="CASCADE")
    position = IntegerField(default=0)
    name = CharField()
    planned_start = DateField(null=True)
    planned_end = DateField(null=True)
    actual_start = DateField(null=True)
    actual_end = DateField(null=True)
    status = CharField(default="not_started")
    waiting_on = CharField(default="")
    delay_reason = TextField(default="")  # customer-facing, plain language
    revised_end = DateField(null=True)
    decision_needed = TextField(default="")  # what the customer must decide, if anything
    revised_start = DateField(null=True)  # a revised step has a revised start as well as a revised end
    held = BooleanField(default=False)  # the office keeps these dates when an earlier step slips
    moved_by = ForeignKeyField("self", null=True, backref="+", on_delete="SET NULL")  # the slip that moved it
    updated_at = DateTimeField(null=True)  # when the office last said anything about this step
    version = IntegerField(default=1)  # optimistic concurrency, as on Project
    changed_by = CharField(default="")  # who changed it last ("Maria Keller on FRONT-DESK"), and when
    changed_at = DateTimeField(null=True)


DEPENDENCY_KINDS = ("finish_to_start", "start_to_start")


class MilestoneDependency(BaseModel):
    """A step that waits for an earlier one: to finish (the usual case) or to start."""

    id = AutoField()
    milestone = ForeignKeyField(Milestone, backref="dependencies", on_delete="CASCADE")
    depends_on = ForeignKeyField(Milestone, backref="dependents", on_delete="CASCADE")
    kind = CharField(default="finish_to_start")

    class Meta:
        indexes = ((("milestone", "depends_on"), True),)


class MilestoneBaseline(BaseModel):
    """The plan as it stood before a change, so a letter can say 'planned 3 May, now 10 May'."""

    id = AutoField()
    milestone = ForeignKeyField(Milestone, backref="baselines", on_delete="CASCADE")
    recorded_at = DateTimeField(default=now)
    planned_start = DateField(null=True)
    planned_end = DateField(null=True)
    note = TextField(default="")


# ---------------------------------------------------------------- communication

CONCERN_CATEGORIES = ("timeline", "service_quality", "technician_change", "billing", "other")
SEVERITIES = ("low", "medium", "high")


class Concern(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="concerns", on_delete="CASCADE")
    raised_at = DateTimeField(default=now, index=True)
    channel = CharField(default="phone")
    words = TextField()  # the customer's own words
    category = CharField(default="other")
    severity = CharField(default="medium")
    acknowledged_at = DateTimeField(null=True)
    acknowledged_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    resolution = TextField(default="")
    resolved_at = DateTimeField(null=True, index=True)
    project = ForeignKeyField(Project, null=True, on_delete="SET NULL")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    version = IntegerField(default=1)  # optimistic concurrency, as on Customer
    # Raised again after a fix that failed ("still wrong" on the follow-up): the resolved concern it reopens.
    reopens = ForeignKeyField("self", null=True, backref="+", on_delete="SET NULL")
    changed_by = CharField(default="")
    changed_at = DateTimeField(null=True)


DIRECTIONS = ("in", "out")
MOODS = ("", "happy", "neutral", "worried", "upset", "angry")
# A call (or a follow-up) that reached nobody: kept on the history as an attempt, never counted as contact.
NOBODY_REACHED = ("no_answer", "voicemail", "wrong_number")


class Document(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, null=True, backref="documents", on_delete="SET NULL")
    project = ForeignKeyField(Project, null=True, on_delete="SET NULL")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    kind = CharField()  # visit_summary, timeline_letter, change_notice
    title = CharField(default="")
    path = CharField()  # relative to the documents folder
    sha256 = CharField()
    created_at = DateTimeField(default=now)
    # Written is not sent: set once it was printed, handed over, posted or emailed (``contact``).
    sent_at = DateTimeField(null=True)
    sent_how = CharField(default="")  # one of SENT_HOW
    sent_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    # printed although the clarity check found these problems (one a line); "" for a clear document
    overridden = TextField(default="")


SENT_HOW = ("printed", "handed_over", "posted", "emailed")


class ExpectationLetter(BaseModel):
    """A "what to expect" letter as printed: what it said, so the next one can mark what changed."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="expectation_letters", on_delete="CASCADE")
    document = ForeignKeyField(Document, null=True, on_delete="SET NULL", backref="+")
    printed_at = DateTimeField()
    snapshot = TextField()  # JSON: {item key: the item's words}


class Interaction(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="interactions", on_delete="CASCADE")
    occurred_at = DateTimeField(default=now)
    channel = CharField(default="phone")
    direction = CharField(default="in")
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    summary = TextField(default="")
    mood = CharField(default="")
    concern = ForeignKeyField(Concern, null=True, backref="interactions", on_delete="SET NULL")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    document = ForeignKeyField(Document, null=True, on_delete="SET NULL")
    nobody_reached = CharField(default="")  # "" the customer was reached; else one of NOBODY_REACHED

    class Meta:
        indexes = ((("customer", "occurred_at"), False),)


FOLLOW_UP_SOURCES = (
    "manual",
    "concern_resolved",
    "technician_change",
    "first_visit",
    "letter_decision",
    "introduction",
)


class FollowUp(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="follow_ups", on_delete="CASCADE")
    due_on = DateField(index=True)
    reason = TextField()
    source = CharField(default="manual")
    concern = ForeignKeyField(Concern, null=True, on_delete="SET NULL")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    assigned_to = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=now)
    done_at = DateTimeField(null=True)
    outcome = TextField(default="")
    nobody_reached = CharField(default="")  # closed without reaching the customer: one of NOBODY_REACHED
    # A call again after attempts that reached nobody: the follow-up first set (the promise it keeps trying).
    promise = ForeignKeyField("self", null=True, backref="+", on_delete="SET NULL")
    stopped_trying = TextField(default="")  # an attempt after which the office stopped trying: why


# Today's queue reads the follow-ups not done yet that are due by today, not every one done before.
FollowUp.add_index(FollowUp.due_on, name="follow_up_open_due_on", where=FollowUp.done_at.is_null())


class Template(BaseModel):
    key = CharField(primary_key=True)  # change_notice, delay_explanation, apology, first_visit_checkin...
    name = CharField()
    subject = CharField(default="")
    body = TextField()
    updated_at = DateTimeField(default=now)


DRAFT_STATUSES = ("queued", "sent", "discarded")


class Draft(BaseModel):
    """A message prepared for a customer (a change notice, say) that the office still has to send."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="drafts", on_delete="CASCADE")
    template = CharField(default="")
    subject = CharField(default="")
    body = TextField(default="")
    status = CharField(default="queued", index=True)
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    change = ForeignKeyField(VisitChange, null=True, on_delete="SET NULL")  # a notice: the change first told of
    created_at = DateTimeField(default=now)
    sent_at = DateTimeField(null=True)


class QueueSnooze(BaseModel):
    """A row of today's queue put off to a later day, with the reason; kept for the customer's history."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="snoozes", on_delete="CASCADE")
    kind = CharField()  # the queue row's kind: concern, notice, follow_up, letter, at_risk, not_contacted...
    record_id = IntegerField()  # the row's record, as the queue names it
    until = DateField(index=True)  # back on the queue on this day
    reason = TextField()
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=now)


class HealthChange(BaseModel):
    """A customer's health score when it changed, with the rules and reasons behind it (changes only)."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="+", on_delete="CASCADE", index=False)
    changed_at = DateTimeField(index=True)
    score = IntegerField()
    rules = CharField(default="")  # keys of health_rules.RULES that took points off, comma-separated
    reasons = TextField(default="")  # their plain words, a JSON list (rows kept before: "; "-separated)

    class Meta:
        indexes = ((("customer", "changed_at"), False),)


HANDOVER_KINDS = ("leaving", "away")


class Handover(BaseModel):
    """A technician leaving (or away for long): their customers, worked through one by one."""

    id = AutoField()
    staff = ForeignKeyField(Staff, backref="handovers", on_delete="CASCADE")
    kind = CharField(default="leaving")
    first_day = DateField()  # the first day they are gone
    last_day = DateField(null=True)  # away: the last day of the absence; leaving: None
    opened_at = DateTimeField(default=now)
    closed_at = DateTimeField(null=True)


class HandoverItem(BaseModel):
    """One customer of a hand-over: who was proposed, who was confirmed, and the introduction owed."""

    id = AutoField()
    handover = ForeignKeyField(Handover, backref="items", on_delete="CASCADE")
    customer = ForeignKeyField(Customer, on_delete="CASCADE", backref="+")
    proposed = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    successor = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    confirmed_at = DateTimeField(null=True)
    confirmed_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL", backref="+")
    follow_up = ForeignKeyField(FollowUp, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = ((("handover", "customer"), True),)


OUTBOX_STATUSES = ("queued", "sending", "sent", "failed", "unsure", "cancelled")
OUTBOX_KINDS = ("test", "reminder", "running_late", "visit_summary", "timeline_letter", "change_notice", "message")


class OutboxMessage(BaseModel):
    """One message to a customer through the office's mail account, from queued to sent (or failed)."""

    id = AutoField()
    message_id = CharField(unique=True)  # the Message-ID header, the same on every attempt
    key = CharField(null=True, unique=True)  # what it is for ("reminder:visit:12"): queued once
    customer = ForeignKeyField(Customer, null=True, backref="outbox", on_delete="CASCADE")
    kind = CharField(default="message")
    channel = CharField(default="email")  # email, or text (an SMS gateway address, or copied to a phone)
    to_address = CharField(default="")
    subject = CharField(default="")
    body = TextField(default="")
    document = ForeignKeyField(Document, null=True, on_delete="SET NULL")  # the PDF attached
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    project = ForeignKeyField(Project, null=True, on_delete="SET NULL")
    draft = ForeignKeyField(Draft, null=True, on_delete="SET NULL")  # the queued notice it sends
    status = CharField(default="queued")
    not_before = DateTimeField(null=True)  # their best time to be reached, or the next retry
    attempts = IntegerField(default=0)
    phase = CharField(default="")  # while sending: claimed, handing_over
    claimed_by = CharField(default="")  # host:pid of the process sending it
    last_error = TextField(default="")
    server_reply = TextField(default="")
    queued_at = DateTimeField(default=now)
    sent_at = DateTimeField(null=True)
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")  # its entry in the history
    archive_path = CharField(default="")  # the message as sent (.eml), under the documents folder

    class Meta:
        indexes = ((("status", "not_before"), False),)


ALL_MODELS = (
    Setting,
    Staff,
    TimeOff,
    Customer,
    Contact,
    Site,
    WhatMatters,
    CustomerGoal,
    ServicePlan,
    Visit,
    VisitChange,
    ProductApplied,
    PestApplication,
    VisitReading,
    Project,
    Milestone,
    MilestoneDependency,
    MilestoneBaseline,
    Concern,
    Document,
    ExpectationLetter,
    Interaction,
    FollowUp,
    Template,
    Draft,
    QueueSnooze,
    Handover,
    HandoverItem,
    OutboxMessage,
    HealthChange,
)
