"""What a report is made of: sections of blocks, each block a chart, the numbers beside it and the
sentences that say what they mean. Plain values only, so the screen and the PDF draw the same report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from servicedesk.core.services.reports.period import Month


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns of numbers (right-aligned)


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]  # None: nothing to show there (a gap in a line)


@dataclass(frozen=True)
class Chart:
    """One chart, defined once: the screen and the PDF both draw it from this (``charts.figure``)."""

    kind: str  # "bars" (categories along the bottom), "hbars" (categories down the side) or "lines"
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    percent: bool = False  # values are shares from 0 to 100
    axis: str = ""  # what the values count ("customers", "concerns")
    across: str = ""  # what the categories are, when their labels alone do not say ("technicians seen")


@dataclass(frozen=True)
class Block:
    title: str
    sentences: tuple[str, ...]
    chart: Chart | None = None
    table: Table | None = None  # the chart's numbers beside it, or a list of what the sentences name


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lead: tuple[str, ...]  # what the section found, in a few sentences
    blocks: tuple[Block, ...] = ()
    has_data: bool = True  # anything happened in the month that this section counts


@dataclass(frozen=True)
class MonthlyReport:
    office: str
    month: Month
    made_at: dt.datetime
    summary: tuple[str, ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)
    history_since: dt.datetime | None = None

    @property
    def empty(self) -> bool:
        return not any(s.has_data for s in self.sections)

    def charts(self) -> list[Chart]:
        return [b.chart for s in self.sections for b in s.blocks if b.chart is not None]
