"""The part of the Complete Visit dialog that asks what the visit's trade must record.

Built from the trade's declaration (``trade_records.TRADES``): a field per reading, a table for
readings taken by area, and for pest control a table of pesticide applications.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.services import trade_records
from servicedesk.ui.schedule.tables import TypedRowsModel


def tr(text: str) -> str:
    return QCoreApplication.translate("TradeRecordForm", text)


def _rows_table(name: str, model: TypedRowsModel, add_text: str, remove_text: str, height: int = 100) -> QWidget:
    view = QTableView(objectName=name)
    view.setTabKeyNavigation(False)  # Tab moves on to the next field, never round the cells
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().hide()
    view.setFixedHeight(height)
    add = QPushButton(add_text, objectName=name + "Add")
    remove = QPushButton(remove_text, objectName=name + "Remove")

    def added():
        model.add()
        index = model.index(len(model.rows) - 1, 0)
        view.setCurrentIndex(index)
        view.edit(index)

    add.clicked.connect(added)
    remove.clicked.connect(lambda: model.remove(view.currentIndex().row()))
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(view)
    buttons = QHBoxLayout()
    buttons.addWidget(add)
    buttons.addWidget(remove)
    buttons.addStretch(1)
    column.addLayout(buttons)
    return box


class TradeRecordForm:
    """Adds the trade's rows to ``form`` (a QFormLayout) and reads them back for ``scheduling.complete``."""

    def __init__(self, record: trade_records.TradeRecord | None, form):
        self.record = record
        self.fields: dict[str, QLineEdit] = {}
        self.by_area: dict[str, TypedRowsModel] = {}
        self.applications: TypedRowsModel | None = None
        if record is None:
            return
        for r in record.readings:
            label = tr(r.label) + (f" ({r.unit})" if r.unit else "")
            if r.per_area:
                model = self.by_area[r.key] = TypedRowsModel(headers=(tr("Area"), label))
                form.addRow(label, _rows_table(f"reading_{r.key}", model, tr("Add reading"), tr("Remove reading"), 80))
            else:
                edit = self.fields[r.key] = QLineEdit(objectName=f"reading_{r.key}")
                if r.low is not None:
                    edit.setPlaceholderText(tr("%1 to %2").replace("%1", f"{r.low:g}").replace("%2", f"{r.high:g}"))
                form.addRow(label + (" *" if r.required else ""), edit)
        if record.applications:
            self.applications = TypedRowsModel(headers=tuple(tr(label) for _k, label, _m in
                                                              trade_records.APPLICATION_FIELDS))
            form.addRow(tr("Pesticide applications"),
                        _rows_table("applicationsTable", self.applications, tr("Add application"),
                                    tr("Remove application"), 120))

    def readings(self) -> dict:
        out: dict = {key: edit.text() for key, edit in self.fields.items() if edit.text().strip()}
        for key, model in self.by_area.items():
            if model.filled():
                out[key] = model.filled()
        return out

    def applications_typed(self) -> list[dict]:
        if self.applications is None:
            return []
        keys = [k for k, _label, _m in trade_records.APPLICATION_FIELDS]
        return [dict(zip(keys, row)) for row in self.applications.filled()]
