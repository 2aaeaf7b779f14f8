"""Annotations: notes and tags anchored to quoted text of a comparison.

`model` holds the dataclasses, `store` the file on disk (atomic, locked,
validated), `anchor` finds a quote again in a (re-parsed or newer) document.
"""
