"""Malformed PDFs: seeded mutations of a real PDF must parse or fail cleanly, never crash or hang."""

from __future__ import annotations

import random
import time

import pytest

from diffy.cli import main
from tests.conftest import ROOT

SAMPLE = ROOT / "documents" / "meridian" / "1998.pdf"
MUTATIONS = 40
BUDGET = 20.0  # seconds any one parse may take


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    kind = rng.choice(["flip", "truncate", "zero", "delete"])
    if kind == "flip":
        for _ in range(rng.randint(1, 40)):
            k = rng.randrange(len(buf))
            buf[k] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        del buf[rng.randrange(16, len(buf)):]
    else:
        a = rng.randrange(len(buf))
        b = min(len(buf), a + rng.randint(1, 4096))
        if kind == "zero":
            buf[a:b] = bytes(b - a)
        else:
            del buf[a:b]
    return bytes(buf)


def test_seeded_mutations_parse_or_fail_cleanly(tmp_path, capsys):
    data = SAMPLE.read_bytes()
    rng = random.Random(1998)
    outcomes = []
    for k in range(MUTATIONS):
        path = tmp_path / f"mutant-{k}.pdf"
        path.write_bytes(mutate(data, rng))
        t = time.monotonic()
        code = main(["parse", str(path), "--no-cache", "--jobs", "1", "--time-limit", str(BUDGET)])
        took = time.monotonic() - t
        err = capsys.readouterr().err
        assert code in (0, 2), (k, code, err)
        assert "Traceback" not in err
        if code == 2:
            assert err.startswith(f"diffy: {path}:") and err.count("\n") == 1, err
        assert took < BUDGET + 5, (k, took)
        outcomes.append(code)
    assert 0 in outcomes and 2 in outcomes  # the mutations reach both outcomes


def test_page_and_time_limits_say_how_to_raise_them(capsys):
    assert main(["parse", str(SAMPLE), "--no-cache", "--max-pages", "3"]) == 2
    assert "more than the limit of 3; raise it with --max-pages" in capsys.readouterr().err
    assert main(["parse", str(SAMPLE), "--no-cache", "--jobs", "1", "--time-limit", "0.001"]) == 2
    assert "raise the limit with --time-limit" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["2"])
def test_time_limit_in_parallel(jobs, capsys):
    assert main(["parse", str(SAMPLE), "--no-cache", "--jobs", jobs, "--time-limit", "0.001"]) == 2
    assert "--time-limit" in capsys.readouterr().err
