"""Small series of policy versions for the batch tests, as Markdown files (quick to read and compare)."""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = ("members staff contractors data records region territory partners council committee review audit "
         "notice period request access disclosure retention security incident report assessment measure "
         "service account content platform user provider authority").split()
MODALS = ("shall", "may", "must", "should", "will")
TITLES = ("Scope", "Definitions", "Obligations", "Access to Records", "Retention", "Security Incidents",
          "Review and Audit", "Cooperation with Authorities", "Notices", "Final Provisions")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    words.insert(rng.randint(1, 3), rng.choice(MODALS))
    return "The " + " ".join(words) + f" within {rng.randint(2, 90)} days."


def versions(seed: int, count: int, sections: int = 6, paragraphs: int = 3) -> list[str]:
    """`count` successive versions of one document: each revises a few sentences (a modal verb, a number, a
    new sentence), renames or adds a section now and then."""
    rng = random.Random(seed)
    titles = list(TITLES[:sections])
    body = [[" ".join(_sentence(rng) for _ in range(3)) for _ in range(paragraphs)] for _ in titles]
    out = []
    for v in range(count):
        if v:
            for _ in range(3):
                s, p = rng.randrange(len(body)), rng.randrange(paragraphs)
                sentences = body[s][p].split(". ")
                k = rng.randrange(len(sentences))
                sentences[k] = _sentence(rng).rstrip(".")
                body[s][p] = ". ".join(sentences)
            if v % 2 == 0 and len(titles) < len(TITLES):
                titles.append(TITLES[len(titles)])
                body.append([" ".join(_sentence(rng) for _ in range(3)) for _ in range(paragraphs)])
            if v % 3 == 0:
                titles[1] = titles[1] + " and Terms"
        lines = [f"# Data Policy {seed}", ""]
        for n, (title, paras) in enumerate(zip(titles, body, strict=True), 1):
            lines += [f"## {n}. {title}", ""]
            for para in paras:
                lines += [para, ""]
        out.append("\n".join(lines))
    return out


def write_series(folder: Path, seed: int, count: int, names: list[str] | None = None, meta: bool = False,
                 **kw) -> list[Path]:
    """The versions as files in `folder` (named by year, or by `names`; with `meta`, a `series.json` gives the
    order and labels instead)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = names or [f"{2001 + k}.md" for k in range(count)]
    paths = []
    for name, text in zip(names, versions(seed, count, **kw), strict=True):
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    if meta:
        (folder / "series.json").write_text(json.dumps({"versions": [
            {"label": f"v{k + 1}", "file": name} for k, name in enumerate(names)]}), encoding="utf-8")
    return paths


def collection(root: Path) -> Path:
    """Three series: `alpha` (4 versions by year), `group/beta` (3 versions, ordered by a series.json), and
    `group/gamma` (3 versions); 7 adjacent pairs."""
    write_series(root / "alpha", 1, 4)
    write_series(root / "group" / "beta", 2, 3, names=["first.md", "second.md", "third.md"], meta=True)
    write_series(root / "group" / "gamma", 3, 3)
    return root
