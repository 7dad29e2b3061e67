"""Each benchmark at its small size, run as a reader runs it: `python bench/<name>.py` in a
process of its own, from the repository's root. What is checked is that it runs, prints its
ratios and loses or doubles nothing; never the ratios themselves, which a busy machine would
fail: their targets are in each bench's own output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
RATIO = r"\d+\.\d\dx"
COUNTED = r"duplicates 0, missing 0"

# Each bench's small size, and a line its output must hold for each case it reports.
BENCHES: dict[str, tuple[list[str], list[str]]] = {
    # 2 people: the steady workspace's posts are refused all at once and each waits out a whole
    # second of Retry-After, so every person beyond the first costs a second (4 took 8 s more)
    "reminder_fanout": (
        ["--people", "2", "--time-scale", "600"],
        [rf"bare loop\s+{case}\s.*{COUNTED}" for case in ("cold", "warm")]
        + [
            rf"{variant}\s+{case}\s.*ratio to bound {RATIO}.*{COUNTED}"
            for variant in ("PUBLIC_URL", "Socket Mode")
            for case in ("cold", "warm", "restarted")
        ]
        + [rf"^\s+{case}\s.*ratio to bound {RATIO}.*{COUNTED}" for case in ("steady", "429s")]
        + [
            rf"{label}\s.*ratio {RATIO}" for label in ("first reminder \\+ .ics", "second reminder")
        ],
    ),
    "checkin_round": (
        ["--pairs", "20"],
        [
            rf"check-in round for 20 pairs: .*\(20 sent\).*ratio {RATIO}",
            r"who is due: 10x the pairs took\s+\d+\.\dx the time",
        ],
    ),
    "evaluation_answers": (
        ["--people", "4"],
        [
            rf"ours, {shape}\s.*p99 ratio\s+{RATIO}.*4 forms submitted"
            for shape in ("web acks, clock works", "one process, inline")
        ],
    ),
    # 100 newcomers in a workspace of 300: two users.list pages, well inside Tier 2's minute
    "participants_import": (
        ["--people", "100", "--workspaces", "300"],
        [rf"workspace of\s+300: .*ratio to target {RATIO}.*ratio to old {RATIO}.*{COUNTED}"],
    ),
    # 60 mentees and 24 mentors: the whole path (table, solves, shortlists, explanations, a swap)
    "matching": (
        ["--mentees", "60", "--mentors", "24", "--repeat", "1"],
        [
            rf"ours: .*ratio to target {RATIO}.*ratio to one solve {RATIO}.*broken rules 0.*{COUNTED}",
            r"first come, first served: .*matched \d+",
            r"a swap: .*loses \d+ points",
        ],
    ),
}


# One process each, as a reader runs them; the suite's workers (pytest-xdist) run them side by
# side, and the reminder bench mostly waits out Slack's whole-second Retry-Afters.
@pytest.mark.parametrize("bench", BENCHES)
def test_each_bench_runs_at_its_small_size_and_reports_every_case(bench: str) -> None:
    arguments, expected = BENCHES[bench]
    run = subprocess.run(
        [sys.executable, f"bench/{bench}.py", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    for pattern in expected:
        assert any(re.search(pattern, line) for line in lines), (pattern, run.stdout)
    assert all(COUNTED in line for line in lines if "duplicates" in line), run.stdout
