"""`mentorbot cohort erase-expired [--dry-run]`, run as an operator runs it: a process of its own
beside the deployment (the local Slack workspace, its database), with a programme file that keeps
2025-26's personal data for a month after its last day, 30 September 2026; run today, long
after, it names the cohort, then erases it, tells the team's channel, and says when each
cohort's data is (or was) erased."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from sqlalchemy import text

from bot.programme_file import programme_settings
from bot.scheme import SHIPPED_PROGRAMME
from storage.database import make_engine
from tests.cast import COHORT_PEOPLE, TEAM_CHANNEL
from tests.seen import words
from tests.world import World

ROOT = Path(__file__).parent.parent.parent


def deployment(world: World, folder: Path) -> dict[str, str]:
    """The deployment's settings, as its environment gives them, with its programme file."""
    settings = world.bot_settings
    programme = programme_settings(SHIPPED_PROGRAMME) | {"keep_personal_data_for": "P1M"}
    (folder / "lms-2025-26.yaml").write_text(yaml.safe_dump(programme), encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MENTORBOT_"))}
    return clean | {
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": settings.slack_bot_token or "",
        "SLACK_SIGNING_SECRET": settings.slack_signing_secret or "",
        "SLACK_API_URL": settings.slack_api_url,
        "SLACK_RATE_LIMITS": "false",
        "DATABASE_URL": settings.database_url,
        "MENTORBOT_PROGRAMME": str(folder / "lms-2025-26.yaml"),
    }


def mentorbot(folder: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mentorbot.cli", "cohort", "erase-expired", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_operator_sees_what_would_go_then_erases_it_and_the_team_is_told(
    world: World, tmp_path: Path
) -> None:
    world.add_cohort()
    env = deployment(world, tmp_path)
    people = len(COHORT_PEOPLE)

    said = mentorbot(tmp_path, env, "--dry-run")
    assert said.startswith(f"2025-26: {people} people's personal data would be erased.\n")
    assert "  2025-26: kept until 2026-10-30, erased on 2026-10-31 at 09:00 GMT" in said

    said = mentorbot(tmp_path, env).splitlines()
    assert said[:2] == [
        f"2025-26: {people} people's personal data erased; its counts and results are kept.",
        "Cohorts:",
    ]
    assert re.fullmatch(rf"  2025-26: erased on \d{{4}}-\d\d-\d\d \({people} people\)", said[2])
    told = [words(m) for m in world.slack.workspace.messages_in(TEAM_CHANNEL)]
    assert (
        f"2025-26's personal data was erased as the programme file says ({people} people); its "
        "counts and results are kept." in told
    )
    engine = make_engine(world.bot_settings.database_url)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT name, email FROM participants")).all()
    engine.dispose()
    assert {name for name, _ in names} == {"Erased participant"}
    assert not {p.email for p in COHORT_PEOPLE} & {email for _, email in names}

    said = mentorbot(tmp_path, env)
    assert said.startswith("No cohort's data is due to be erased.\n")
