"""Every figure of the October report of an office whose October is known (see conftest), on both engines."""

from __future__ import annotations

import datetime as dt

import pytest

from servicedesk.core import clock
from servicedesk.core.services import contact, customers, followups, reports

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def _section(report, key):
    return next(s for s in report.sections if s.key == key)


def _block(section, title):
    return next(b for b in section.blocks if b.title == title)


def _rows(block):
    return [tuple(r) for r in block.table.rows]


@pytest.fixture
def report(october):
    return reports.build(reports.parse("2026-10"))


def test_concerns_by_category_and_severity(report):
    concerns = _section(report, "concerns")
    kinds = _block(concerns, "What the concerns were about")
    assert _rows(kinds) == [("Service quality", "0", "1", "0", "1"), ("Technician change", "0", "0", "1", "1"),
                            ("Billing", "1", "1", "0", "2")]
    assert [s.label for s in kinds.chart.series] == ["Low", "Medium", "High"]
    assert kinds.chart.series[2].values == (0.0, 1.0, 0.0)
    assert kinds.sentences == (
        "4 concerns were raised in October 2026: 2 about billing, 1 about service quality and 1 about a "
        "technician change.", "1 of them was marked high severity.")


def test_both_clocks_against_the_targets(report):
    concerns = _section(report, "concerns")
    clocks = _block(concerns, "How fast they were answered")
    # acknowledge: 47 h (late), 2 h, 5 h and 64 h still waiting; resolve: 7 days 5 h, 11 days 3 h, 2 waiting
    assert _rows(clocks) == [
        ("Acknowledging", "1 business day", "26 hours", "2 days and 16 hours", "2 of 3 (67%)", "1"),
        ("Resolving", "5 business days", "6 days and 14 hours", "11 days and 3 hours", "1 of 2 (50%)", "2")]
    ack, resolve, late = clocks.sentences
    assert "Half of them waited 26 hours or less to be acknowledged" in ack
    assert ("The target is 1 business day: 2 were acknowledged in time and 1 late; 1 is not acknowledged yet but "
            "still within it.") in ack
    assert "Of the 3 concerns whose target has come, 67% were acknowledged in time." in ack
    assert ("The target is 5 business days: 1 was resolved in time and 1 late; 2 are not resolved yet but still "
            "within it.") in resolve
    assert late.startswith("2 concerns missed a target. Dorothy Finch raised a concern about a technician change on "
                           "October 6; it was acknowledged on October 8, after the target of October 7.")
    assert "Tom Alvarez raised a concern about service quality on October 19; it was resolved on October 30, after " \
           "the target of October 26." in late
    assert _rows(_block(concerns, "The concerns that missed a target")) == [
        ("Dorothy Finch", "Oct 6", "Oct 8", "Oct 13", "acknowledging"),
        ("Tom Alvarez", "Oct 19", "Oct 19", "Oct 30", "resolving")]
    assert concerns.lead == ("4 concerns were raised. Of those whose target has come, 2 of 3 (67%) were acknowledged "
                             "in time and 1 of 2 (50%) resolved in time.",)


def test_concerns_over_twelve_months(report):
    concerns = _section(report, "concerns")
    volume = _block(concerns, "Concerns over twelve months")
    rows = _rows(volume)
    assert len(rows) == 13 and rows[0][0] == "Oct 2025" and rows[-1][0] == "Oct 2026"
    assert rows[-2:] == [("Sep 2026", "1", "100%", "100%"), ("Oct 2026", "4", "67%", "50%")]
    assert all(r[1:] == ("0", "—", "—") for r in rows[:-2])
    assert volume.chart.series[0].values[-2:] == (1.0, 4.0)
    lines = _block(concerns, "Share answered in time, month by month").chart
    assert lines.percent and lines.series[0].values[-2:] == (100.0, 66.7)
    assert lines.series[1].values[-2:] == (100.0, 50.0) and lines.series[1].values[0] is None


