"""What people see when they type /mentoring, and how bad input is answered."""

from __future__ import annotations

from tests.cast import APPROVER, JAMIE, SUNITA, TEAM_LEAD
from tests.seen import words
from tests.world import World, uk


def test_help_lists_what_the_bot_can_do(world: World) -> None:
    world.add_cohort()
    shown = world.command(SUNITA, "help")
    assert "`/mentoring events`" in shown and "`/mentoring next`" in shown
    assert "`/mentoring team who EVENT`" in world.command(TEAM_LEAD, "team help")
    assert world.command(SUNITA, "team help") == "Only the project team can do this."


def test_someone_not_on_the_scheme_is_shown_only_the_commands_that_are_theirs(
    world: World,
) -> None:
    world.add_cohort()
    world.slack.workspace.add_user("UNEW00001", "Nia Newcomer", "nia@example.org", "Europe/London")
    newcomer = world.command("UNEW00001", "help")
    assert newcomer.startswith("You are not on the mentoring scheme yet")
    assert "`/mentoring concern`" in newcomer and "`/mentoring pair`" not in newcomer
    team = world.command(TEAM_LEAD, "help")
    assert team.startswith("You are on the project team: `/mentoring team help` lists")
    assert "`/mentoring pair`" not in team
    world.slack.workspace.add_user(APPROVER, "Morgan Ellis", "m.ellis@example.org")
    approver = world.command(APPROVER, "help")
    assert approver.startswith("You decide the requests for accommodation")
    assert "not on the mentoring scheme" not in approver
    world.command(TEAM_LEAD, "iaith cymraeg")
    assert world.command(TEAM_LEAD, "cymorth").startswith("Rydych chi ar dîm y prosiect")
    assert world.command(TEAM_LEAD, "tîm cymorth").startswith("Gorchmynion tîm y prosiect")


def test_my_events_lists_upcoming_events_in_calendar_order_with_my_replies(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 12:00"))
    launch = next(m for m in world.dms(SUNITA) if words(m).startswith("LMS Launch is "))
    world.click(SUNITA, launch, "event_rsvp_yes")
    shown = world.command(SUNITA, "events").splitlines()
    assert shown[0] == "*Your upcoming scheme events*"
    assert shown[1].startswith(
        "• *LMS Launch*: Thursday 13 November 2025, 11:00–15:00 UK time (GMT)."
    )
    assert shown[1].endswith("you said you'll be there")
    assert "date to be confirmed (expected January 2026)" in shown[2]
    assert "date to be confirmed (expected UKIO 2026 (timing and attendance TBC))" in shown[3]
    assert shown[4].startswith("• *LMS Final celebratory event*: Thursday 17 September 2026")
    assert not any("mentors" in line for line in shown)


def test_next_shows_the_next_dated_event_in_my_own_zone(world: World) -> None:
    world.add_cohort()
    shown = world.command(JAMIE, "next")
    assert shown.startswith(
        "Your next event is *Setting expectations briefing (mentees)*: Tuesday 21 October 2025"
    )
    assert "in your time zone (America/New_York)" in shown


def test_an_unknown_command_gets_the_usage_not_silence(world: World) -> None:
    world.add_cohort()
    shown = world.command(SUNITA, "sing please")
    assert shown.startswith("Sorry, I don't know `/mentoring sing please`.")
    assert "`/mentoring events`" in shown


def test_someone_not_on_the_scheme_is_told_kindly(world: World) -> None:
    world.slack.workspace.add_user("USTRANGER", "Sam Stranger", "sam@example.org")
    world.add_cohort()
    assert "I don't have you on the mentoring scheme yet" in world.command("USTRANGER", "events")


def test_a_request_with_a_bad_signature_is_refused_and_changes_nothing(world: World) -> None:
    world.add_cohort()
    world.sender.signing_secret = "not-the-secret"
    assert (
        world.sender.command(
            TEAM_LEAD, "event date networking-jan-2026 2026-01-21 10:00-11:00"
        ).status
        == 401
    )
    assert world.slack.workspace.responses == []
    world.sender.signing_secret = world.bot_settings.slack_signing_secret or ""
    assert "date to be confirmed" in world.command(SUNITA, "events")
