"""The debtor's contact points as a list model, and the agent's changes to them.

"Wrong number", "valid" and "new number" become `UpdateContact` outbox writes; the row changes
at once (optimistically) and shows the write's sync state, and a write the hub rejects puts the
row back as it was with the reason. New numbers are validated (E.164, Mexico by default) before
anything is saved. The model must never log a number or address (rows are named by id) and
never import widgets.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import msgspec
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.agent.outbox_model import state_label
from desktop.agent.phone_numbers import to_e164
from desktop.common.formatting import channel_label
from desktop.common.i18n import translate
from sync.protocol import ContactAction, ContactPoint, HandoffOffer, UpdateContact

log = logging.getLogger("acuerdo.desktop")
Index = QModelIndex | QPersistentModelIndex
Spawn = Callable[[Coroutine[Any, Any, Any], str], None]


@dataclass(frozen=True)
class ContactRow:
    point: ContactPoint
    before: ContactPoint | None = None  # the row as it was, until the hub accepts the change
    key: str | None = None  # the outbox write that changed it last
    state: str | None = None
    reason: str = ""


def kind_label(kind: str) -> str:
    return {
        "phone": translate("Contacts", "Phone"),
        "email": translate("Contacts", "E-mail"),
    }.get(kind, channel_label(kind))


class ContactBook(QAbstractListModel):
    PointRole = Qt.ItemDataRole.UserRole + 1
    changed = Signal()

    def __init__(self, save_write: Callable[[Any], Coroutine[Any, Any, Any]], spawn: Spawn) -> None:
        super().__init__()
        self._save_write = save_write
        self._spawn = spawn
        self._rows: list[ContactRow] = []
        self._offer: HandoffOffer | None = None
        self._handoff_id: str | None = None
        self._next_temp = -1

    def reset(self, offer: HandoffOffer | None, handoff_id: str | None = None) -> None:
        """The debtor on screen; `handoff_id` is the hub's (None for the agent's own calls)."""
        self.beginResetModel()
        self._offer = offer
        self._handoff_id = handoff_id
        points = offer.debtor.contact_points if offer is not None else []
        self._rows = [ContactRow(p) for p in points]
        self.endResetModel()
        self.changed.emit()

    def point(self, row: int) -> ContactPoint | None:
        return self._rows[row].point if 0 <= row < len(self._rows) else None

    def row_of(self, point_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.point.id == point_id), -1)

    def state_of(self, point_id: int) -> str | None:
        row = self.row_of(point_id)
        return self._rows[row].state if row >= 0 else None

    # --- the agent's actions ---------------------------------------------------

    def mark(self, row: int, action: ContactAction) -> bool:
        """`wrong_number` or `valid` for an existing point; False if there is nothing to do."""
        point = self.point(row)
        if self._offer is None or point is None or point.id < 0:
            return False
        valid = action == "valid"
        if point.valid == valid:
            return False
        msg = UpdateContact(
            key=uuid.uuid4().hex,
            debtor_id=self._offer.debtor.id,
            action=action,
            contact_point_id=point.id,
            handoff_id=self._handoff_id,
        )
        self._update(row, msgspec.structs.replace(point, valid=valid), msg.key, before=point)
        self._spawn(self._save(msg), "contact")
        return True

    def add_number(self, text: str) -> str | None:
        """Add a phone the debtor gave; returns the problem to show, or None when saved."""
        if self._offer is None:
            return translate("Contacts", "There is no debtor on screen.")
        e164 = to_e164(text)
        if e164 is None:
            return translate(
                "Contacts", "That is not a valid phone number (10 digits, or +country code)."
            )
        if any(r.point.kind == "phone" and r.point.value == e164 for r in self._rows):
            return translate("Contacts", "That number is already on the record.")
        msg = UpdateContact(
            key=uuid.uuid4().hex,
            debtor_id=self._offer.debtor.id,
            action="new_number",
            value=e164,
            kind="phone",
            handoff_id=self._handoff_id,
        )
        # A temporary negative id until the hub numbers it (actions wait for the next pop).
        point = ContactPoint(id=self._next_temp, kind="phone", value=e164, label="agent")
        self._next_temp -= 1
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(ContactRow(point, None, msg.key, "saved"))
        self.endInsertRows()
        self.changed.emit()
        self._spawn(self._save(msg), "contact")
        return None

    async def _save(self, msg: UpdateContact) -> None:
        try:
            await self._save_write(msg)
        except Exception as exc:
            log.error("contact change could not be saved locally: %s", type(exc).__name__)
            self._answer(msg.key, "rejected", str(exc))

    def on_item(self, item: Any) -> None:
        """The outbox says where a contact write stands."""
        if item.kind == "contact":
            self._answer(item.key, str(item.state), item.reason or "")

    def _answer(self, key: str, state: str, reason: str) -> None:
        row = next((i for i, r in enumerate(self._rows) if r.key == key), -1)
        if row < 0:
            return
        current = self._rows[row]
        point = current.point
        if state == "rejected" and current.before is not None:
            point = current.before  # the hub said no: the record is as it was
        before = None if state in ("synced", "rejected") else current.before
        self._rows[row] = ContactRow(point, before, key, state, reason)
        self.dataChanged.emit(self.index(row), self.index(row))
        self.changed.emit()

    def _update(self, row: int, point: ContactPoint, key: str, before: ContactPoint) -> None:
        self._rows[row] = ContactRow(point, before, key, "saved")
        self.dataChanged.emit(self.index(row), self.index(row))
        self.changed.emit()

    # --- the model -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.PointRole:
            return row.point
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row)
        return None

    @staticmethod
    def _text(row: ContactRow) -> str:
        point = row.point
        flags = []
        if not point.valid:
            flags.append(translate("Contacts", "wrong number"))
        if point.do_not_call:
            flags.append(translate("Contacts", "DO NOT CALL"))
        if row.state is not None:
            sync = state_label(row.state)
            flags.append(f"{sync}: {row.reason}" if row.reason else sync)
        text = f"{kind_label(point.kind)} · {point.value}"
        return text + (" — " + " · ".join(flags) if flags else "")
