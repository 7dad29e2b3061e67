"""Nothing lost, nothing sent twice: restarts, a second clock run, downtime, Slack's faults."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.scheme import SHIPPED_PROGRAMME
from localslack.server import Fault
from tests.cast import MENTEES, MENTORS, SUNITA
from tests.world import World, restart, uk

pytestmark = pytest.mark.both_databases  # the ledger's promises rest on the database

EVERYONE = MENTORS + MENTEES
DATE_CHANGED = ":calendar: *LMS Launch* has a new date."


def launch_reminders(world: World, user: str) -> list[str]:
    """When each reminder's heading says the launch is: 'LMS Launch is tomorrow'."""
    return [
        t.split(" is ", 1)[1].splitlines()[0]
        for t in world.texts(user)
        if t.startswith("LMS Launch is ")
    ]


def post_calls(world: World) -> int:
    return len([c for c in world.slack.workspace.calls_to("chat.postMessage") if c.ok])


def test_running_the_clock_job_twice_or_restarting_sends_nothing_twice(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 11:00"))
    posted = post_calls(world)
    world.bot.scheduler.run_due()
    world.bot.scheduler.run_due()
    restart(world)
    restart(world)
    assert post_calls(world) == posted
    for user in EVERYONE:
        assert launch_reminders(world, user) == ["in 7 days"]


def test_a_reminder_missed_while_the_bot_was_down_is_sent_on_start_if_the_event_has_not_begun(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-05 09:00"))
    world.http.stop()
    world.bot.close()
    # Down from 5 Nov until the eve of the launch: the week-before and day-before times passed.
    world.clock.move_to(uk("2025-11-12 15:00"))
    restart(world)
    for user in EVERYONE:
        assert launch_reminders(world, user) == ["tomorrow"], (
            "only the reminder that fits the time left"
        )


def test_a_reminder_missed_until_after_the_event_began_is_dropped(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-05 09:00"))
    world.http.stop()
    world.bot.close()
    world.clock.move_to(uk("2025-11-13 11:05"))
    restart(world)
    for user in EVERYONE:
        assert launch_reminders(world, user) == []


def test_a_date_edited_in_the_file_is_taken_up_on_restart_and_the_invited_are_told(
    world: World, tmp_path: Path
) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 12:00"))
    edited = tmp_path / "programme.yaml"
    edited.write_text(SHIPPED_PROGRAMME.read_text().replace("date: 2025-11-13", "date: 2025-11-14"))
    restart(world, str(edited))
    for user in EVERYONE:
        changed = [t for t in world.texts(user) if t.startswith(DATE_CHANGED)]
        assert len(changed) == 1 and "Friday 14 November 2025" in changed[0]
    restart(world, str(edited))  # a second start with the same file tells no one again
    assert all(
        len([t for t in world.texts(u) if t.startswith(DATE_CHANGED)]) == 1 for u in EVERYONE
    )
    world.walk_to(uk("2025-11-14 10:30"))
    assert launch_reminders(world, SUNITA) == ["in 7 days", "tomorrow", "in 1 hour"], (
        "no second week-before one"
    )


def test_rate_limited_posts_wait_for_retry_after_and_arrive_exactly_once(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 10:59"))
    world.slack.fail_next("chat.postMessage", Fault(status=429, retry_after=1), times=2)
    world.walk_to(uk("2025-11-06 11:00"))
    assert (
        len(
            [
                c
                for c in world.slack.workspace.calls_to("chat.postMessage")
                if c.error == "ratelimited"
            ]
        )
        == 2
    )
    for user in EVERYONE:
        assert launch_reminders(world, user) == ["in 7 days"]


def test_a_post_that_slack_took_but_whose_answer_was_lost_is_not_posted_again(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 10:59"))
    world.slack.fail_next("chat.postMessage", Fault(status=500, after_effect=True))
    world.walk_to(uk("2025-11-06 11:00"))
    assert [c.error for c in world.slack.workspace.calls_to("chat.postMessage") if not c.ok] == [
        "http_500"
    ]
    for user in EVERYONE:
        assert launch_reminders(world, user) == ["in 7 days"]


def test_a_post_that_failed_with_a_server_error_is_retried_and_arrives_once(world: World) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 10:59"))
    world.slack.fail_next("chat.postMessage", Fault(status=503))
    world.walk_to(uk("2025-11-06 11:00"))
    assert [c.error for c in world.slack.workspace.calls_to("chat.postMessage") if not c.ok] == [
        "http_503"
    ]
    for user in EVERYONE:
        assert launch_reminders(world, user) == ["in 7 days"]


def test_when_slack_is_down_the_reminder_waits_in_the_ledger_and_goes_out_once_slack_is_back(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 10:59"))
    attempts = len(EVERYONE) * 3  # each send tries three times before leaving it pending
    world.slack.fail_next("chat.postMessage", Fault(status=500), times=attempts)
    world.walk_to(uk("2025-11-06 11:00"))
    assert sum(len(launch_reminders(world, u)) for u in EVERYONE) == 0
    # Within its sender's lease it is left alone; after it (under a minute) it is reconciled.
    world.clock.tick(timedelta(seconds=30))
    world.bot.scheduler.run_due()
    assert sum(len(launch_reminders(world, u)) for u in EVERYONE) == 0
    world.clock.tick(timedelta(seconds=30))
    world.bot.scheduler.run_due()
    for user in EVERYONE:
        assert launch_reminders(world, user) == ["in 7 days"]


def test_a_crash_between_posting_and_recording_is_reconciled_without_a_duplicate(
    world: World,
) -> None:
    world.add_cohort()
    world.walk_to(uk("2025-11-06 11:00"))
    # As if the bot died after Slack took the messages but before the ledger recorded them.
    with world.bot.engine.begin() as connection:
        from sqlalchemy import text

        connection.execute(text("UPDATE deliveries SET status = 'pending' WHERE kind = 'reminder'"))
    world.clock.tick(timedelta(minutes=10))
    restart(world)
    for user in EVERYONE:
        assert launch_reminders(world, user) == ["in 7 days"]
