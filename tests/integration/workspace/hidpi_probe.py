"""Run the real workspace at a display scale and report every label or button that is clipped.

``QT_SCALE_FACTOR=2 python -m tests.integration.workspace.hidpi_probe es_MX 1280 720`` starts
the workspace (real hub, see screenshots.running_desk) at that logical size, walks it waiting
for a call and on a call with identity confirmed, and prints one JSON line: the device pixel
ratio the window painted at, whether the window's minimum size fits the given size, bundled
SVG icons' pixel ratio, and each clipped widget (object name, text, size and size hint).
A scale factor has to be set before the QApplication exists, hence a process of its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from desktop.common.i18n import install_translator
from desktop.common.resources import icon
from desktop.common.theme import apply_theme
from tests.integration.workspace.screenshots import running_desk, settle

# Rounding between logical and device pixels may cost one pixel; more is a cut-off glyph.
SLACK_PX = 1


def clipped(root: QWidget) -> list[dict[str, Any]]:
    """Visible one-line labels and buttons narrower or shorter than their text needs."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            # Wrapping labels grow in height instead; picture labels have no text to cut.
            if widget.wordWrap() or not widget.text() or not widget.pixmap().isNull():
                continue
            text = widget.text()
        elif isinstance(widget, QAbstractButton):
            text = widget.text()
        else:
            continue
        hint = widget.sizeHint()
        if widget.width() + SLACK_PX < hint.width() or widget.height() + SLACK_PX < hint.height():
            found.append(
                {
                    "name": widget.objectName() or type(widget).__name__,
                    "text": text,
                    "size": [widget.width(), widget.height()],
                    "hint": [hint.width(), hint.height()],
                }
            )
    return found


async def probe(locale: str, width: int, height: int, look: str) -> dict[str, Any]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, look)
    report: dict[str, Any] = {"states": {}}
    async with running_desk(locale, (width, height)) as scene:
        ws = scene.workspace
        ws.top_bar.ready_button.click()
        await settle(scene)
        report["states"]["ready"] = clipped(ws)
        await scene.offer()
        ws.verification.confirm_button.click()
        await settle(scene)
        report["states"]["on_call"] = clipped(ws)
        minimum = ws.minimumSizeHint()
        report["minimum"] = [minimum.width(), minimum.height()]
        report["window"] = [ws.width(), ws.height()]
        report["fits"] = minimum.width() <= width and minimum.height() <= height
        picture = ws.grab()
        report["grab_ratio"] = picture.devicePixelRatio()
        report["grab_pixels"] = [picture.width(), picture.height()]
        ratio = ws.devicePixelRatioF()
        report["window_ratio"] = ratio
        pixmap = icon("channel-call").pixmap(QSize(16, 16), ratio)
        report["icon"] = [pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()]
    return report


def main(argv: list[str]) -> int:
    locale, width, height = argv[0], int(argv[1]), int(argv[2])
    look = argv[3] if len(argv) > 3 else "light"
    app = QApplication([sys.argv[0]])
    translator = install_translator(app, locale)
    try:
        report = asyncio.run(probe(locale, width, height, look))
    finally:
        if translator is not None:
            app.removeTranslator(translator)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
