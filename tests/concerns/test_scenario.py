"""Breakdown alerts: every way of raising a concern, the team's handling, escalation, failures,
and the promise that a concern's text reaches the team's private channel and no one else (and
that each person's certificate and CPD record reach them alone)."""

from __future__ import annotations

import logging
from datetime import timedelta
from io import BytesIO

import docx
import pytest
from pypdf import PdfReader

from handlers.views import concerns as concerns_view
from localslack.server import Fault
from mentorbot.app import ConfigurationError
from tests.cast import GRACE, JAMIE, PAIRS_CSV, SUNITA, TEAM_CHANNEL, TEAM_LEAD, TOM
from tests.seen import actions_in, held, words
from tests.world import World, group_messages, last_with, restart, uk

SECRET = "My mentor shouted at me in our last meeting and I do not feel safe meeting alone."


def paired(world: World) -> None:
    world.walk_to(uk("2026-01-05 09:30"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    for user, pair in ((GRACE, (GRACE, SUNITA)), (SUNITA, (GRACE, SUNITA))):
        world.click(user, last_with(group_messages(world, *pair), "pair_accept"), "pair_accept")


def raise_by_command(
    world: World,
    user: str,
    text: str = SECRET,
    urgency: str = "urgent",
    contact: str = "Yes, by phone after 5pm",
) -> None:
    world.command_opens_modal(user, "concern")
    assert (
        world.submit_view(user, {"text": text, "urgency": urgency, "contact": contact}).status
        == 200
    )


def alerts(world: World) -> list:  # type: ignore[type-arg]
    return [m for m in world.slack.workspace.messages_in(TEAM_CHANNEL) if "Concern #" in words(m)]


def test_every_way_of_raising_a_concern_reaches_the_team_and_only_the_reporter_is_told(
    world: World,
) -> None:
    paired(world)
    raise_by_command(world, SUNITA)
    world.click(
        GRACE, group_messages(world, GRACE, SUNITA)[0], "pair_concern"
    )  # "I have a concern" on the introduction
    world.submit_view(
        GRACE, {"text": "I am worried my mentee is overwhelmed", "urgency": "soon", "contact": ""}
    )
    world.walk_to(uk("2026-01-12 12:00"))
    world.click(
        GRACE, last_with(group_messages(world, GRACE, SUNITA), "checkin_wrong"), "checkin_wrong"
    )
    world.submit_view(
        GRACE, {"text": "We have not been able to meet", "urgency": "not_urgent", "contact": ""}
    )
    world.sender.dm(JAMIE, "I think something is wrong")
    world.settle(lambda: world.dms(JAMIE)[-1].user != JAMIE)
    world.click(JAMIE, world.dms(JAMIE)[-1], "concern_raise")
    world.submit_view(
        JAMIE,
        {
            "text": "Not yet accepted: I'd like a different mentor",
            "urgency": "soon",
            "contact": "Slack",
        },
    )

    raised = [
        m for m in alerts(world) if not words(m).startswith("*<@")
    ]  # first postings, not escalations
    assert [words(m).splitlines()[0] for m in raised] == [  # each alert's heading
        "*:lock: Concern #1 from Sunita Rao (mentee) (urgent)*",
        "*:lock: Concern #2 from Grace Mensah (mentor) (soon)*",
        "*:lock: Concern #3 from Grace Mensah (mentor) (not urgent)*",
        "*:lock: Concern #4 from Jamie Clarke (mentee) (soon)*",
    ]
    first = words(raised[0])
    assert (
        SECRET in first and "Grace Mensah (mentor) & Sunita Rao (mentee), stage Preparing" in first
    )
    assert (
        "Urgent: today, please" in first
        and "Yes, by phone after 5pm" in first
        and "/mentoring concern" in first
    )
    assert "a check-in (“Something's wrong”)" in words(raised[2])
    assert "Recent check-ins:* 12 Jan: no answer" in words(raised[2])
    assert "a direct message to the bot" in words(raised[3])
    confirmation = [
        words(m) for m in world.dms(SUNITA) if words(m).startswith("Thank you for telling us")
    ]
    assert confirmation == [
        (
            "Thank you for telling us. The project team has your concern and a member of the team will read it within 4 working "
            "hours; I'll tell you here when they have. They will contact you as you asked: Yes, by phone after 5pm. Nobody else can see it."
        )
    ]


@pytest.mark.both_databases  # this feature's scenario on PostgreSQL too
def test_the_team_acknowledges_takes_and_resolves_and_every_step_is_in_the_audit_trail(
    world: World,
) -> None:
    paired(world)
    raise_by_command(world, SUNITA)
    [alert] = alerts(world)
    as_posted = _as_first_posted(alert)
    assert world.click(SUNITA, alert, "concern_ack") == "Only the project team can do this."
    world.click(TEAM_LEAD, alert, "concern_ack")
    assert (
        words(world.dms(SUNITA)[-1])
        == "Priya Anand from the project team has read your concern and is looking after it. Thank you for raising it."
    )
    stale = alerts(world)[0]
    assert "already been acknowledged" in world.click(TOM, as_posted, "concern_ack")
    world.click(TOM, stale, "concern_take")
    assert "with <@UTEAM0002>" in words(alerts(world)[0])
    world.click(TOM, stale, "concern_resolve")
    assert "add a short note" in world.submit_view(TOM, {"note": " "}).body
    world.submit_view(TOM, {"note": "Spoke to both; Sunita is re-paired with Oliver."})
    assert (
        words(world.slack.workspace.messages_in(TEAM_CHANNEL)[-1])
        == ":white_check_mark: Concern #1 resolved by <@UTEAM0002>."
    )
    assert "already resolved" in world.click(TEAM_LEAD, as_posted, "concern_take")
    trail = [
        (e.action, e.actor) for e in world.bot.services.concerns.open_alerts(TEAM_LEAD)[0].history
    ]
    assert trail == [
        ("raised", SUNITA),
        ("delivered", "mentorbot"),
        ("acknowledged", TEAM_LEAD),
        ("assigned", TOM),
        ("resolved", TOM),
    ]
    listing = world.command(TEAM_LEAD, "team alerts")
    assert (
        listing.startswith("*Concerns* (0 open)")
        and "#1 :white_check_mark: resolved, with <@UTEAM0002>: from Sunita Rao" in listing
    )


def status_of(message) -> str:  # type: ignore[no-untyped-def]
    [line] = [b["elements"][0]["text"] for b in message.blocks if b["type"] == "context"]
    return str(line)


def test_the_channels_alert_follows_each_step_whichever_surface_took_it(world: World) -> None:
    paired(world)
    world.walk_to(uk("2026-01-09 16:00"))  # a Friday afternoon: it escalates on Monday
    raise_by_command(world, SUNITA)
    world.walk_to(uk("2026-01-12 11:31"))
    world.bot.scheduler.run_due()
    assert [status_of(m) for m in alerts(world)] == ["Status: :red_circle: open"] * 2
    world.sender.open_home(TEAM_LEAD)
    world.sender.click_home(TEAM_LEAD, f"{concerns_view.CONCERN}acknowledge", "1")
    first, escalation = alerts(world)
    assert [status_of(m) for m in (first, escalation)] == [
        "Status: :large_orange_circle: acknowledged"
    ] * 2
    assert actions_in(first) == actions_in(escalation) == ["concern_take", "concern_resolve"]
    assert words(escalation).startswith("*:lock: Concern #1"), "no longer 'not yet acknowledged'"
    world.click(TOM, first, "concern_resolve")
    world.submit_view(TOM, {"note": "Spoke to both."})
    first, escalation, resolution = alerts(world)
    assert [status_of(m) for m in (first, escalation)] == [
        "Status: :white_check_mark: resolved"
    ] * 2
    assert actions_in(first) == actions_in(escalation) == []
    assert words(resolution) == ":white_check_mark: Concern #1 resolved by <@UTEAM0002>."
    assert SECRET in words(first), "the words stay as they were"


@pytest.mark.both_databases  # its delivery rests on the database
def test_when_slack_fails_the_alert_is_retried_and_the_reporter_is_told_only_once_it_is_there(
    world: World,
) -> None:
    paired(world)
    world.slack.fail_next("chat.postMessage", Fault(status=500), times=3)
    raise_by_command(world, SUNITA)
    assert alerts(world) == []
    assert not [m for m in world.dms(SUNITA) if words(m).startswith("Thank you for telling us")]
    world.http.stop()
    world.bot.close()
    world.clock.tick(timedelta(minutes=6))
    restart(world)
    assert len(alerts(world)) == 1
    assert (
        len([m for m in world.dms(SUNITA) if words(m).startswith("Thank you for telling us")]) == 1
    )


def test_the_bot_refuses_to_send_alerts_into_a_public_channel(world: World) -> None:
    world.slack.workspace.channels[TEAM_CHANNEL].is_private = False
    with pytest.raises(ConfigurationError, match=f"alert channel {TEAM_CHANNEL} is public"):
        world.bot.check_alert_channel()
    world.slack.workspace.channels[TEAM_CHANNEL].is_private = True
    world.bot.check_alert_channel()


def test_team_commands_are_for_the_team_file_or_channel_and_nobody_else(world: World) -> None:
    paired(world)
    world.slack.workspace.add_user("UCHANNEL1", "Kim Lee", "kim@example.org")
    world.slack.workspace.channels[TEAM_CHANNEL].members.append("UCHANNEL1")
    for command in ("team alerts", "team pairs", "team events", "team who launch", "team help"):
        assert world.command(SUNITA, command) == "Only the project team can do this.", command
        assert world.command("UCHANNEL1", command) != "Only the project team can do this.", command
    events = world.command(TEAM_LEAD, "team events")
    assert (
        "• *LMS Final celebratory event* (`final-celebration`): Thursday 17 September 2026, 11:00–15:00 UK time (BST): 0 coming, 0 can't, 4 no reply"
        in events
    )


def test_a_concerns_text_reaches_the_private_channel_and_nowhere_else(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    paired(world)
    world.walk_to(uk("2026-01-12 12:00"))
    world.click(
        SUNITA, last_with(group_messages(world, GRACE, SUNITA), "checkin_wrong"), "checkin_wrong"
    )
    world.submit_view(SUNITA, {"text": SECRET, "urgency": "urgent", "contact": ""})
    [alert] = alerts(world)
    world.click(TEAM_LEAD, alert, "concern_ack")
    world.command(SUNITA, "met 2026-01-12 30m first chat")
    world.command(SUNITA, "stage closure")
    world.command(TEAM_LEAD, "team unpair <@USUNITA01> breakdown")
    world.walk_to(uk("2026-01-20 12:00"))

    ws = world.slack.workspace
    where_posted = {m.channel for m in ws.messages if SECRET in held(m)}
    assert where_posted == {TEAM_CHANNEL}
    assert {c.params.get("channel") for c in ws.calls if SECRET in str(c.params)} == {TEAM_CHANNEL}
    assert {r.channel for r in ws.responses if SECRET in held(r)} <= {TEAM_CHANNEL}
    assert not [v for v in ws.views.values() if SECRET in held(v)], "never in a view the bot opened"
    assert SECRET not in caplog.text and "shouted" not in caplog.text
    grace_saw = [held(m) for m in ws.dms_to(GRACE) + group_messages(world, GRACE, SUNITA)]
    grace_saw += [held(r) for r in ws.responses_to(GRACE)]
    assert not any(
        "shouted" in seen or "Concern #" in seen or "has your concern" in seen for seen in grace_saw
    )
    assert words(ws.dms_to(GRACE)[-1]).startswith(
        "Your mentoring pairing with Sunita Rao has now ended."
    ), "told kindly, with no word of the report"
    for person in (SUNITA, GRACE):
        world.command(person, "certificate")
        world.command(person, "cpd")
    _documents_reach_their_owner_alone(world)


def _documents_reach_their_owner_alone(world: World) -> None:
    """Each certificate and CPD record is in its owner's own DM and names them, not their
    partner, and holds nothing of a concern."""
    ws = world.slack.workspace
    owner_of = {ws.dm_channel(SUNITA): "Sunita Rao", ws.dm_channel(GRACE): "Grace Mensah"}
    content = {f["id"]: f["content"] for f in ws.files.values()}
    documents = [
        (m.channel, f["name"], content[f["id"]])
        for m in ws.messages
        for f in m.files
        if f["name"].startswith(("mentoring-certificate-", "cpd-record-"))
    ]
    assert len(documents) == 6, "a certificate, and a record as a Word document and a PDF, each"
    for channel, name, held_in in documents:
        text = _document_text(name, held_in)
        owner = owner_of[channel]
        partner = next(n for n in owner_of.values() if n != owner)
        assert owner in text and partner not in text, name
        assert "shouted" not in text and "Concern" not in text, name


def _document_text(name: str, content: bytes) -> str:
    if name.endswith(".docx"):
        document = docx.Document(BytesIO(content))
        cells = [c.text for t in document.tables for c in t._cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def _as_first_posted(message):  # type: ignore[no-untyped-def]
    """The alert as a team member's client that has not refreshed still shows it."""
    import copy

    return copy.deepcopy(message)


def test_erasing_a_participant_keeps_only_the_anonymised_audit_trail(
    world: World, tmp_path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from mentorbot.cli import main

    paired(world)
    raise_by_command(world, SUNITA)
    world.click(TEAM_LEAD, alerts(world)[0], "concern_ack")
    for name, value in world.bot_settings.model_dump().items():
        if value is not None:
            monkeypatch.setenv(name.upper(), str(value))
    assert main(["participants", "erase", "sunita.rao@example.nhs.uk"]) == 0
    assert "Sunita Rao (sunita.rao@example.nhs.uk) is erased" in capsys.readouterr().out
    assert main(["participants", "erase", "sunita.rao@example.nhs.uk"]) == 2
    with world.bot.engine.connect() as connection:
        everything = " ".join(
            str(row)
            for table in (
                "participants",
                "concerns",
                "concern_events",
                "deliveries",
                "pairs",
                "goals",
                "boundaries",
                "inbox",
            )
            for row in connection.execute(text(f"SELECT * FROM {table}")).all()
        )
        actions = [
            row[0]
            for row in connection.execute(
                text("SELECT action FROM concern_events ORDER BY id")
            ).all()
        ]
    assert (
        "Sunita" not in everything
        and "sunita" not in everything
        and SECRET not in everything
        and SUNITA not in everything
    )
    assert actions == ["raised", "delivered", "acknowledged"]
