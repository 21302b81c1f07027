"""The form for the selected node: kind, text per language, options, where each answer leads.

Every change the team lead makes here is turned into an ``Edit`` and handed
to the editor (``edit_requested``), which puts it on the undo stack; the form
itself never changes the document. Target pickers share one list model of
node ids, so a 5,000-node script does not fill thousands of combo boxes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from scripts_engine import ACTIONS, pick_text
from scripts_engine.model import RESUME
from scripts_engine.translations import Text, with_translation

from . import edits
from .document import KINDS, DraftScript, Edit, NodeDoc
from .i18n import action_label, kind_label, tr


class NodeForm(QWidget):
    edit_requested = Signal(object)  # an Edit

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.targets = QStringListModel(self)
        self._draft: DraftScript | None = None
        self._building = False
        self.node_id: str | None = None
        self.option_row = 0
        # The team lead's own language, for lists that show one translation of each text.
        self.display_locale = "es-MX"
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self._reset_widgets()
        self.show_node(None, None)

    def _reset_widgets(self) -> None:
        self.kind_combo: QComboBox | None = None
        self.text_edits: dict[str, QPlainTextEdit] = {}
        self.next_combo: QComboBox | None = None
        self.option_list: QListWidget | None = None
        self.option_id_edit: QLineEdit | None = None
        self.option_label_edits: dict[str, QLineEdit] = {}
        self.option_next_combo: QComboBox | None = None
        self.option_buttons: dict[str, QPushButton] = {}
        self.rule_edits: list[QLineEdit] = []
        self.start_button: QPushButton | None = None

    def set_targets(self, node_ids: list[str]) -> None:
        """Refresh the shared target list; call show_node next (combos reset meanwhile)."""
        self._building = True
        try:
            self.targets.setStringList(["", RESUME, *node_ids])
        finally:
            self._building = False

    # --- building ------------------------------------------------------------------

    def show_node(self, draft: DraftScript | None, node_id: str | None) -> None:
        focused = self.focusWidget()
        focus_name = focused.objectName() if focused is not None else ""
        if node_id != self.node_id:
            self.option_row = 0
        self._draft, self.node_id = draft, node_id
        self._reset_widgets()
        body = QWidget()
        outer = QVBoxLayout(body)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        node = draft.nodes.get(node_id) if draft and node_id else None
        if draft is None or node is None or node_id is None:
            form.addRow(QLabel(tr("Select a node in the graph or the outline.")))
            self._replace_body(body)
            return
        kind = str(node.get("kind"))
        title = QLabel(f"<b>{node_id}</b>")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(tr("Node"), title)
        self.kind_combo = self._combo(
            "kindCombo", [(kind_label(k), k) for k in KINDS], kind, self._kind_chosen
        )
        form.addRow(tr("&Kind"), self.kind_combo)
        if draft.start != node_id:
            self.start_button = QPushButton(tr("Start the script here"), objectName="startButton")
            self.start_button.clicked.connect(
                lambda: self._emit(edits.set_meta(draft, "start", node_id, "set start"))
            )
            form.addRow("", self.start_button)
        if kind != "branch":
            for locale in draft.locales:
                form.addRow(tr("Text ({locale})").format(locale=locale), self._text_edit(locale))
        if kind in ("say", "action"):
            self.next_combo = self._target_combo("nextCombo", node.get("next"), "next")
            form.addRow(tr("&Next"), self.next_combo)
        if kind == "action":
            actions = [(action_label(a), a) for a in sorted(ACTIONS)]
            form.addRow(
                tr("Action"),
                self._combo("actionCombo", actions, str(node.get("action")), self._field("action")),
            )
        if kind in ("action", "end"):
            form.addRow(tr("Disposition"), self._line("disposition", node.get("disposition")))
        if kind == "end":
            resume = QCheckBox(tr("Return to where the objection started"), objectName="resume")
            resume.setChecked(bool(node.get("resume")))
            resume.toggled.connect(lambda on: self._emit_field("resume", True if on else None))
            form.addRow("", resume)
        if kind in ("ask", "offer"):
            self._build_options(form, node)
        if kind == "branch":
            self._build_rules(form, node)
        self._replace_body(body)
        if focus_name:
            again = body.findChild(QWidget, focus_name)
            if again is not None:
                again.setFocus()

    def _replace_body(self, body: QWidget) -> None:
        # The old body may hold the button whose click started this rebuild: delete it later.
        old = self._scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self._scroll.setWidget(body)

    def _combo(
        self,
        name: str,
        items: list[tuple[str, str]],
        current: str,
        on_change: Callable[[str], None],
    ) -> QComboBox:
        combo = QComboBox(objectName=name)
        for label, value in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.currentIndexChanged.connect(lambda _i: on_change(str(combo.currentData())))
        return combo

    def _target_combo(self, name: str, current: object, slot: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.setModel(self.targets)
        combo.setCurrentIndex(max(0, combo.findText(str(current or ""))))
        combo.setToolTip(tr("Where this leads; $resume returns to where an objection started"))
        combo.currentTextChanged.connect(lambda text: self._target_chosen(slot, text))
        return combo

    def _text_edit(self, locale: str) -> QPlainTextEdit:
        node = self._node()
        edit = QPlainTextEdit(objectName=f"text_{locale}")
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(90)
        edit.setPlainText(_exact(node.get("text", ""), locale, self._draft_locale()))
        edit.textChanged.connect(lambda: self._text_changed(locale, edit.toPlainText()))
        self.text_edits[locale] = edit
        return edit

    def _line(self, key: str, value: object) -> QLineEdit:
        line = QLineEdit(str(value or ""), objectName=key)
        line.textEdited.connect(lambda text: self._emit_field(key, text or None))
        return line

    def _build_options(self, form: QFormLayout, node: NodeDoc) -> None:
        options: list[dict[str, Any]] = node.get("options") or []
        assert self._draft is not None
        self.option_list = QListWidget(objectName="optionList")
        for option in options:
            label = pick_text(option.get("label", ""), self.display_locale, self._draft.locale)
            self.option_list.addItem(f"{label or '…'}  [{option.get('id')}]")
        self.option_list.setFixedHeight(110)
        form.addRow(tr("Answers"), self.option_list)
        buttons = QGridLayout()
        keys = (
            ("add", tr("Add answer")),
            ("remove", tr("Remove")),
            ("up", tr("Move up")),
            ("down", tr("Move down")),
        )
        for position, (key, text) in enumerate(keys):
            button = QPushButton(text, objectName=f"option_{key}")
            button.clicked.connect(lambda _=False, k=key: self._option_button(k))
            buttons.addWidget(button, position // 2, position % 2)
            self.option_buttons[key] = button
        form.addRow("", buttons)
        if not options:
            return
        self.option_row = min(self.option_row, len(options) - 1)
        self.option_list.setCurrentRow(self.option_row)
        self.option_list.currentRowChanged.connect(self._option_selected)
        option = options[self.option_row]
        self.option_id_edit = QLineEdit(str(option.get("id", "")), objectName="optionId")
        self.option_id_edit.editingFinished.connect(self._option_id_done)
        form.addRow(tr("Answer id"), self.option_id_edit)
        for locale in self._draft.locales:
            line = QLineEdit(
                _exact(option.get("label", ""), locale, self._draft.locale),
                objectName=f"label_{locale}",
            )
            line.textEdited.connect(lambda text, loc=locale: self._option_label(loc, text))
            self.option_label_edits[locale] = line
            form.addRow(tr("Answer ({locale})").format(locale=locale), line)
        self.option_next_combo = self._target_combo(
            "optionNext", option.get("next"), f"option:{self.option_row}"
        )
        form.addRow(tr("Answer leads to"), self.option_next_combo)

    def _build_rules(self, form: QFormLayout, node: NodeDoc) -> None:
        for index, rule in enumerate(node.get("branches") or []):
            line = QLineEdit(str(rule.get("if", "")), objectName=f"rule_{index}")
            line.setPlaceholderText("account.days_past_due > 30")
            line.textEdited.connect(lambda text, i=index: self._rule_condition(i, text))
            self.rule_edits.append(line)
            form.addRow(tr("If ({number})").format(number=index + 1), line)
            form.addRow(
                tr("then go to"),
                self._target_combo(f"ruleNext_{index}", rule.get("next"), f"rule:{index}"),
            )
        add = QPushButton(tr("Add condition"), objectName="addRule")
        add.clicked.connect(self._add_rule)
        form.addRow("", add)
        form.addRow(tr("Otherwise"), self._target_combo("elseCombo", node.get("else"), "else"))

    # --- turning input into edits ------------------------------------------------

    def _draft_locale(self) -> str:
        return self._draft.locale if self._draft else "es-MX"

    def _node(self) -> NodeDoc:
        assert self._draft is not None and self.node_id is not None
        return self._draft.nodes[self.node_id]

    def _emit(self, edit: Edit | None) -> None:
        if edit is not None and not edit.is_empty:
            self.edit_requested.emit(edit)

    def _emit_field(self, key: str, value: object) -> None:
        if self._draft and self.node_id in self._draft.nodes:
            self._emit(edits.set_field(self._draft, self.node_id, key, value, f"edit {key}"))

    def _field(self, key: str) -> Callable[[str], None]:
        return lambda value: self._emit_field(key, value)

    def _kind_chosen(self, kind: str) -> None:
        if self._draft and self.node_id and self._node().get("kind") != kind:
            self._emit(edits.change_kind(self._draft, self.node_id, kind))

    def _text_changed(self, locale: str, value: str) -> None:
        assert self._draft is not None
        current: Text = self._node().get("text", "")
        self._emit_field("text", with_translation(current, locale, value, self._draft.locale))

    def _target_chosen(self, slot: str, target: str) -> None:
        if self._building or self._draft is None or self.node_id is None:
            return
        if target:
            self._emit(edits.connect(self._draft, self.node_id, target, slot))
        elif slot in ("next", "else"):
            self._emit_field(slot, None)
        elif slot.startswith("option:"):
            index = int(slot.partition(":")[2])
            self._emit(edits.set_option_field(self._draft, self.node_id, index, "next", None))

    def _option_selected(self, row: int) -> None:
        self.option_row = max(0, row)
        self.show_node(self._draft, self.node_id)

    def _option_button(self, key: str) -> None:
        if self._draft is None or self.node_id is None:
            return
        count = len(self._node().get("options") or [])
        if key == "add":
            self.option_row = count
            self._emit(edits.add_option(self._draft, self.node_id))
        elif key == "remove" and count:
            self._emit(edits.remove_option(self._draft, self.node_id, self.option_row))
        elif key in ("up", "down") and count:
            delta = -1 if key == "up" else 1
            edit = edits.move_option(self._draft, self.node_id, self.option_row, delta)
            if edit is not None:
                self.option_row += delta
                self._emit(edit)

    def _option_id_done(self) -> None:
        if self._draft and self.node_id and self.option_id_edit is not None:
            value = self.option_id_edit.text().strip()
            if value:
                self._emit(
                    edits.set_option_field(self._draft, self.node_id, self.option_row, "id", value)
                )

    def _option_label(self, locale: str, value: str) -> None:
        assert self._draft is not None and self.node_id is not None
        option = self._node()["options"][self.option_row]
        label = with_translation(option.get("label", ""), locale, value, self._draft.locale)
        self._emit(
            edits.set_option_field(self._draft, self.node_id, self.option_row, "label", label)
        )

    def _rule_condition(self, index: int, text: str) -> None:
        assert self._draft is not None and self.node_id is not None
        node = dict(self._node())
        rules = [dict(r) for r in node.get("branches") or []]
        rules[index]["if"] = text
        self._emit(edits.set_field(self._draft, self.node_id, "branches", rules, "edit condition"))

    def _add_rule(self) -> None:
        assert self._draft is not None and self.node_id is not None
        rules = [*(self._node().get("branches") or []), {"if": "", "next": ""}]
        self._emit(edits.set_field(self._draft, self.node_id, "branches", rules, "add condition"))


def _exact(text: object, locale: str, primary: str) -> str:
    """The text written for *locale* only (no fallback: an empty box means "translate me")."""
    wanted = locale.replace("_", "-").lower()
    if isinstance(text, str):
        return text if wanted == primary.replace("_", "-").lower() else ""
    if isinstance(text, dict):
        return next((v for k, v in text.items() if k.replace("_", "-").lower() == wanted), "")
    return ""
