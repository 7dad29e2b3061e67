"""What every process pays at start: the app imports none of the heavy libraries that only a few
uses need (a chart, a document, a report's statistics, a match). Each is imported where it is
first used (handlers/views/documents.py says how); one imported at the top of a module again
would cost every web, clock and command process its start-up time, unseen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
# What each cost a process at start, measured when they were made lazy: 2.8 s of CPU in all.
FIRST_USED_ONLY = ("scipy", "matplotlib", "fpdf", "docx")


def test_starting_the_app_imports_no_library_that_only_a_few_uses_need() -> None:
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, mentorbot.app, mentorbot.cli; "
            f"print(' '.join(m for m in {FIRST_USED_ONLY!r} if m in sys.modules))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert imported == [], f"imported at start: {imported}; import them where first used"
