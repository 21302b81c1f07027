"""Diagnostics for IT and support: checks, the support bundle and the page that shows them.

Importing the package must never start a check or touch the network.
"""