def test_continuity_spread_and_who_saw_many(report):
    continuity = _section(report, "continuity")
    spread = _block(continuity, "Technicians in each customer's last visits")
    assert _rows(spread) == [("1", "2", "50%"), ("2", "1", "25%"), ("3", "0", "0%"), ("4 or more", "1", "25%")]
    assert spread.chart.series[0].values == (2.0, 1.0, 0.0, 1.0)
    assert spread.sentences[0] == ("4 customers were on a plan at the end of October 2026; 4 of them had completed "
                                   "visits to count.")
    assert "2 saw one technician only, 1 saw two, 0 saw three and 1 saw four or more: 75% kept to one or two" \
           in spread.sentences[1]
    many = _block(continuity, "Customers who saw three technicians or more")
    assert _rows(many) == [("Dorothy Finch", "4", "5", "yes", "Priya Shah, Lee Brown, Sam Ortiz, Jo Reyes")]
    assert many.sentences == ("Dorothy Finch saw 4 technicians in their last 5 visits (Priya Shah, Lee Brown, Sam "
                              "Ortiz and Jo Reyes); they said the same technician matters.",)


def test_each_technicians_own_customers(report):
    own = _block(_section(report, "continuity"), "Each technician's visits to their own customers")
    assert _rows(own) == [("Lee Brown", "1", "1", "0", "100%"), ("Sam Ortiz", "4", "2", "2", "50%")]
    assert own.chart.categories == ("Lee Brown", "Sam Ortiz") and own.chart.series[0].values == (100.0, 50.0)
    assert own.sentences[1] == "Sam Ortiz's own customers had 4 visits: Sam Ortiz did 2 (50%) and someone else 2."


def test_technician_changes_and_their_reasons(report):
    changes = _block(_section(report, "continuity"), "Technician changes and why")
    assert _rows(changes) == [
        ("Oct 12", "Dorothy Finch", "Oct 13", "Sam Ortiz", "Jo Reyes", "Sam Ortiz called in sick."),
        ("Oct 14", "Ben Carter", "Oct 15", "Sam Ortiz", "Priya Shah", "Sam Ortiz called in sick."),
        ("Oct 27", "Ada Moreno", "Oct 28", "Sam Ortiz", "Lee Brown", "")]
    assert changes.sentences == ("The technician was changed on 3 visits in October 2026.",
                                 "The reasons given: “Sam Ortiz called in sick.” (2 visits).",
                                 "1 change had no reason written down.")


def test_customers_gained_and_lost(report):
    retention = _section(report, "retention")
    trend = _block(retention, "Customers gained and lost, month by month")
    rows = _rows(trend)
    assert rows[-1] == ("Oct 2026", "1", "3")  # Ben joined; the prospect is not a customer yet
    assert rows[-2] == ("Sep 2026", "1", "0") and rows[-3] == ("Aug 2026", "1", "0") and rows[-6] == ("May 2026", "1", "0")
    assert trend.chart.series[1].values[-1] == 3.0
    assert retention.lead == ("1 new customer joined and 3 customers cancelled in October 2026.",
                              "2 of the 3 cancellations were foreseen: the customer had been on the at-risk list "
                              "before leaving.")


def test_each_cancellation_says_whether_it_was_foreseen(report):
    gone = _block(_section(report, "retention"), "Each cancellation, and whether it was foreseen")
    assert _rows(gone) == [
        ("Ruth Cole", "Oct 10", "We are moving to Denver.", "earlier", "17"),
        ("Harold Benson", "Oct 20", "I never knew who was coming, and nobody called me back.", "on the list", "49"),
        ("Walter Grimes", "Oct 27", "Sold the house.", "no", "")]
    ruth, harold, walter = gone.sentences
    assert harold == ("Harold Benson cancelled on October 20. In their words: “I never knew who was coming, and nobody "
                      "called me back.” They had been on the at-risk list for 49 days, since September 1; the reasons "
                      "then: concern open 5 days, not acknowledged; upset on the phone.")
    assert ruth.endswith("They were on the at-risk list for 17 days from August 3 (concern about billing open 3 days, "
                         "not acknowledged), and off it for 51 days before they cancelled.")
    assert walter.endswith("They were never on the at-risk list: the cancellation came without warning.")


