"""Pieces every desktop feature shares: the message bridge, i18n, formatting and theme."""
