"""The desktop's logging: a rotating file in the platform log folder, an in-memory tail, masking.

`install_desk_logging` sends every record to `acuerdo.log` (rotated at 2 MB, 5 files kept) in
platformdirs' user log folder and to a bounded in-memory tail that the diagnostics page and the
support bundle read. A `DebtorDataMask` filter on both rewrites e-mail addresses, phone numbers,
money amounts and the names the desk was told about before a record is written; the code already
avoids logging them, the mask is the second line of defence. This module must never write a
record unmasked, and never raise from a handler (logging must not break a call).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from collections import deque
from collections.abc import Iterable
from pathlib import Path

import platformdirs

LOG_FILE = "acuerdo.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
TAIL_LINES = 2000

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Money: a currency sign or code beside digits (MXN 1,234.50 / $1 234 / 1.234,50 USD).
_MONEY = re.compile(
    r"(?:(?:MXN|USD|EUR|\$|€)\s?\d[\d,. ]*\d|\d[\d,. ]*\d?\s?(?:MXN|USD|EUR|pesos?)\b)",
    re.IGNORECASE,
)
# Phones: 10+ digits with optional +, spaces, dashes, dots or brackets between groups.
# Not followed by ":" so a date and time ("2026-11-22 22:45") is not taken for one.
_PHONE = re.compile(r"(?<![\w.])\+?(?:\d[\s().-]?){9,14}\d(?![\w.:])")
# `amount=12345`, `amount_cents: 99` and the like, whatever the number.
_AMOUNT_FIELD = re.compile(
    r"\b(amount\w*|balance\w*|\w*_cents)(\s*[=:]\s*)-?[\d.,]+", re.IGNORECASE
)


class DebtorDataMask(logging.Filter):
    """Rewrites personal data in a record's final message; known names are masked too."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._names: set[str] = set()
        self._name_pattern: re.Pattern[str] | None = None
        self.add_names(names)

    def add_names(self, names: Iterable[str]) -> None:
        """Names seen in handoffs (first, last, full); masked wherever they appear."""
        with self._lock:
            self._names.update(n.strip() for n in names if n and len(n.strip()) >= 3)
            if self._names:
                ordered = sorted(self._names, key=len, reverse=True)
                alternatives = "|".join(re.escape(n) for n in ordered)
                self._name_pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)

    def mask(self, text: str) -> str:
        text = _EMAIL.sub("<email>", text)
        text = _AMOUNT_FIELD.sub(r"\1\2<amount>", text)
        text = _MONEY.sub("<amount>", text)
        text = _PHONE.sub("<phone>", text)
        pattern = self._name_pattern
        if pattern is not None:
            text = pattern.sub("<name>", text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = self.mask(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        return True


class LogTail(logging.Handler):
    """The last `capacity` formatted lines, for the diagnostics page and support bundle."""

    def __init__(self, capacity: int = TAIL_LINES) -> None:
        super().__init__()
        self._lines: deque[str] = deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._lines.append(self.format(record))
        except Exception:  # a log line must never break the caller
            self.handleError(record)

    def lines(self) -> list[str]:
        return list(self._lines)


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("acuerdo", appauthor=False))


class DeskLogging:
    """What `install_desk_logging` set up; `close` undoes it (tests, re-configuration)."""

    def __init__(self, file: Path | None, tail: LogTail, mask: DebtorDataMask) -> None:
        self.file = file
        self.tail = tail
        self.mask = mask
        self.handlers: list[logging.Handler] = []

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()


_current: DeskLogging | None = None


def current() -> DeskLogging | None:
    """The running desk's logging (None in the hub, the dialer or before install)."""
    return _current


def install_desk_logging(
    level: int = logging.INFO, folder: Path | None = None, stderr_level: int | None = None
) -> DeskLogging:
    """Route the root logger to the rotating file and the tail (both masked); optionally
    also stderr. A log folder that cannot be created leaves the tail and stderr working."""
    global _current
    if _current is not None:
        _current.close()
    mask = DebtorDataMask()
    tail = LogTail()
    folder = folder or log_dir()
    handlers: list[logging.Handler] = [tail]
    file: Path | None = folder / LOG_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(
            folder / LOG_FILE, maxBytes=2 * 1024 * 1024, backupCount=5, encoding="utf-8", delay=True
        )
        rotating.setFormatter(logging.Formatter(FORMAT))
        handlers.append(rotating)
    except OSError:
        file = None
    if stderr_level is not None:
        stream = logging.StreamHandler()
        stream.setFormatter(logging.Formatter(FORMAT))
        stream.setLevel(stderr_level)
        handlers.append(stream)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in handlers:
        handler.addFilter(mask)
        root.addHandler(handler)
    _current = DeskLogging(file, tail, mask)
    _current.handlers = handlers
    if file is None:
        logging.getLogger("acuerdo.logs").warning("log folder %s is not writable", folder)
    return _current


def recent_log_files(folder: Path | None = None) -> list[Path]:
    """The current log and its rotations, newest first."""
    folder = folder or log_dir()
    files = [folder / LOG_FILE] + [folder / f"{LOG_FILE}.{n}" for n in range(1, 6)]
    return [f for f in files if f.is_file()]
