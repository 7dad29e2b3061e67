"""Starting the next cohort from the console: the team member presses Start 2026-27 and the
programme file arrives in the team's private channel, every date a year on to confirm, as a file
the bot runs on; the Home says so under the button; nobody else can start one."""

from __future__ import annotations

import yaml

from bot.scheme import Programme
from handlers.views import cohorts as view
from tests.cast import GRACE, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import words
from tests.world import World


def files_in_the_team_channel(world: World) -> list[dict]:
    return [f for m in world.slack.workspace.messages_in(TEAM_CHANNEL) for f in m.files]


def test_the_team_starts_2026_27_from_the_console_and_gets_its_programme_file(
    world: World,
) -> None:
    world.open_home(TEAM_LEAD)
    assert world.sender.click_home(TEAM_LEAD, view.START_NEXT).status == 200
    world.bot.wait_for_listeners()

    [file] = files_in_the_team_channel(world)
    assert file["name"] == "lms-2026-27.yaml"
    text = world.slack.workspace.files[file["id"]]["content"].decode()
    assert text.startswith("# SoR Leadership Mentoring Scheme 2026-27: started from 2025-26")
    programme = Programme.model_validate(yaml.safe_load(text))
    assert programme.cohort == "2026-27"
    assert all(e.to_confirm for e in programme.events if e.date != "TBC")
    assert "The programme file for 2026-27 is in" in words(world.home(TEAM_LEAD)["blocks"])
    assert "with 9 dates to confirm" in words(world.home(TEAM_LEAD)["blocks"])


def test_someone_not_on_the_team_cannot_start_a_cohort(world: World) -> None:
    world.add_cohort()
    world.open_home(GRACE)
    pressed = {"type": "button", "action_id": view.START_NEXT, "value": "2026-27"}

    world.sender.forge_home_action(GRACE, pressed)  # as if the console's button were hers
    world.bot.wait_for_listeners()

    assert files_in_the_team_channel(world) == []
