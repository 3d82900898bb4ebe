"""Concerns: how many, about what, how serious, and whether both clocks were kept.

The clocks are the concerns service's own (``concerns.raised_between`` and ``clock_report``):
business days of the office's calendar against its targets. A concern still waiting counts
with the time it has waited so far, so leaving one unanswered never flatters the figures.
A resolution whose fix failed (the customer raised it again: ``ConcernInfo.fix_failed``) is
never counted as resolved in time: it is counted, and said, as "resolved, but the fix failed".
"""

from __future__ import annotations

from collections import Counter

from servicedesk.core.services import concerns
from servicedesk.core.services.reports import words as w
from servicedesk.core.services.reports.model import Block, Chart, Section, Series, Table
from servicedesk.core.services.reports.period import Month
from servicedesk.core.store.models import CONCERN_CATEGORIES, SEVERITIES

LISTED_UP_TO = 8  # late concerns told one by one in sentences (the table lists them all)

CATEGORY_LABELS = {"timeline": "Timeline", "service_quality": "Service quality",
                   "technician_change": "Technician change", "billing": "Billing", "other": "Other"}


def clock_states(infos, which: str) -> dict[str, int]:
    """How one clock (``ack`` or ``resolve``) stands for these concerns: done in time, done late, resolved but the
    fix failed (whenever it was resolved), waiting past the target (late already) and waiting within it (not decided
    yet)."""
    out = {"in time": 0, "late": 0, "fix failed": 0, "waiting, late": 0, "waiting": 0}
    for c in infos:
        done = c.acknowledged_at if which == "ack" else c.resolved_at
        late = c.ack_overdue if which == "ack" else c.resolve_overdue
        key = ("late" if late else "in time") if done is not None else ("waiting, late" if late else "waiting")
        if which == "resolve" and done is not None and c.fix_failed:
            key = "fix failed"
        out[key] += 1
    return out


def in_time_share(states: dict[str, int]) -> tuple[int, int]:
    """(in time, decided): a concern still within its target is not counted either way yet; a fix that failed
    is decided, and not in time."""
    return states["in time"], states["in time"] + states["late"] + states["fix failed"] + states["waiting, late"]


def fix_failed_words(states: dict[str, int]) -> str:
    """“1 was resolved, but the fix failed” ("" when none did)."""
    failed = states.get("fix failed", 0)
    return f"{failed} {w.were(failed)} resolved, but the fix failed" if failed else ""


WAITED = {
    "acknowledged": ("waited {median} or less to be acknowledged, and the longest wait was {worst}",
                     "a concern not acknowledged yet counts with the time it has waited so far"),
    "resolved": ("took {median} or less to be resolved, and the longest took {worst}",
                 "a concern still open counts with the time it has been open so far"),
}


def _clock_sentence(verb: str, figures, target: int, states: dict[str, int]) -> list[str]:
    """“Half of them waited 3 hours or less to be acknowledged …”: one clock of the month in words."""
    ok, decided = in_time_share(states)
    took, counted = WAITED[verb]
    worst = w.span(figures.worst) + (f" ({w.business_days(figures.worst_business_days)})"
                                     if figures.worst_business_days else " (before the next business day)")
    parts = [f"{w.n(states['in time'])} {w.were(states['in time'])} {verb} in time and {w.n(states['late'])} late"]
    if states["fix failed"]:
        parts.append(fix_failed_words(states) + " (the customer raised it again)")
    if states["waiting, late"]:
        parts.append(f"{states['waiting, late']} {'is' if states['waiting, late'] == 1 else 'are'} not {verb} yet "
                     "and already past the target")
    if states["waiting"]:
        parts.append(f"{states['waiting']} {'is' if states['waiting'] == 1 else 'are'} not {verb} yet but still "
                     "within it")
    out = [w.sentence("half of them " + took.format(median=w.span(figures.median), worst=worst)
                      + f"; {counted}"),
           w.sentence(f"the target is {w.business_days(target)}: " + "; ".join(parts))]
    if decided:
        out.append(w.sentence(f"of the {w.count(decided, 'concern')} whose target has come, {w.share(ok, decided)} "
                              f"{w.were(decided)} {verb} in time"))
    return out


