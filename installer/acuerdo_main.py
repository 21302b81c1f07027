"""Entry point of the frozen application: the same `acuerdo` command as the installed script.

PyInstaller needs a script, not a console-script entry point; this file only hands over to
`desktop.cli.main`. It must never hold logic of its own.
"""

from __future__ import annotations

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
