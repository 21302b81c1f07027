"""The Qt binding itself must survive a shift: no reference leaked on ordinary calls.

PySide6 6.12.0 on CPython 3.11 dropped one reference to None on every void
call (setText, setPos...), so after some 100,000 calls the interpreter aborted.
An agent's workspace makes that many calls in hours. This test pins the fix.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 5_000


def test_void_qt_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    label.setText("warm-up")
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
    # Other code may touch None meanwhile; a leak shows as about one per call.
    assert abs(sys.getrefcount(None) - before) < CALLS // 10