def _late_rows(infos) -> list[tuple[str, ...]]:
    rows = []
    for c in infos:
        if not (c.ack_overdue or c.resolve_overdue):
            continue
        ack = w.short_day(c.acknowledged_at) if c.acknowledged_at else "not yet"
        done = w.short_day(c.resolved_at) if c.resolved_at else "not yet"
        late = w.listing([x for x, f in (("acknowledging", c.ack_overdue), ("resolving", c.resolve_overdue)) if f])
        rows.append((c.customer, w.short_day(c.raised_at), ack, done, late))
    return rows


def _late_sentences(infos) -> list[str]:
    out = []
    for c in [c for c in infos if c.ack_overdue or c.resolve_overdue][:LISTED_UP_TO]:
        parts = [f"{c.customer} raised a {c.headline} on {w.day(c.raised_at)}"]
        if c.acknowledged_at is None:
            parts.append(f"nobody has acknowledged it yet (it was due on {w.day(c.ack_due_on)})")
        elif c.ack_overdue:
            parts.append(f"it was acknowledged on {w.day(c.acknowledged_at)}, after the target of {w.day(c.ack_due_on)}")
        if c.resolved_at is None and c.resolve_overdue:
            parts.append(f"it is still not resolved (due {w.day(c.resolve_due_on)})")
        elif c.resolve_overdue:
            parts.append(f"it was resolved on {w.day(c.resolved_at)}, after the target of {w.day(c.resolve_due_on)}")
        out.append(w.sentence("; ".join(parts)) + f" In their words: {w.quoted(c.words, 120)}")
    return out


def _by_kind(infos, month: Month) -> Block:
    by = Counter((c.category, c.severity) for c in infos)
    categories = [k for k in CONCERN_CATEGORIES if any(by[(k, s)] for s in SEVERITIES)]
    series = tuple(Series(s.capitalize(), tuple(float(by[(k, s)]) for k in categories)) for s in SEVERITIES)
    rows = tuple((CATEGORY_LABELS[k], *(str(by[(k, s)]) for s in SEVERITIES),
                  str(sum(by[(k, s)] for s in SEVERITIES))) for k in categories)
    totals = Counter(c.category for c in infos)
    said = [f"{totals[k]} about {concerns.CATEGORY_WORDS[k]}" for k in sorted(categories, key=lambda k: -totals[k])]
    high = sum(1 for c in infos if c.severity == "high")
    sentences = [w.sentence(f"{w.count(len(infos), 'concern')} {w.were(len(infos))} raised in {w.month(month.start)}: "
                            + w.listing(said))]
    sentences.append(w.sentence(f"{high} of them {w.were(high)} marked high severity" if high else
                                "none of them was marked high severity"))
    return Block("What the concerns were about", tuple(sentences),
                 Chart("bars", "Concerns by category and severity", tuple(CATEGORY_LABELS[k] for k in categories),
                       series, axis="concerns"),
                 Table(("Category", *(s.capitalize() for s in SEVERITIES), "All"), rows, numeric=(1, 2, 3, 4)))


def _clocks(infos, month: Month) -> tuple[Block, list]:
    report = concerns.clock_report(month.start, month.end, infos)
    ack_target, resolve_target = concerns.targets()
    sentences, rows = [], []
    for label, verb, figures, target, which in (
            ("Acknowledging", "acknowledged", report.acknowledge, ack_target, "ack"),
            ("Resolving", "resolved", report.resolve, resolve_target, "resolve")):
        states = clock_states(infos, which)
        sentences.append(f"{label}: " + " ".join(_clock_sentence(verb, figures, target, states)))
        ok, decided = in_time_share(states)
        rows.append((label, w.business_days(target), w.span(figures.median), w.span(figures.worst),
                     f"{ok} of {decided} ({w.share(ok, decided)})", str(states["waiting"] + states["waiting, late"])))
    failed = [c for c in infos if c.resolved_at is not None and c.fix_failed]
    for c in failed[:LISTED_UP_TO]:
        sentences.append(w.sentence(f"{c.customer}'s {c.headline}, raised on {w.day(c.raised_at)}, was resolved on "
                                    f"{w.day(c.resolved_at)}, but the fix failed: they raised it again") + " "
                         + f"In their words: {w.quoted(c.words, 120)}")
    late = _late_rows(infos)
    if late:
        sentences.append(w.sentence(f"{w.count(len(late), 'concern')} missed a target") + " "
                         + " ".join(_late_sentences(infos)))
    else:
        sentences.append("No concern has missed a target.")
    return Block("How fast they were answered", tuple(sentences), None,
                 Table(("Clock", "Target", "Median", "Slowest", "In time", "Still waiting"), tuple(rows),
                       numeric=(5,))), late


