"""Annotation helpers: `python -m annotate` computes offsets, checksums and ids.

They never edit an article text, and they write into the package only when
given --write, after showing the change.
"""
