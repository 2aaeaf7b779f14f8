"""What an annotation is: a note with tags, aimed at quoted text on one or both sides."""

from __future__ import annotations

from dataclasses import dataclass

SIDES = ("old", "new")


@dataclass(frozen=True, slots=True)
class Target:
    """A quote in one version, as a W3C TextQuoteSelector plus hints for finding it again.

    `start`/`end` are character offsets into the section's text; `section_id` and
    `heading` say where it was; `change_id` is set when the note is about a change.
    """

    side: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    section_id: str | None = None
    heading: str | None = None
    start: int = 0
    end: int = 0
    change_id: str | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    created: str  # ISO 8601, UTC
    updated: str
    author: str
    note: str
    tags: tuple[str, ...]
    targets: tuple[Target, ...]


def target_to_dict(t: Target) -> dict:
    return {"side": t.side, "section_id": t.section_id, "heading": t.heading, "exact": t.exact,
            "prefix": t.prefix, "suffix": t.suffix, "start": t.start, "end": t.end, "change_id": t.change_id}


def annotation_to_dict(a: Annotation) -> dict:
    return {"id": a.id, "created": a.created, "updated": a.updated, "author": a.author, "tags": list(a.tags),
            "note": a.note, "targets": [target_to_dict(t) for t in a.targets]}


def annotation_from_dict(d: dict) -> Annotation:
    """Build an annotation from its JSON form; raises ValueError naming what is wrong."""
    if not isinstance(d, dict):
        raise ValueError("an annotation is not an object")
    try:
        targets = tuple(_target(t) for t in d["targets"])
        tags = tuple(str(t) for t in d.get("tags", []))
        ann = Annotation(str(d["id"]), str(d["created"]), str(d.get("updated", d["created"])),
                         str(d.get("author", "")), str(d.get("note", "")), tags, targets)
    except KeyError as e:
        raise ValueError(f"an annotation lacks {e.args[0]!r}") from None
    except TypeError as e:
        raise ValueError(f"an annotation has a field of the wrong type ({e})") from None
    if not targets:
        raise ValueError(f"annotation {ann.id} has no target")
    return ann


def _target(t: dict) -> Target:
    side = t["side"]
    if side not in SIDES:
        raise ValueError(f"a target's side is {side!r}, not old or new")
    return Target(side, str(t["exact"]), str(t.get("prefix", "")), str(t.get("suffix", "")),
                  t.get("section_id"), t.get("heading"), int(t.get("start", 0)), int(t.get("end", 0)),
                  t.get("change_id"))