def _trend(months: list[Month], infos_by_month: dict) -> tuple[Block, Block]:
    raised, ack, res, rows = [], [], [], []
    for m in months:
        infos = infos_by_month.get(m, [])
        n = len(infos)
        ack_ok, ack_decided = in_time_share(clock_states(infos, "ack"))
        res_ok, res_decided = in_time_share(clock_states(infos, "resolve"))
        raised.append(float(n))
        ack.append(w.percent(ack_ok, ack_decided))
        res.append(w.percent(res_ok, res_decided))
        rows.append((w.month_short(m.start), str(n), w.share(ack_ok, ack_decided), w.share(res_ok, res_decided)))
    labels = tuple(w.month_short(m.start) for m in months)
    total = int(sum(raised))
    busiest = max(range(len(months)), key=lambda i: raised[i])
    volume = Block("Concerns over twelve months", (
        w.sentence(f"{w.count(total, 'concern')} {w.were(total)} raised in these 13 months"
                   + (f", the most in {w.month(months[busiest].start)} ({int(raised[busiest])})" if total else "")),),
        Chart("bars", "Concerns raised per month", labels, (Series("Raised", tuple(raised)),), axis="concerns"),
        Table(("Month", "Raised", "Acknowledged in time", "Resolved in time"), tuple(rows), numeric=(1, 2, 3)))
    kept = [i for i in range(len(months)) if ack[i] is not None]
    words = ("Months without concerns have no point on the lines. " if len(kept) < len(months) else "")
    if kept:
        first, last = kept[0], kept[-1]
        words += w.sentence(
            f"in {w.month(months[last].start)} {w.pct(ack[last])} were acknowledged in time and {w.pct(res[last])}"
            f" resolved in time; in {w.month(months[first].start)} it was {w.pct(ack[first])} and {w.pct(res[first])}")
    clocks = Block("Share answered in time, month by month", (words,) if words else (),
                   Chart("lines", "Concerns answered in time", labels,
                         (Series("Acknowledged in time", tuple(ack)), Series("Resolved in time", tuple(res))),
                         percent=True, axis="% of concerns"))
    return volume, clocks


def build(month: Month) -> Section:
    months = month.trend()
    every = concerns.raised_between(months[0].start, month.end)
    by_month: dict[Month, list] = {}
    for c in every:
        by_month.setdefault(Month.of(c.raised_at.date()), []).append(c)
    infos = by_month.get(month, [])
    volume, clocks = _trend(months, by_month)
    if not infos:
        return Section("concerns", "Concerns", (f"No concerns were raised in {w.month(month.start)}.",),
                       (volume, clocks), has_data=False)
    kinds = _by_kind(infos, month)
    answered, late = _clocks(infos, month)
    blocks = [kinds, answered]
    if late:
        blocks.append(Block("The concerns that missed a target", (), None,
                            Table(("Customer", "Raised", "Acknowledged", "Resolved", "Late in"), tuple(late))))
    n = len(infos)
    ack_ok, ack_decided = in_time_share(clock_states(infos, "ack"))
    resolving = clock_states(infos, "resolve")
    res_ok, res_decided = in_time_share(resolving)
    lead = (w.sentence(f"{w.count(n, 'concern')} {w.were(n)} raised. Of those whose target has come, "
                       f"{ack_ok} of {ack_decided} ({w.share(ack_ok, ack_decided)}) {w.were(ack_ok)} acknowledged in "
                       f"time and {res_ok} of {res_decided} ({w.share(res_ok, res_decided)}) resolved in time"
                       + (f"; {fix_failed_words(resolving)}" if resolving["fix failed"] else "")),)
    return Section("concerns", "Concerns", lead, (*blocks, volume, clocks))
