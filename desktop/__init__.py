"""Acuerdo's Qt desktop: views, view-models and the composition root.

The only package that imports QtWidgets. Nothing else of ours may import it.
"""
