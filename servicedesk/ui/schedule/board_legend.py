"""The board's legend: what its glyphs, edges, outlines and bands mean, in a line or two under it."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from servicedesk.ui.schedule.board_paint import MOVED, NOT_THEIRS, OFF_HATCH, OFF_LINE, OVER, STATUS_GLYPHS
from servicedesk.ui.widgets.banner import KIND_ICONS, KIND_LABELS

STATUS_WORDS = {"completed": "done", "cancelled": "cancelled", "no_access": "no access"}


def tr(text: str) -> str:
    return QCoreApplication.translate("BoardLegend", text)


def legend_html() -> str:
    def e(text: str) -> str:
        return html.escape(text, quote=False)

    matters = [f"<b>{e(KIND_ICONS[k])}</b> {e(QCoreApplication.translate('WhatMattersBanner', KIND_LABELS[k]))}"
               for k in KIND_ICONS]
    marks = [f"<b>{e(MOVED.strip())}</b> {e(tr('moved'))}"]
    marks += [f"<b>{e(glyph.strip())}</b> {e(tr(STATUS_WORDS[s]))}" for s, glyph in STATUS_GLYPHS.items()]
    swatch = "<span style='background:{0}; color:{0}'>&nbsp;&nbsp;</span> {1}"
    looks = [
        swatch.format(NOT_THEIRS.name(), e(tr("edge: not the customer's own technician"))),
        f"<span style='border:2px solid {OVER.name()}; color:{OVER.name()}'>&nbsp;▭&nbsp;</span> "
        + e(tr("red outline: the technician cannot be there, or the office is closed that day")),
        swatch.format(OFF_HATCH.name(), f"<span style='color:{OFF_LINE.name()}'>{e(tr('time off, with why'))}</span>"),
        f"<span style='color:{OVER.name()}'>⚠</span> " + e(tr("booked beyond the working day")),
        swatch.format("#e8e8e8", e(tr("office closed"))),
    ]
    return "&nbsp;&nbsp; ".join(matters) + "<br>" + "&nbsp;&nbsp; ".join(marks + looks)


class BoardLegend(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("boardLegend")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#boardLegend { color: #444; }")
        self.setText(legend_html())
