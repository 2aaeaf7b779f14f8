"""A series of three or more versions: their order, each clause's lineage (`lineage`), and the
history of each clause version by version (`history`)."""

from diffy.series.lineage import Step, Version, lineage_to_dict, lineages, read_series

__all__ = ["Step", "Version", "lineage_to_dict", "lineages", "read_series"]
