"""`mentorbot doctor`, as an operator runs it against a deployment: each problem named with how
to fix it, and "Nothing to fix." once there is none."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME
from localslack.server import LocalSlack
from mentorbot.doctor import manifest_scopes, missing_scopes, past_dates
from mentorbot.settings import Settings
from storage.database import make_engine, upgrade_schema
from tests.cast import APPROVER, TEAM_CHANNEL

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def test_scopes_the_manifest_asks_for_and_the_token_lacks_are_named() -> None:
    assert missing_scopes("chat:write, commands", ["chat:write", "commands", "im:write"]) == {
        "im:write"
    }
    assert missing_scopes(None, ["chat:write"]) == set(), "Slack did not say: nothing claimed"


def test_a_programme_from_a_year_gone_by_has_every_dated_event_and_form_over() -> None:
    gone = past_dates(load_programme(SHIPPED_PROGRAMME), NOW)
    assert "launch" in gone and "baseline" in gone
    assert "networking-jan-2026" not in gone, "a TBC date is not over"


def test_a_new_deployment_is_told_what_to_fix_then_nothing(
    slack: LocalSlack, settings: Settings, tmp_path: Path
) -> None:
    slack.workspace.channels[TEAM_CHANNEL].is_private = False
    slack.scopes = sorted(manifest_scopes() - {"users:read.email"})
    env = _operator_env(settings, SHIPPED_PROGRAMME)

    first = _doctor(env)
    assert first.returncode == 1
    assert "FIX   Scopes: The token lacks users:read.email." in first.stdout
    assert "FIX   Team channel CTEAMPRIV1: It is public" in first.stdout
    assert "FIX   Dr Morgan Ellis's Slack id: UTEAM0003 is not a member" in first.stdout
    assert "FIX   Programme dates: " in first.stdout
    assert "FIX   Database: Its schema is not this release's." in first.stdout
    assert "ok    Slack token" in first.stdout and "ok    Priya Anand's Slack id" in first.stdout

    slack.workspace.channels[TEAM_CHANNEL].is_private = True
    slack.scopes = sorted(manifest_scopes())  # the app reinstalled with every scope
    slack.workspace.add_user(APPROVER, "Morgan Ellis", "m.ellis@example.org")
    engine = make_engine(settings.database_url)
    upgrade_schema(engine)
    engine.dispose()
    this_year = _programme_a_year_on(tmp_path)
    second = _doctor(_operator_env(settings, this_year))
    assert (second.returncode, second.stdout.splitlines()[-1]) == (0, "Nothing to fix."), (
        second.stdout
    )


def test_a_token_slack_refuses_is_the_first_thing_to_fix(settings: Settings) -> None:
    env = _operator_env(settings, SHIPPED_PROGRAMME) | {"SLACK_BOT_TOKEN": "xoxb-not-ours"}
    result = _doctor(env)
    assert "FIX   Slack token: Slack refused it (invalid_auth)." in result.stdout
    assert "OAuth & Permissions" in result.stdout


def _doctor(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    bin_folder = Path(sys.executable).parent
    return subprocess.run(
        [str(bin_folder / "mentorbot"), "doctor"], env=env, capture_output=True, text=True
    )


def _operator_env(settings: Settings, programme: Path) -> dict[str, str]:
    return os.environ | {
        "SLACK_BOT_TOKEN": settings.slack_bot_token or "",
        "SLACK_SIGNING_SECRET": settings.slack_signing_secret or "",
        "SLACK_API_URL": settings.slack_api_url,
        "DATABASE_URL": settings.database_url,
        "MENTORBOT_PROGRAMME": str(programme),
    }


def _programme_a_year_on(folder: Path) -> Path:
    """The shipped file with every date moved on until none is over."""
    text = yaml.safe_load(SHIPPED_PROGRAMME.read_text(encoding="utf-8"))
    years = date.today().year - 2025 + 1
    for event in text["events"]:
        if isinstance(event["date"], date):
            event["date"] = event["date"].replace(year=event["date"].year + years)
    for form in text["evaluations"]["forms"]:
        for end in ("opens", "closes"):
            moment = datetime.fromisoformat(str(form[end]))
            form[end] = moment.replace(year=moment.year + years).isoformat()
    text["ends_on"] = text["ends_on"].replace(year=text["ends_on"].year + years)
    path = folder / "programme.yaml"
    path.write_text(yaml.safe_dump(text, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
