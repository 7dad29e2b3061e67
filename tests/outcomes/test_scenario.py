"""The outcomes report end to end, through the Bolt app and the local workspace: Tom, on the
project team and reading Welsh, presses the console's "Outcomes report" and the PDF and the CSV
arrive in the team's private channel, in Welsh, and nowhere else, the Home saying under the
button that they are on their way, then there; `/mentoring team report` leaves them to the
clock; nobody else may ask for them."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest

from handlers.views import outcomes as view
from localslack.workspace import Message
from tests.cast import COHORT_PEOPLE, SUNITA, TEAM_CHANNEL, TEAM_LEAD, TOM
from tests.home.test_console_steps import published_homes, said_under
from tests.outcomes.test_views import pdf_words
from tests.seen import words
from tests.world import World, uk

CHANNEL = f"<#{TEAM_CHANNEL}>"  # Slack shows it as #lms-project-team


def outcomes_files(world: World) -> list[tuple[Message, dict[str, Any]]]:
    """Every message in the workspace carrying one of the report's files, with the file as kept
    (its bytes under "content")."""
    kept = world.slack.workspace.files
    return [
        (message, kept[f["id"]])
        for message in world.slack.workspace.messages
        for f in message.files
        if f["name"].startswith("outcomes-")
    ]


@pytest.mark.both_databases
def test_a_welsh_reading_team_member_gets_the_report_in_the_team_s_channel_in_welsh(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2026-10-05 09:30"))  # the scheme is over
    world.command(TOM, "iaith cymraeg")
    console = words(world.open_home(TOM))
    assert "*Canlyniadau*" in console and "Adroddiad ar ganlyniadau" in console

    calls = len(world.slack.workspace.calls)
    assert world.sender.click_home(TOM, view.REPORT).status == 200
    world.bot.wait_for_listeners()

    first, *_, last = published_homes(world, TOM, calls)
    assert said_under(first, view.BLOCK) == (
        f"Mae'r adroddiad ar ganlyniadau ar ei ffordd i {CHANNEL}: bydd yn cymryd eiliad."
    )
    assert said_under(last, view.BLOCK) == (
        f"Mae'r adroddiad ar ganlyniadau yn {CHANNEL}: PDF i'w ddarllen a CSV o'i ffigurau."
    )
    sent = outcomes_files(world)  # in every conversation of the workspace
    assert [(m.channel, f["title"]) for m, f in sent] == [
        (TEAM_CHANNEL, "Adroddiad ar ganlyniadau, 2025-26 (PDF)"),
        (TEAM_CHANNEL, "Adroddiad ar ganlyniadau, 2025-26: ei ffigurau (CSV)"),
    ]
    (_, pdf), (_, table) = sent
    read = pdf_words(pdf["content"])
    assert "Adroddiad ar ganlyniadau mentora" in read and "Carfan: 2025-26" in read
    rows = list(csv.DictReader(io.StringIO(table["content"].decode())))
    assert {r["item"]: r["status"] for r in rows}["meetings"] == "hidden"  # two pairs at most
    for person in COHORT_PEOPLE:
        for shown in (read, table["content"].decode()):
            assert person.name not in shown and person.email not in shown


def test_the_command_leaves_the_report_to_the_clock_and_nobody_else_may_ask(
    world: World,
) -> None:
    world.add_cohort()

    assert world.command(TEAM_LEAD, "team report") == (
        f"The outcomes report is on its way to {CHANNEL}: it takes a moment."
    )
    world.walk_to(world.now() + timedelta(minutes=1))  # the clock sends what the outbox holds
    assert [(m.channel, f["name"].rsplit(".", 1)[-1]) for m, f in outcomes_files(world)] == [
        (TEAM_CHANNEL, "pdf"),
        (TEAM_CHANNEL, "csv"),
    ]

    assert world.command(SUNITA, "team report") == "Only the project team can do this."
    world.open_home(SUNITA)
    pressed = {"type": "button", "action_id": view.REPORT}
    world.sender.forge_home_action(SUNITA, pressed)  # as if the console's button were hers
    world.bot.wait_for_listeners()
    assert world.texts(SUNITA)[-1] == "Only the project team can do this."
    world.walk_to(world.now() + timedelta(minutes=1))
    assert len(outcomes_files(world)) == 2
