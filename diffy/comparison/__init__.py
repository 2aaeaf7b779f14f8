"""The comparison core: sections aligned by content (`align`), word changes (`diff`), the
comparison itself (`compare`), significance, and the headless views the front ends share
(`pairview`, `browse`). Nothing here imports Textual or pdfplumber."""

from diffy.comparison.compare import RELATIONS, Comparison, Overrides, Pair, compare

__all__ = ["RELATIONS", "Comparison", "Overrides", "Pair", "compare"]
