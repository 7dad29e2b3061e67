"""Adjustments, accommodation and travel, end to end: the real Bolt app over signed HTTP against
the local workspace. Each way of asking, each answer, who may give it, what every person sees,
and the promise that a request's words reach the team's channel, the approver (accommodation
only) and nowhere else."""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from handlers.views import requests as view
from handlers.views.events import ASK_FOR_ADJUSTMENT
from localslack.server import LocalSlack
from localslack.workspace import Message
from tests.cast import APPROVER, GRACE, JAMIE, PAIRS_CSV, SUNITA, TEAM_CHANNEL, TEAM_LEAD, TOM
from tests.seen import buttons, held, words
from tests.world import World, group_messages, uk

WORDS = "I use a wheelchair and need step-free access from the station to the room."
HOTEL = "My train from Glasgow gets in at midnight: could I stay the night before the launch?"
SECRET = "I am having chemotherapy and tire easily: I need a quiet room to rest in."
NOTE = "A ramp is booked at the side entrance, and a reserved seat by the door."
REASON = "The launch ends at 15:00; an early train on the day is covered instead."
COULD_NOT_READ = "Sorry, I couldn't read that"


@pytest.fixture(autouse=True)
def approver_in_the_workspace(slack: LocalSlack) -> Iterator[None]:
    """The shipped programme's approver is in Slack, but not in the team's channel."""
    slack.workspace.add_user(APPROVER, "Morgan Ellis", "m.ellis@example.org")
    yield


@pytest.fixture
def cohort(world: World) -> World:
    """The cohort on the scheme, paired, with the launch's week-before reminder sent (6 Nov)."""
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    world.walk_to(uk("2025-11-06 12:00"))
    return world


def requests_in_channel(world: World) -> list[Message]:
    return [
        m
        for m in world.slack.workspace.messages_in(TEAM_CHANNEL)
        if words(m).startswith("*Private request #")
    ]


def approvals(world: World) -> list[Message]:
    return [m for m in world.dms(APPROVER) if "for your approval" in words(m)]


def initial(modal: dict[str, Any], block_id: str) -> str | None:
    [block] = [b for b in modal["blocks"] if b.get("block_id") == block_id]
    return (block["element"].get("initial_option") or {}).get("value")


def launch_reminder(world: World, user: str) -> Message:
    return next(m for m in world.dms(user) if words(m).startswith("LMS Launch is "))


def status_of(world: World, request_id: int) -> str:
    [found] = [
        v for v in world.bot.services.requests.for_team(TEAM_LEAD) if v.request.id == request_id
    ]
    return found.request.status


def accommodation_from_the_reminder(world: World, words: str = HOTEL) -> Message:
    """Sunita asks for a hotel from the launch's reminder; the approver's DM."""
    world.click(SUNITA, launch_reminder(world, SUNITA), ASK_FOR_ADJUSTMENT)
    assert initial(world.modal(SUNITA), "event") == "launch"
    answer = world.submit_view(
        SUNITA, {"kind": "accommodation", "event": "launch", "details": words}
    )
    assert answer.status == 200 and answer.response_action is None, answer
    [asking] = approvals(world)
    return asking


def test_an_adjustment_from_the_home_is_resolved_with_a_note_the_person_reads(
    cohort: World,
) -> None:
    world = cohort
    world.sender.open_home(SUNITA)
    assert world.sender.click_home(SUNITA, view.ASK_FROM_HOME).status == 200
    world.submit_view(SUNITA, {"kind": "adjustment", "event": "launch", "details": WORDS})

    [posted] = requests_in_channel(world)
    assert (
        words(posted).splitlines()[0]
        == "*Private request #1 from Sunita Rao (mentee): a reasonable adjustment for LMS Launch*"
    )
    assert WORDS in words(posted) and "*Asked from:* the bot's Home tab" in words(posted)
    assert buttons(posted) == ["Acknowledge", "Resolved…"]
    assert words(world.dms(SUNITA)[-1]).startswith(
        "Thank you. Your request #1 (a reasonable adjustment for LMS Launch) has gone privately "
        "to the project team."
    )
    home = words(world.home(SUNITA))
    assert "#1 a reasonable adjustment for LMS Launch: with the project team" in home, "redrawn"

    world.click(TOM, posted, view.ACKNOWLEDGE)
    assert words(world.dms(SUNITA)[-1]) == (
        "Tom Hughes from the project team has read your request #1 (a reasonable adjustment for "
        "LMS Launch) and is looking after it."
    )
    [acknowledged] = requests_in_channel(world)
    assert acknowledged.ts == posted.ts and acknowledged.edited, (
        "the same message, brought up to date"
    )
    assert "Status: acknowledged by <@UTEAM0002>" in words(acknowledged)
    assert buttons(acknowledged) == ["Resolved…"]

    world.click(TEAM_LEAD, acknowledged, view.RESOLVE)
    assert world.submit_view(TEAM_LEAD, {"note": NOTE}).response_action is None
    [resolved] = requests_in_channel(world)
    assert "Status: resolved by <@UTEAM0001>" in words(resolved)
    assert "The note to them:" in words(resolved) and f"> {NOTE}" in words(resolved)
    assert buttons(resolved) == []
    told = world.dms(SUNITA)[-1]
    assert words(told).startswith(
        "Your request #1 (a reasonable adjustment for LMS Launch) is resolved by Priya Anand "
        "from the project team.\n"
    )
    assert f"> {NOTE}" in words(told)
    trail = [
        (e.action, e.actor, e.note) for e in world.bot.services.requests.for_team(TOM)[0].history
    ]
    assert trail == [
        ("asked", SUNITA, ""),
        ("acknowledged", TOM, ""),
        ("resolved", TEAM_LEAD, NOTE),
    ]


