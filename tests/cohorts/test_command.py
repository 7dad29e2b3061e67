"""`mentorbot cohort new`, run as an operator runs it: a process of its own, in a folder of
their own, with no Slack token (it writes a file, so it needs none)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.programme_file import load_programme
from mentorbot.cli import main


def mentorbot(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MENTORBOT_"))}
    return subprocess.run(
        [sys.executable, "-m", "mentorbot.cli", *args],
        cwd=folder,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_team_starts_2026_27_from_2025_26_and_the_file_it_gets_runs(tmp_path: Path) -> None:
    done = mentorbot(tmp_path, "cohort", "new", "2026-27", "--from", "2025-26")

    assert done.returncode == 0, done.stderr
    written = tmp_path / "lms-2026-27.yaml"
    assert f"Wrote {written.name}: cohort 2026-27, from 2025-26, with 9 dates to confirm" in (
        done.stdout
    )
    assert "to_confirm: true" in written.read_text()
    programme = load_programme(written)
    assert programme.cohort == "2026-27"


def test_the_year_after_starts_from_a_folder_of_programme_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["cohort", "new", "2026-27", "--from", "2025-26"]) == 0
    monkeypatch.setenv("MENTORBOT_PROGRAMME", ".")

    assert main(["cohort", "new", "2027-28", "--from", "2026-27"]) == 0

    assert load_programme(tmp_path / "lms-2027-28.yaml").name.endswith("2027-28")


def test_what_cannot_be_done_is_refused_with_what_to_do_and_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lms-2026-27.yaml").write_text("kept")

    assert main(["cohort", "new", "2026-27", "--from", "2019-20"]) == 2
    assert "No programme file says `cohort: 2019-20`" in capsys.readouterr().err
    assert main(["cohort", "new", "2024-25", "--from", "2025-26"]) == 2
    assert "2024-25 does not come after 2025-26" in capsys.readouterr().err
    assert main(["cohort", "new", "2026-27", "--from", "2025-26"]) == 2
    assert "lms-2026-27.yaml already exists" in capsys.readouterr().err
    assert (tmp_path / "lms-2026-27.yaml").read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lms-2026-27.yaml"]
