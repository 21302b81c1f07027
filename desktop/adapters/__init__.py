"""Adapters that turn softphone and sync callbacks into Qt signals on the GUI thread."""