@pytest.mark.both_databases  # this feature's scenario on PostgreSQL too
def test_accommodation_from_the_reminder_is_approved_by_the_approver_and_everyone_sees_it(
    cohort: World,
) -> None:
    world = cohort
    assert buttons(launch_reminder(world, SUNITA))[2] == "Ask for an adjustment…"
    asking = accommodation_from_the_reminder(world)
    as_first_posted = copy.deepcopy(asking)  # as a client that has not refreshed still shows it
    assert words(asking).splitlines()[0] == (
        "*Request #1 for your approval: Sunita Rao (mentee) asks for accommodation for LMS Launch*"
    )
    assert HOTEL in words(asking) and buttons(asking) == ["Approve", "Decline…"]
    [posted] = requests_in_channel(world)
    assert "Status: waiting for Dr Morgan Ellis to decide" in words(posted)
    assert buttons(posted) == [], "the approver's to answer"
    assert (
        "It has also gone to Dr Morgan Ellis, Executive Director of Professional Policy"
        in words(world.dms(SUNITA)[-1])
    )

    assert world.click(APPROVER, asking, view.APPROVE) == ""
    assert words(world.dms(SUNITA)[-1]) == (
        "Good news: your request #1 (accommodation for LMS Launch) is approved by Dr Morgan "
        "Ellis. The project team will be in touch with the details."
    )
    [decided] = approvals(world)
    assert decided.ts == asking.ts and buttons(decided) == []
    assert "You approved this request." in words(decided)
    [approved] = requests_in_channel(world)
    assert approved.ts == posted.ts and "Status: approved by Dr Morgan Ellis" in words(approved)
    assert status_of(world, 1) == "approved"
    assert "already been answered" in world.click(APPROVER, as_first_posted, view.APPROVE)


def test_accommodation_declined_with_a_reason_the_person_is_told(cohort: World) -> None:
    world = cohort
    world.command_opens_modal(SUNITA, "request accommodation final-celebration")
    modal = world.modal(SUNITA)
    assert (initial(modal, "kind"), initial(modal, "event")) == (
        "accommodation",
        "final-celebration",
    )
    world.submit_view(
        SUNITA, {"kind": "accommodation", "event": "final-celebration", "details": HOTEL}
    )
    [asking] = approvals(world)

    world.click(APPROVER, asking, view.DECLINE)
    assert world.modal(APPROVER)["title"]["text"] == "Decline request #1"
    world.submit_view(APPROVER, {"reason": REASON})

    told = world.dms(SUNITA)[-1]
    assert words(told).startswith(
        "I'm sorry: your request #1 (accommodation for LMS Final celebratory event) was not "
        "approved by Dr Morgan Ellis."
    )
    assert "Their reason:" in words(told) and f"> {REASON}" in words(told)
    [declined] = requests_in_channel(world)
    assert "Status: declined by Dr Morgan Ellis" in words(declined)
    assert "The reason given:" in words(declined) and f"> {REASON}" in words(declined)
    theirs = words(approvals(world)[0])
    assert "You declined this request." in theirs and f"> {REASON}" in theirs


