"""The exports a batch can write beside each pair's JSON: one entry per format.

Each export is what `diffy export OLD NEW` writes for the pair: the comparison
with the manual pairings of its annotation file applied, its notes beside their
text and the notes carried from the comparison before it. Adding a format is one
entry in `EXPORTS`: a file suffix and a function from that material to text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line reads the list of formats without importing the comparison code
    from diffy.annotations.attach import Attached
    from diffy.annotations.carry import Carried
    from diffy.comparison.compare import Comparison
    from diffy.comparison.significance import Terms


@dataclass(frozen=True, slots=True)
class Export:
    suffix: str
    render: Callable[[Comparison, Sequence[Attached], tuple[str, str], Sequence[Carried], Terms], str]
    # (the comparison with its annotation file's pairings applied, its notes placed on it, the versions'
    # labels, the notes carried from the comparison before it, the series' significance terms) -> the text


def _markdown(cmp: Comparison, attached: Sequence[Attached], labels: tuple[str, str],
              carried: Sequence[Carried], terms: Terms) -> str:
    from diffy.export.markdown import render_markdown

    return render_markdown(cmp, attached, labels=labels, carried=carried)


def _html(cmp: Comparison, attached: Sequence[Attached], labels: tuple[str, str],
          carried: Sequence[Carried], terms: Terms) -> str:
    from diffy.export.html import render_html

    return render_html(cmp, attached, labels=labels, carried=carried, terms=terms)


EXPORTS: dict[str, Export] = {
    "markdown": Export(".md", _markdown),
    "html": Export(".html", _html),
}
