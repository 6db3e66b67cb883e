"""The disposition dialog: route a complaint inside the OPD (a sub-unit or a team member, an instruction and a due
date in working days), or send it back as "bukan wewenang" with a reason and a suggested body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QLocale, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.actions.common import fill_combo, plain_editor, plain_label

DEFAULT_DUE_WORKING_DAYS = 3


@dataclass(frozen=True)
class DispositionRequest:
    kind: str  # internal | external
    instruction: str
    to_unit_id: str | None = None
    to_user_id: str | None = None
    due_date: dt.date | None = None
    reason: str | None = None
    suggested_body: str | None = None


class DispositionDialog(QDialog):
    def __init__(
        self,
        detail: Any,
        targets: Any,
        calendar: Any,
        today: dt.date,
        *,
        allow_external: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispositionDialog")
        self.setWindowTitle(
            self.tr("Dispose complaint %1").replace("%1", str(getattr(detail, "tracking_id", "")))
        )
        self._calendar = calendar
        self._today = today

        self.internal_radio = QRadioButton(self.tr("Inside the OPD"))
        self.internal_radio.setObjectName("internalRadio")
        self.external_radio = QRadioButton(self.tr("Not our authority (bukan wewenang)"))
        self.external_radio.setObjectName("externalRadio")
        self.external_radio.setEnabled(allow_external)
        if not allow_external:
            self.external_radio.setToolTip(
                self.tr("This complaint can no longer be sent back from its status.")
            )
        group = QButtonGroup(self)
        group.addButton(self.internal_radio)
        group.addButton(self.external_radio)
        self.internal_radio.setChecked(True)

        # --- inside the OPD
        internal = QWidget()
        form = QFormLayout(internal)
        self.subunit_combo = QComboBox()
        self.subunit_combo.setObjectName("subunitCombo")
        self.subunit_combo.setAccessibleName(self.tr("Sub-unit"))
        fill_combo(self.subunit_combo, targets.subunits, none_label=self.tr("— none —"))
        self.member_combo = QComboBox()
        self.member_combo.setObjectName("memberCombo")
        self.member_combo.setAccessibleName(self.tr("Team member"))
        fill_combo(self.member_combo, targets.members, none_label=self.tr("— none —"))
        self.instruction_edit = plain_editor(
            placeholder=self.tr("What should be done"), name="instructionEdit"
        )
        self.instruction_edit.setAccessibleName(self.tr("Instruction"))
        self.due_spin = QSpinBox()
        self.due_spin.setObjectName("dueSpin")
        self.due_spin.setAccessibleName(self.tr("Due in working days"))
        self.due_spin.setRange(0, 60)
        self.due_spin.setValue(DEFAULT_DUE_WORKING_DAYS)
        self.due_spin.setSuffix(self.tr(" working days"))
        self.due_label = plain_label(name="dueDateLabel")
        form.addRow(plain_label(self.tr("Sub-unit")), self.subunit_combo)
        form.addRow(plain_label(self.tr("Team member")), self.member_combo)
        form.addRow(plain_label(self.tr("Instruction")), self.instruction_edit)
        form.addRow(plain_label(self.tr("Due in")), self.due_spin)
        form.addRow(plain_label(self.tr("Due date")), self.due_label)

        # --- bukan wewenang
        external = QWidget()
        eform = QFormLayout(external)
        self.reason_edit = plain_editor(
            placeholder=self.tr("Why this complaint is not the OPD's authority"), name="reasonEdit"
        )
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.body_combo = QComboBox()
        self.body_combo.setObjectName("bodyCombo")
        self.body_combo.setEditable(True)
        self.body_combo.setAccessibleName(self.tr("Suggested body"))
        fill_combo(self.body_combo, targets.external, none_label="")
        eform.addRow(plain_label(self.tr("Reason")), self.reason_edit)
        eform.addRow(plain_label(self.tr("Suggested body")), self.body_combo)

        self.pages = QStackedWidget()
        self.pages.addWidget(internal)
        self.pages.addWidget(external)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Dispose"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = plain_label(name="dispositionHint")

        layout = QVBoxLayout(self)
        layout.addWidget(self.internal_radio)
        layout.addWidget(self.external_radio)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        self.internal_radio.toggled.connect(self._update)
        self.subunit_combo.currentIndexChanged.connect(self._update)
        self.member_combo.currentIndexChanged.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        self.due_spin.valueChanged.connect(self._update)
        self.resize(520, 460)
        self._update()

    def due_date(self) -> dt.date:
        day: dt.date = self._calendar.add_working_days(self._today, self.due_spin.value())
        return day

    @Slot()
    def _update(self) -> None:
        internal = self.internal_radio.isChecked()
        self.pages.setCurrentIndex(0 if internal else 1)
        due = self.due_date()
        self.due_label.setText(
            QLocale().toString(QDate(due.year, due.month, due.day), QLocale.FormatType.LongFormat)
        )
        if internal:
            ok = self.subunit_combo.currentData() is not None or self.member_combo.currentData() is not None
            self.hint.setText("" if ok else self.tr("Choose a sub-unit or a team member."))
        else:
            ok = bool(self.reason_edit.toPlainText().strip())
            self.hint.setText("" if ok else self.tr("Give the reason it is not the OPD's authority."))
        self.ok_button.setEnabled(ok)

    def request(self) -> DispositionRequest:
        if self.internal_radio.isChecked():
            return DispositionRequest(
                kind="internal",
                instruction=self.instruction_edit.toPlainText().strip(),
                to_unit_id=self.subunit_combo.currentData(),
                to_user_id=self.member_combo.currentData(),
                due_date=self.due_date(),
            )
        body = self.body_combo.currentText().strip()
        return DispositionRequest(
            kind="external",
            instruction="",
            reason=self.reason_edit.toPlainText().strip(),
            suggested_body=body or None,
        )
