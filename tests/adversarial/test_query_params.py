"""Hostile parameter values for saved queries: refused with the parameter's name, or bound as
one plain value — never pasted into the query, never an extra row, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ASAN_KG = Path(sys.executable).parent / "asan-kg"

# (id, -p argument, whether it is refused; an accepted one must give no more rows than the plain one)
HOSTILE = [
    ("iri-closing-brace", "partner=<https://w3id.org/asan-kg/id/place/dongguan> } ?s ?p ?o {", True),
    ("iri-with-space", "partner=https://w3id.org/asan-kg/id/place/dong guan", True),
    ("iri-with-quote", 'partner=https://w3id.org/x"> . ?s ?p ?o . <y', True),
    ("iri-javascript", "partner=javascript:alert(1)", False),
    ("iri-unknown-scheme", "partner=nosuch:dongguan", False),  # an absolute IRI: bound, matches nothing
    ("iri-update-text", "partner=place:dongguan INSERT DATA { <a> <b> <c> }", True),
    ("lang-injection", 'lang=en") || true || ("', True),
    ("lang-empty-subtag", "lang=en-", True),
    ("lang-control-chars", "lang=e\x1b[2Jn", True),
    ("unknown-parameter", "nosuch=1", True),
    ("no-equals-sign", "partner", True),
    ("date-with-time-injection", 'from=2014-01-01"^^xsd:date) || true || ("', True),
    ("date-impossible", "from=2014-02-30", True),
    ("date-full-width", "from=２０１４-０１-０１", True),
    ("huge-value", "partner=place:" + "a" * 100_000, False),
]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ASAN_KG), *args], capture_output=True, text=True, timeout=120, check=False, encoding="utf-8"
    )


def _rows(csv_text: str) -> int:
    return max(len(csv_text.strip().splitlines()) - 1, 0)


@pytest.mark.adversarial
@pytest.mark.parametrize(("case", "param", "refused"), HOSTILE, ids=[f"params-{h[0]}" for h in HOSTILE])
def test_a_hostile_parameter_is_refused_or_bound_as_one_value(case: str, param: str, refused: bool) -> None:
    args = ["query", "partner-activities", "-p", "partner=place:dongguan", "--format", "csv"]
    plain = _run(*args)
    assert plain.returncode == 0, plain.stderr
    run = _run(
        *args[:2],
        *(["-p", "partner=place:dongguan"] if not param.startswith("partner") else []),
        "-p",
        param,
        "--format",
        "csv",
    )
    assert "Traceback" not in run.stderr
    if refused:
        assert run.returncode == 2, (run.stdout, run.stderr)
        message = run.stderr.strip().splitlines()[0]
        assert message.startswith("error:") and param.split("=", 1)[0] in message, message
    else:
        assert run.returncode == 0, run.stderr
        assert _rows(run.stdout) <= _rows(plain.stdout)