def test_someone_other_than_the_approver_pressing_approve_changes_nothing(cohort: World) -> None:
    world = cohort
    asking = accommodation_from_the_reminder(world)
    sent = len(world.slack.workspace.messages)
    for someone in (TEAM_LEAD, SUNITA, GRACE):
        assert world.click(someone, asking, view.APPROVE) == "Only Dr Morgan Ellis can do this."
        assert world.click(someone, asking, view.DECLINE) == "Only Dr Morgan Ellis can do this."
    assert world.slack.workspace.open_modal_of(TEAM_LEAD) is None
    assert status_of(world, 1) == "awaiting_approval"
    assert len(world.slack.workspace.messages) == sent
    assert buttons(approvals(world)[0]) == ["Approve", "Decline…"]


def test_someone_who_cannot_travel_says_so_with_the_command(cohort: World) -> None:
    world = cohort
    world.command_opens_modal(JAMIE, "request travel launch")
    modal = world.modal(JAMIE)
    assert (initial(modal, "kind"), initial(modal, "event")) == ("travel", "launch")
    world.submit_view(
        JAMIE, {"kind": "travel", "event": "launch", "details": "I care for my father."}
    )
    [posted] = requests_in_channel(world)
    assert (
        words(posted).splitlines()[0]
        == "*Private request #1 from Jamie Clarke (mentee): cannot travel to LMS Launch*"
    )
    assert "*Asked from:* /mentoring request" in words(posted)
    assert "who will talk with you about reasonable adjustments" in words(world.dms(JAMIE)[-1])
    assert approvals(world) == []
    assert world.command(JAMIE, "request fly").startswith("Please say what you need")
    assert "`/mentoring request`" in world.command(JAMIE, "help")


def test_cant_travel_names_the_event_by_its_title_or_its_number_in_the_list(
    cohort: World,
) -> None:
    world = cohort
    # Nothing named: the person's events, numbered, and how to name one.
    assert world.command(JAMIE, "can't travel") == (
        "Which event is it about? Say its number or a clear part of its name, e.g. "
        "`/mentoring can't travel 1`.\n"
        "1. LMS Launch (13 Nov 2025)\n"
        "2. Networking at UKIO 2026 (date to be confirmed)\n"
        "3. LMS Final celebratory event (17 Sep 2026)"
    )  # the online event is not listed: there is no travelling to it
    # By a clear part of its title, any case, a phone's curly apostrophe, or its number.
    world.command_opens_modal(JAMIE, "can\u2019t travel ukio")
    assert (initial(world.modal(JAMIE), "kind"), initial(world.modal(JAMIE), "event")) == (
        "travel",
        "ukio-2026",
    )
    world.command_opens_modal(JAMIE, "can't travel 3")
    assert initial(world.modal(JAMIE), "event") == "final-celebration"
    world.command_opens_modal(JAMIE, "request accommodation lms launch")
    assert initial(world.modal(JAMIE), "event") == "launch"
    # Unclear, or not one of theirs: the list again, saying what was not clear.
    assert world.command(JAMIE, "can't travel LMS").startswith(
        "Which event do you mean by `LMS`? Say its number"
    )
    assert world.command(JAMIE, "can't travel 9").startswith("Which event do you mean by `9`?")
    assert world.command(JAMIE, "can't travel <!here> gala").startswith(
        "Which event do you mean by `&lt;!here&gt; gala`?"
    )
    # In Welsh: the Welsh command words, and the events' Welsh titles.
    world.command(JAMIE, "language cymraeg")
    world.command_opens_modal(JAMIE, "methu teithio 1")
    assert initial(world.modal(JAMIE), "event") == "launch"


def test_the_team_sees_open_requests_on_the_console_and_in_a_list_but_not_their_words(
    cohort: World,
) -> None:
    world = cohort
    accommodation_from_the_reminder(world, SECRET)
    console = world.open_home(TEAM_LEAD)
    assert "Request #1 · accommodation · waiting for approval" in words(console)
    assert SECRET not in held(console) and "Glasgow" not in held(console)
    listing = world.command(TEAM_LEAD, "team requests")
    assert listing.startswith("*Requests* (1 still to answer)\n• #1 accommodation for LMS Launch")
    assert SECRET not in listing
    assert world.command(SUNITA, "team requests") == "Only the project team can do this."


