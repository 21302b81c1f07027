"""The negotiation script as the agent walks it: a Qt-facing wrapper over scripts_engine.Runner.

It holds the Runner for the current call, turns runner moves into `step_changed` signals, and
reports a move the script does not allow as a user message instead of an exception. It must
never decide what the script says: wording and branching belong to the scripts engine.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal

from desktop.common import messages
from desktop.common.i18n import translate
from scripts_engine import Choice, EngineError, Runner, RunnerError, Script, Step

log = logging.getLogger("acuerdo.desktop")

PROMISE_ACTION = "open_promise_form"


class ScriptViewModel(QObject):
    step_changed = Signal(object)  # Step | None
    promise_requested = Signal()  # the script reached its "record the promise" action

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner: Runner | None = None
        self._title = ""

    # --- reading ------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        return self._runner is not None

    @property
    def title(self) -> str:
        """The loaded script's title in the agent's language ("" when none is loaded)."""
        return self._title

    @property
    def script(self) -> Script | None:
        return self._runner.script if self._runner else None

    @property
    def current(self) -> Step | None:
        return self._runner.current if self._runner else None

    @property
    def path(self) -> tuple[str, ...]:
        return self._runner.path if self._runner else ()

    @property
    def can_go_back(self) -> bool:
        return bool(self._runner and self._runner.can_go_back)

    @property
    def objections(self) -> tuple[Choice, ...]:
        return self._runner.objections if self._runner else ()

    @property
    def disposition(self) -> str | None:
        step = self.current
        return step.disposition if step else None

    # --- moves --------------------------------------------------------------

    def load(self, script: Script, variables: Mapping[str, object], locale: str) -> bool:
        try:
            self._runner = Runner(script, variables, locale=locale)
            self._title = script.title_for(locale)
        except EngineError as exc:
            self._runner = None
            self._title = ""
            log.warning("script %s could not start: %s", script.id, exc)
            messages.error(
                translate("Script", "The script could not be started: {reason}").format(
                    reason=str(exc)
                )
            )
            self.step_changed.emit(None)
            return False
        self._emit()
        return True

    def clear(self) -> None:
        self._runner = None
        self.step_changed.emit(None)

    def choose(self, option_id: str) -> None:
        self._move(lambda r: r.choose(option_id))

    def advance(self) -> None:
        self._move(lambda r: r.advance())

    def back(self) -> None:
        self._move(lambda r: r.back())

    def objection(self, objection_id: str) -> None:
        self._move(lambda r: r.objection(objection_id))

    def _move(self, move: object) -> None:
        if self._runner is None:
            return
        try:
            move(self._runner)  # type: ignore[operator]
        except (RunnerError, EngineError) as exc:
            # A script bug (dead end, bad template) must not end the call: say so and stay.
            log.warning("script move refused: %s", exc)
            messages.warning(
                translate("Script", "The script cannot go there: {reason}").format(reason=str(exc))
            )
            return
        self._emit()

    def _emit(self) -> None:
        step = self.current
        self.step_changed.emit(step)
        if step is not None and step.action == PROMISE_ACTION:
            self.promise_requested.emit()
