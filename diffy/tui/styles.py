"""Colours and badges, and document text turned into Rich `Text` (never parsed as markup)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from rich.style import Style
from rich.text import Text

from diffy.comparison.pairview import ASIDE, DELETED, INSERTED, MOVED_IN, Segment

# relation -> (label, foreground, background): fixed colours that read the same on light and dark themes
BADGES = {
    "same": ("same", "#202020", "#a0a0a0"),
    "edited": ("edited", "#202020", "#f0c050"),
    "renamed": ("renamed", "#202020", "#78cce6"),
    "moved": ("moved", "#ffffff", "#3868c8"),
    "split": ("split", "#ffffff", "#8a4fb0"),
    "merged": ("merged", "#ffffff", "#c04a8c"),
    "added": ("added", "#202020", "#62c46e"),
    "removed": ("removed", "#ffffff", "#c03a32"),
}
BADGE_WIDTH = max(len(label) for label, _, _ in BADGES.values()) + 2
# two-letter codes for a narrow outline, where the full badge would leave the heading a few letters
SHORT = {"same": "==", "edited": "ed", "renamed": "rn", "moved": "mv", "split": "sp", "merged": "mg",
         "added": "++", "removed": "--"}
SHORT_WIDTH = 4


def badge(relation: str, short: bool = False) -> Text:
    label, fg, bg = BADGES.get(relation, (relation, "#202020", "#a0a0a0"))
    if short:
        label = SHORT.get(relation, relation[:2])
    width = SHORT_WIDTH if short else BADGE_WIDTH
    return Text(f" {label} ".center(width), style=Style(color=fg, bgcolor=bg, bold=True))


def palette(variables: Mapping[str, str]) -> dict[str, Style]:
    """Styles for diff segments from the current theme's CSS variables."""

    def colour(name: str, default: str) -> str | None:
        value = variables.get(name, default)
        return value if value and value.startswith("#") else default

    return {
        DELETED: Style(color=colour("text-error", "#d17e92"), bgcolor=colour("error-muted", "#441e27"), strike=True),
        INSERTED: Style(color=colour("text-success", "#8ad4a1"), bgcolor=colour("success-muted", "#24452e"),
                        underline=True),
        MOVED_IN: Style(color=colour("text-primary", "#57a5e2"), bgcolor=colour("primary-muted", "#0c304c"),
                        italic=True),
        ASIDE: Style(dim=True, italic=True),
        "current": Style(reverse=True, bold=True),
        "match": Style(bgcolor=colour("warning", "#fea62b"), color="#000000"),
        "note": Style(dim=True, italic=True),
        "annotated": Style(bold=True, overline=True),
        "annotation": Style(color=colour("text-warning", "#ffc473"), italic=True),
        "quote": Style(bgcolor=colour("accent-muted", "#593e19"), bold=True),
    }


def segments_text(segs: Iterable[Segment], styles: Mapping[str, Style], current: str | None = None,
                  query: str = "", annotated: Collection[str] = (),
                  quoted: Mapping[int, tuple[int, int]] | None = None) -> Text:
    """Segments as styled text. Document text is appended as plain strings, never markup.

    `quoted` marks, per segment index, the part of its text a focused note quotes."""
    out = Text()
    note = None
    for k, seg in enumerate(segs):
        style = styles.get(seg.kind)
        if seg.change is not None and seg.change in annotated:
            style = (style or Style()) + styles["annotated"]
        if seg.change is not None and seg.change == current:
            style = (style or Style()) + styles["current"]
        if seg.note and seg.note != note:
            out.append(f"[{seg.note}] ", style=styles["note"])
        note = seg.note
        at = len(out)
        out.append(seg.text, style=style)
        if quoted and k in quoted:
            out.stylize(styles["quote"], at + quoted[k][0], at + quoted[k][1])
    if query:
        out.highlight_words([query], styles["match"], case_sensitive=False)
    return out
