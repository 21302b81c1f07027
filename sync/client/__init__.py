"""The desk's side of sync: a durable outbox and a reconnecting session with the hub.

``SyncClient`` is the entry point; ``LocalStore`` is the SQLite file it keeps its
outbox and resume point in. This package never imports Qt and never stores the
agent's password.
"""

from .client import SyncClient
from .model import ConnectionState, HubError, ItemState, OutboxItem, SyncListener
from .policy import Backoff, Verdict, decide
from .store import LocalStore, StoreError

__all__ = [
    "Backoff",
    "ConnectionState",
    "HubError",
    "ItemState",
    "LocalStore",
    "OutboxItem",
    "StoreError",
    "SyncClient",
    "SyncListener",
    "Verdict",
    "decide",
]