def test_a_requests_words_reach_the_team_the_approver_and_nowhere_else(
    cohort: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    world = cohort
    asking = accommodation_from_the_reminder(world, SECRET)
    world.click(APPROVER, asking, view.APPROVE)
    adjustment = SECRET.replace("quiet room", "quiet corner")
    world.command_opens_modal(SUNITA, "request adjustment")
    world.submit_view(SUNITA, {"kind": "adjustment", "details": adjustment})
    world.click(TOM, requests_in_channel(world)[-1], view.ACKNOWLEDGE)
    for user in (SUNITA, GRACE, TEAM_LEAD, APPROVER):
        world.sender.open_home(user)
    world.command(GRACE, "my-data")
    world.walk_to(uk("2025-11-14 12:00"))

    ws = world.slack.workspace
    approver_dm = ws.dm_channel(APPROVER)

    def where(said: str) -> set[str]:
        return {m.channel for m in ws.messages if said in held(m)}

    assert where("chemotherapy") == {TEAM_CHANNEL, approver_dm}
    assert where("quiet corner") == {TEAM_CHANNEL}, "an adjustment does not go to the approver"
    called = {c.params.get("channel") for c in ws.calls if "chemotherapy" in json.dumps(c.params)}
    assert called <= {TEAM_CHANNEL, approver_dm, APPROVER}  # a first DM goes to the user id
    assert not [r for r in ws.responses if "chemotherapy" in held(r)]
    assert not [v for v in ws.views.values() if "chemotherapy" in held(v)], "no Home, no form"
    assert not [f for f in ws.files.values() if b"chemotherapy" in (f["content"] or b"")]
    assert "chemotherapy" not in caplog.text and "quiet" not in caplog.text
    grace_saw = [held(m) for m in ws.dms_to(GRACE) + group_messages(world, GRACE, SUNITA)]
    grace_saw += [held(r) for r in ws.responses_to(GRACE)]
    assert not any("Request #" in seen or "request #" in seen for seen in grace_saw)
    assert not any("Request #" in held(m) for m in group_messages(world, GRACE, SUNITA))


def test_crafted_presses_and_forms_are_refused_kindly_and_change_nothing(
    cohort: World, caplog: pytest.LogCaptureFixture
) -> None:
    world = cohort
    asking = accommodation_from_the_reminder(world)
    [posted] = requests_in_channel(world)

    def forged(user: str, message: Message, action_id: str, value: str) -> str:
        action = {"type": "button", "action_id": action_id, "block_id": "x", "value": value}
        assert world.sender.forge_action(user, message, action).status == 200
        return world.slack.workspace.responses_to(user)[-1].text

    assert forged(TEAM_LEAD, posted, view.APPROVE, "1") == "Only Dr Morgan Ellis can do this."
    assert forged(APPROVER, asking, view.APPROVE, "99") == "There is no request #99."
    assert forged(APPROVER, asking, view.APPROVE, "1 OR 1=1").startswith(COULD_NOT_READ)
    assert forged(TEAM_LEAD, posted, view.ACKNOWLEDGE, "1") == (
        "This request is waiting for the approver's decision."
    )
    assert forged(GRACE, posted, view.ACKNOWLEDGE, "1") == "Only the project team can do this."
    assert status_of(world, 1) == "awaiting_approval"

    world.command_opens_modal(SUNITA, "request")
    details = {"details": {"value": {"type": "plain_text_input", "value": WORDS}}}
    pony = world.sender.forge_view(SUNITA, details | chosen("kind", "radio_buttons", "pony"))
    assert pony.response_action == "errors" and COULD_NOT_READ in pony.errors["kind"]
    online = world.submit_view(
        SUNITA, {"kind": "accommodation", "event": "networking-jan-2026", "details": HOTEL}
    )
    assert online.errors == {
        "event": "Networking and training (virtual) is online, so you won't need to travel or "
        "stay over. If you need help to take part online, choose “A reasonable adjustment”."
    }
    gala = chosen("kind", "radio_buttons", "adjustment") | chosen("event", "static_select", "gala")
    outside = world.sender.forge_view(SUNITA, details | gala)
    assert outside.errors["event"].startswith("`gala` is not one of your upcoming events")
    missing = world.submit_view(SUNITA, {"kind": "travel", "event": None, "details": WORDS})
    assert missing.errors == {"event": "Please choose the face-to-face event you can't travel to."}
    assert world.slack.workspace.open_modal_of(SUNITA) is not None, "nothing typed is lost"
    assert len(world.bot.services.requests.for_team(TEAM_LEAD)) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def chosen(block_id: str, element: str, value: str) -> dict[str, Any]:
    """A form's input as an altered client could send it: any option, offered or not."""
    option = {"text": {"type": "plain_text", "text": "x"}, "value": value}
    return {block_id: {"value": {"type": element, "selected_option": option}}}
