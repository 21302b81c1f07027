"""The central hub: websockets server, SQLAlchemy store, demo seed and migrations.

Import ``Hub``/``run_hub`` from ``sync.hub.server``, ``migrate`` from
``sync.hub.db`` and ``seed_demo`` from ``sync.hub.seed``. This package must never
import the desktop or Qt, and never log a debtor's personal data.
"""
