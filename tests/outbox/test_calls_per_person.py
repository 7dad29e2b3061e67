"""At Slack's scale every call counts: one call a person for a reminder, the DM's channel kept
across restarts, and a calendar file uploaded once for everyone it is for."""

from __future__ import annotations

from collections import Counter

import pytest

from localslack.server import Fault
from tests.cast import MENTEES, MENTORS
from tests.world import World, restart, uk

pytestmark = pytest.mark.both_databases  # the ledger's promises rest on the database

EVERYONE = MENTORS + MENTEES


def calls(world: World) -> Counter[str]:
    return Counter(c.method for c in world.slack.workspace.calls if c.ok)


def test_a_reminder_is_one_call_a_person_and_the_calendar_file_one_upload_for_all(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 10:59"))
    before = calls(world)
    world.walk_to(uk("2025-11-06 11:00"))  # the launch's week-before reminder, with its file
    made = calls(world) - before
    assert made["chat.postMessage"] == len(EVERYONE)
    assert made["conversations.open"] == 0, "a DM goes to the user id; Slack opens it"
    assert made["files.getUploadURLExternal"] == 1
    assert made["files.completeUploadExternal"] == 1
    for user in EVERYONE:
        assert world.files(user).count("launch-202511131100.ics") == 1


def test_after_a_restart_the_dms_channels_come_from_the_database_not_from_slack(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 11:00"))
    world.walk_to(uk("2025-11-12 10:59"))
    restart(world)
    before = calls(world)
    world.walk_to(uk("2025-11-12 11:00"))  # the day-before reminder
    made = calls(world) - before
    assert made["chat.postMessage"] == len(EVERYONE)
    assert made["conversations.open"] == 0
    world.slack.fail_next("chat.postMessage", Fault(status=500, after_effect=True))
    world.walk_to(uk("2025-11-13 10:00"))  # an hour before: one answer lost, history checked
    assert calls(world)["conversations.open"] == 0, "the history check uses the kept channel"