def test_promises(report):
    promises = _section(report, "promises")
    assert promises.lead[0] == ("7 follow-ups were due in October 2026: 3 kept on time (43%), 1 kept late, 2 reached "
                                "only voicemail or no one (1 still being tried) and 1 not done.")
    assert promises.lead[1] == ("6 weekly letters were owed in October 2026 (2 projects, letters going out on Friday): "
                                "4 went out on time (67%), 1 later that week and 1 never.")
    assert promises.lead[2] == ("3 change notices were due before a visit in October 2026: 1 reached the customer "
                                "before the visit (33%), 1 only after it and 1 never went out.")
    assert promises.lead[3].startswith("1 customer was past their contact rhythm at the end of October 2026")
    follow_ups = _block(promises, "Follow-ups")
    assert follow_ups.sentences == (
        "A follow-up is kept once the customer was reached, by its call or a call again after it; a call that "
        "reached only voicemail or no one is an attempt.",
        "The follow-ups not kept on time:",
        "Ben Carter: due October 14, reached on October 16 — Check in after Ben's first visit.",
        "Ivy Stone: due October 20, nobody reached in 2 attempts (last: voicemail left on October 21); calling again "
        "on November 3 — Ask Ivy whether Thursdays still suit her.",
        "Linda Park: due October 22, nobody reached in 1 attempt (wrong number on October 22); the office stopped "
        "trying: “The number on file is disconnected; the invoice went by post.” — Confirm Linda's new billing "
        "address.",
        "Chloe Sanders: due October 28, still not done — Offer Chloe the autumn deep clean.")
    assert _rows(follow_ups) == [
        ("Ben Carter", "Oct 14", "Oct 16", "Check in after Ben's first visit"),
        ("Ivy Stone", "Oct 20", "not reached (2 attempts)", "Ask Ivy whether Thursdays still suit her"),
        ("Linda Park", "Oct 22", "not reached (1 attempt)", "Confirm Linda's new billing address"),
        ("Chloe Sanders", "Oct 28", "not done", "Offer Chloe the autumn deep clean")]
    assert _rows(_block(promises, "Weekly project letters")) == [
        ("Oct 9", "Tom Alvarez", "Backyard pool build", "late"), ("Oct 16", "Tom Alvarez", "Backyard pool build", "missed")]
    assert _rows(_block(promises, "Change notices")) == [("Ben Carter", "Oct 15", "after the visit"),
                                                         ("Chloe Sanders", "Oct 22", "never sent")]
    assert _rows(_block(promises, "Contact rhythm")) == [("Ivy Stone",)]
    trend = _block(promises, "Promises kept, month by month")
    assert _rows(trend)[-2:] == [("Sep 2026", "0 of 1", "0 of 4", "—"), ("Oct 2026", "3 of 7", "4 of 6", "1 of 3")]
    assert [s.values[-1] for s in trend.chart.series] == [42.9, 66.7, 33.3]
    assert trend.chart.series[2].values[-2] is None  # nothing due: no point, not a zero
    assert trend.sentences[1] == ("Over these 13 months, follow-ups kept on time: 3 of 8 (38%); letters on time: "
                                  "4 of 10 (40%); notices before the visit: 1 of 3 (33%).")


def test_health_week_by_week_and_movements(report):
    health = _section(report, "health")
    weekly = _block(health, "Customers on the at-risk list, week by week")
    assert weekly.chart.series[0].values[-5:] == (1.0, 2.0, 3.0, 2.0, 1.0)
    assert weekly.chart.categories[-5:] == ("Oct 4", "Oct 11", "Oct 18", "Oct 25", "Oct 31")
    assert "At the end of each week of October 2026 the list held 1, 2, 3, 2 and 1 customers." in weekly.sentences
    assert _rows(weekly)[-3:] == [("Aug 2026", "0", "1", "1", "1"), ("Sep 2026", "1", "1", "1", "0"),
                                  ("Oct 2026", "1", "3", "2", "2")]
    moves = _block(health, "Who went on the list and who came off")
    assert [r[:3] for r in _rows(moves)] == [("Oct 5", "Ada Moreno", "went on the list"),
                                             ("Oct 13", "Dorothy Finch", "went on the list"),
                                             ("Oct 20", "Harold Benson", "cancelled while on the list"),
                                             ("Oct 26", "Ada Moreno", "came off the list")]
    assert moves.sentences[1] == ("Dorothy Finch went on the list on October 13: 4 technicians in their last 5 visits; "
                                  "they said the same technician matters.")
    assert health.lead == ("1 customer was on the at-risk list at the end of October 2026; in the month 2 went on "
                           "it, 1 came off it and 1 cancelled while on it.",)


