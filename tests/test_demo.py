"""The README's run command: with no Slack token, the demo prints a transcript and Ctrl-C stops it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def demo_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.pop("DATABASE_URL", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def test_the_demo_replays_the_programme_and_shows_who_sees_what(tmp_path: Path) -> None:
    done = subprocess.run(  # noqa: PLW1510 - the exit code is asserted below
        [sys.executable, "-m", "mentorbot.cli", "run", "--transcript", "--pace", "0"],
        cwd=tmp_path,
        env=demo_env(tmp_path) | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith("replaying the programme on a simulated clock (Ctrl-C stops).")
    assert any(
        line.startswith(
            "Tue 14 Oct 2025 10:00  → Sunita Rao: Reminder: Setting expectations briefing (mentees) is in 7 days."
        )
        for line in lines
    )
    assert any("→ Sunita Rao: 📎 expectations-mentees-202510210900.ics" in line for line in lines)
    assert any("Aled Pritchard presses “I can't make it”" in line for line in lines)
    assert not any("Aled Pritchard: Reminder: LMS Launch is tomorrow" in line for line in lines)
    assert any("in your time zone (Europe/Madrid)" in line for line in lines)
    assert lines[-1].endswith("The programme is over. Goodbye.")
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.glob("*.db")), "the demo leaves no database behind"


def as_in_a_terminal() -> None:
    """Ctrl-C reaches the demo as it does in a terminal, even when these tests run where
    SIGINT is ignored (a shell's background job passes that on, and Python then never turns
    SIGINT into KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is how Ctrl-C arrives on POSIX")
def test_ctrl_c_stops_the_demo_cleanly(tmp_path: Path) -> None:
    demo = subprocess.Popen(
        [sys.executable, "-m", "mentorbot.cli", "run", "--transcript", "--pace", "0.5"],
        cwd=tmp_path,
        env=demo_env(tmp_path) | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=as_in_a_terminal,  # noqa: PLW1509 - no threads start in the child before exec
    )
    assert demo.stdout is not None
    first = demo.stdout.readline()
    assert "replaying the programme" in first
    demo.stdout.readline()  # replaying, whatever the machine's load
    demo.send_signal(signal.SIGINT)
    # However slow the machine, the demo stops: it is its last line that is asserted, not how soon.
    out, err = demo.communicate(timeout=120)
    assert demo.returncode == 0
    assert out.rstrip().endswith("Stopped.")
    assert "Traceback" not in err
