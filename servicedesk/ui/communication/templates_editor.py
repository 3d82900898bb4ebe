"""The office edits its message templates here, and fills one for a customer in a click."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from servicedesk.core.errors import ServiceError
from servicedesk.core.services import customers, templates
from servicedesk.ui.communication.dialogs import CustomerPicker
from servicedesk.ui.communication.draft import DraftDialog
from servicedesk.ui.widgets import plain_box


class TemplatesEditor(QWidget):
    TEXTS = templates.FIELDS  # each field's description, translated where it is shown

    def __init__(self, navigator, parent=None):
        super().__init__(parent)
        self.setObjectName("templatesEditor")
        self.navigator = navigator
        self.choice = QComboBox(objectName="templateChoice")
        self.name = QLineEdit(objectName="templateName")
        self.subject = QLineEdit(objectName="templateSubject")
        self.body = QPlainTextEdit(objectName="templateBody")
        self.body.setTabChangesFocus(True)
        fields = "<br>".join(f"<b>{{{html.escape(k)}}}</b> — {html.escape(self.tr(v))}"
                             for k, v in self.TEXTS.items())
        help_label = QLabel(self.tr("Fields filled from the record:") + "<br>" + fields, objectName="templateFields")
        help_label.setWordWrap(True)
        help_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status = QLabel(objectName="templateStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a name or what was typed
        save = QPushButton(self.tr("&Save template"), objectName="saveTemplate")
        reset = QPushButton(self.tr("Back to the original text"), objectName="resetTemplate")
        self.picker = CustomerPicker(parent=self)
        write = QPushButton(self.tr("&Write to this customer…"), objectName="writeDraft")

        form = QFormLayout()
        form.addRow(self.tr("&Template"), self.choice)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("S&ubject"), self.subject)
        form.addRow(self.tr("&Text"), self.body)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(reset)
        row.addWidget(self.status, 1)
        write_row = QHBoxLayout()
        write_row.addWidget(QLabel(self.tr("Fill it for:")))
        write_row.addWidget(self.picker, 1)
        write_row.addWidget(write)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(row)
        left.addLayout(write_row)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(help_label, 1)

        self._shown: tuple[str, str, str, str] | None = None  # the template shown: key, name, subject, text
        self.choice.currentIndexChanged.connect(lambda _i: self._choice_changed())
        save.clicked.connect(self.save)
        reset.clicked.connect(self.reset)
        write.clicked.connect(self.write)
        navigator.customerRequested.connect(self.picker.set_customer)
        self.load()

    def load(self) -> None:
        key = self.choice.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        for t in templates.all_templates():
            self.choice.addItem(t.name, t.key)
        self.choice.blockSignals(False)
        self.choice.setCurrentIndex(max(self.choice.findData(key), 0))
        self.show_template()

    def show_template(self) -> None:
        key = self.choice.currentData()
        if key is None:
            return
        t = templates.get(key)
        self.name.setText(t.name)
        self.subject.setText(t.subject)
        self.body.setPlainText(t.body)
        self._shown = (key, *self._typed())
        self.status.clear()

    def _typed(self) -> tuple[str, str, str]:
        return self.name.text(), self.subject.text(), self.body.toPlainText()

    def has_unsaved(self) -> bool:
        return self._shown is not None and self._typed() != self._shown[1:]

    def confirm_leave(self) -> bool:
        """True when nothing typed in the template would be lost: nothing typed, saved now, or discarded."""
        if not self.has_unsaved():
            return True
        question = self.tr("Save the changes to the template “%s”?") % self._shown[1]
        answer = plain_box.ask_to_save(self, self.tr("Unsaved changes"), question, "unsavedTemplate")
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _choice_changed(self) -> None:
        """Another template chosen: what was typed in the one shown is saved or discarded first, as asked."""
        if self._shown is not None and self._shown[0] != self.choice.currentData() and not self.confirm_leave():
            self.choice.blockSignals(True)  # Cancel: the template typed in stays, and stays chosen
            self.choice.setCurrentIndex(self.choice.findData(self._shown[0]))
            self.choice.blockSignals(False)
            return
        self.show_template()

    def save(self) -> bool:
        key = self._shown[0] if self._shown is not None else self.choice.currentData()
        try:
            templates.save(key, *self._typed())
        except ServiceError as exc:
            self.status.setText(str(exc))
            return False
        self.load()
        self.status.setText(self.tr("Saved."))
        return True

    def reset(self) -> None:
        try:
            templates.reset(self.choice.currentData())
        except ServiceError as exc:
            self.status.setText(str(exc))
            return
        self.show_template()
        self.status.setText(self.tr("Back to the original text."))

    def write(self) -> DraftDialog | None:
        customer_id = self.picker.customer_id()
        if not customer_id:
            self.status.setText(self.tr("Choose the customer to write to."))
            return None
        subject, body = templates.draft_for(self.choice.currentData(), customer_id)
        dialog = DraftDialog(customers.get(customer_id).email, subject, body,
                             title=self.tr("Message to %s") % customers.name_of(customer_id), parent=self)
        dialog.open()
        return dialog