def test_the_summary_says_each_section_in_a_line(report):
    assert report.summary[0].startswith("Concerns: 4 concerns were raised.")
    assert report.summary[2].startswith("Customers gained and lost: 1 new customer joined and 3 customers cancelled")
    assert not report.empty


def test_a_month_before_the_office_began_says_so_plainly(october):
    empty = reports.build(reports.parse("2019-03"))
    assert empty.empty
    assert empty.summary == ("Nothing was recorded in March 2019: no concerns, completed visits, technician changes, "
                             "new customers or cancellations, follow-ups, weekly letters, change notices or movements "
                             "on the at-risk list.",)
    health = _section(empty, "health")
    assert health.lead == ("The health history does not reach back to March 2019, so the at-risk list of that month "
                           "is not known.",)


@pytest.mark.parametrize("text, problem", [
    ("2026-13", "“2026-13” is not a month (use YYYY-MM, for example 2026-11)."),
    ("November", "“November” is not a month (use YYYY-MM, for example 2026-11)."),
    ("2026-12", "2026-12 has not begun yet; choose this month or an earlier one."),
])
def test_a_month_that_is_not_one_is_refused_plainly(october, text, problem):
    from servicedesk.core.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        reports.parse(text)
    assert str(caught.value) == problem


def test_a_follow_up_due_when_the_office_was_closed_is_on_time_the_day_it_opens(db):
    from servicedesk.core.services.reports.promise_figures import follow_up_state

    sunday, thanksgiving = dt.date(2026, 11, 29), dt.date(2026, 11, 26)
    assert follow_up_state(sunday, dt.datetime(2026, 11, 30, 16, 0)) == "on time"  # done the Monday after
    assert follow_up_state(sunday, dt.datetime(2026, 12, 1, 9, 0)) == "late"
    assert follow_up_state(thanksgiving, dt.datetime(2026, 11, 27, 11, 0)) == "on time"  # the Friday after
    assert follow_up_state(dt.date(2026, 11, 27), dt.datetime(2026, 11, 30, 9, 0)) == "late"  # Friday's, done Monday
    assert follow_up_state(sunday, None) == "open"


def test_a_call_the_customer_cancelled_before_is_no_promise_kept_nor_contact(db):
    """A check-in due on Monday 5 October is still not made when Pia cancels on the 12th, and one due on the
    14th never comes: cancelling closes both, but neither is a promise kept, nor contact with her; the first is
    not done, the second was no longer owed."""
    from servicedesk.core.services import history
    from servicedesk.core.services.reports.period import Month
    from servicedesk.core.services.reports import promise_figures
    from servicedesk.core.services.reports.promise_figures import follow_ups

    clock.set_now(dt.datetime(2026, 9, 1, 9))
    pia = customers.create(name="Pia Lund", street="4 Elm Row", city="Riverton").id
    due = followups.owed(pia, "first_visit", "Check in after the first visit", dt.date(2026, 10, 5))
    followups.owed(pia, "introduction", "Introduce Lee Hart", dt.date(2026, 10, 14))
    clock.set_now(dt.datetime(2026, 10, 12, 11))
    customers.update(pia, customers.get(pia).version, status="cancelled", cancel_reason="Moved away")

    [promise] = follow_ups(Month(2026, 10), Month(2026, 10))
    assert (promise.id, promise.state, promise.reached) == (due, "open", None)
    section = promise_figures.build(Month(2026, 10))
    assert "1 follow-up was due in October 2026: 0 kept on time (0%), 0 kept late and 1 not done" in section.lead[0]
    [block] = [b for b in section.blocks if b.title == "Follow-ups"]
    assert "Pia Lund: due October 5, not done: the customer cancelled — Check in after the first visit." in block.sentences
    assert contact.last_contact([pia])[pia] is None
    [closed] = [i for i in history.timeline(pia) if i.kind == "follow_up" and i.record_id == due]
    assert closed.title == "Follow-up not made" and "the customer cancelled" in closed.text
