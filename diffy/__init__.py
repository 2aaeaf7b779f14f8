"""diffy: compare versions of policy and guideline documents section by section."""

__version__ = "0.1.0"
