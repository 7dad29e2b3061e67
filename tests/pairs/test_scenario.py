"""Pairs and check-ins through the four stages, walked over simulated months."""

from __future__ import annotations

import copy

import pytest

from tests.cast import GRACE, JAMIE, OLIVER, PAIRS_CSV, SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import held, words
from tests.world import World, group_messages, last_with, sent_at, uk


def paired_world(world: World, at: str = "2025-11-14 10:00") -> None:
    world.walk_to(uk(at))
    world.add_cohort()
    assert world.bot.import_pairs(PAIRS_CSV) == 2


def accept(world: World, user: str, *pair: str) -> str:
    intro = last_with(group_messages(world, *pair), "pair_accept")
    return world.click(user, intro, "pair_accept")


def everyone_accepts(world: World) -> None:
    for user, pair in (
        (GRACE, (GRACE, SUNITA)),
        (SUNITA, (GRACE, SUNITA)),
        (OLIVER, (OLIVER, JAMIE)),
        (JAMIE, (OLIVER, JAMIE)),
    ):
        accept(world, user, *pair)


def test_a_new_pair_is_introduced_to_both_and_asked_to_accept(world: World) -> None:
    paired_world(world)
    [intro] = group_messages(world, GRACE, SUNITA)
    shown = words(intro)
    assert (
        "The steering group has paired you:\n• *Grace Mensah* (mentor)\n• *Sunita Rao* (mentee)"
        in shown
    )
    assert "Please each accept the pairing." in shown
    assert "Preparing → Negotiation → Enabling Growth → Coming to Closure" in shown
    assert "your partner will not see it" in shown
    assert "Thank you for accepting" in accept(world, SUNITA, GRACE, SUNITA)
    assert "already accepted" in accept(world, SUNITA, GRACE, SUNITA)
    accept(world, GRACE, GRACE, SUNITA)
    assert words(group_messages(world, GRACE, SUNITA)[-1]).startswith(
        "You have both accepted: welcome, Grace Mensah and Sunita Rao!"
    )


def test_once_one_has_accepted_each_is_told_who_the_pairing_waits_for(world: World) -> None:
    paired_world(world)
    waiting = "*Stage:* Preparing since 14 November 2025 (waiting for you both to accept)"
    assert waiting in world.command(GRACE, "pair") and waiting in words(world.open_home(SUNITA))
    accept(world, SUNITA, GRACE, SUNITA)
    for shown in (world.command(SUNITA, "pair"), words(world.open_home(SUNITA))):
        assert "(waiting for Grace Mensah to accept)" in shown
        assert "you both" not in shown
    for shown in (world.command(GRACE, "pair"), words(world.open_home(GRACE))):
        assert "(Sunita Rao has accepted; your pairing starts as soon as you accept too)" in shown
        assert "you both" not in shown


@pytest.mark.both_databases  # this feature's scenario on PostgreSQL too
def test_a_pair_walks_through_the_stages_with_check_ins_meetings_and_goals(
    world: World,
) -> None:
    paired_world(world)
    accept(world, GRACE, GRACE, SUNITA)
    accept(world, SUNITA, GRACE, SUNITA)  # Friday 14 Nov 2025, 10:00: the pair starts in Preparing

    world.walk_to(uk("2025-11-21 12:00"))
    checkin = group_messages(world, GRACE, SUNITA)[-1]
    assert words(checkin).splitlines()[0] == "*Have you met yet?*" and sent_at(checkin) == uk(
        "2025-11-21 10:00"
    )
    world.click(SUNITA, checkin, "checkin_yes")
    assert (
        words(group_messages(world, GRACE, SUNITA)[-1]).splitlines()[0]
        == "Sunita Rao answered: Yes, we've met. Thank you!"
    )
    done = world.submit_view(
        SUNITA, {"met_on": "2025-11-20", "minutes": "45", "topics": "getting to know each other"}
    )
    assert done.status == 200 and "you met on Thursday 20 November 2025 for 45 min" in done.body

    world.sender.select(GRACE, checkin, "pair_stage", f"{_pair_id(world)}:negotiation")
    assert (
        words(group_messages(world, GRACE, SUNITA)[-1]).splitlines()[0]
        == "Grace Mensah moved your pair to Negotiation."
    )
    world.command_opens_modal(GRACE, "agreement")  # its old name opens the goals form
    world.submit_view(
        GRACE,
        {
            "what_1": "Confidence to apply for a band 8b post",
            "availability": "Every other Tuesday, 45 minutes",
            "topics": "Leadership, not clinical casework",
            "contact": "Slack first",
        },
    )
    mine = world.command(SUNITA, "pair")
    assert "*Your partner:* Grace Mensah (mentor)" in mine
    assert "*Stage:* Negotiation since 21 November 2025" in mine
    assert "• 20 Nov 2025, 45 min: getting to know each other" in mine
    home = words(world.open_home(SUNITA))
    assert "*1.* Confidence to apply for a band 8b post" in home
    assert "*Availability:* Every other Tuesday, 45 minutes" in home

    assert world.command(SUNITA, "stage enabling growth").startswith("Done")
    world.walk_to(uk("2025-12-31 12:00"))
    asked = [
        m for m in group_messages(world, GRACE, SUNITA) if words(m).startswith("*Have you met")
    ]
    # Negotiation asks weekly; the move on 21 Nov made it Enabling Growth: every 14 days, working days only.
    # (The first check-in now reads as its answer.)
    assert [sent_at(m) for m in asked] == [uk("2025-12-05 10:00"), uk("2025-12-19 10:00")]
    assert words(asked[0]).splitlines()[0] == "*Have you met since Thursday 20 November?*"
    assert world.command(GRACE, "met 2025-12-30 1h career planning").startswith(
        "Logged: you met on Tuesday 30 December 2025 for 1 h"
    )

    world.command(GRACE, "stage coming to closure")
    history = world.command(GRACE, "pair")
    assert "*Stage:* Coming to Closure" in history and "*Meetings (2):*" in history


def test_buttons_are_checked_stale_foreign_and_double_answers_change_nothing(world: World) -> None:
    paired_world(world)
    everyone_accepts(world)
    world.walk_to(uk("2025-11-21 12:00"))
    # Copies as a client that has not refreshed still shows them, buttons and all.
    first = copy.deepcopy(group_messages(world, GRACE, SUNITA)[-1])
    assert "belongs to another pair" in world.click(OLIVER, first, "checkin_yes")
    world.click(GRACE, first, "checkin_not_yet")
    world.walk_to(uk("2025-11-28 12:00"))
    assert "This is an older check-in" in world.click(SUNITA, first, "checkin_not_yet")
    second = copy.deepcopy(group_messages(world, GRACE, SUNITA)[-1])
    world.click(SUNITA, second, "checkin_not_yet")
    assert "already been answered" in world.click(GRACE, second, "checkin_yes")
    assert "not a stage" in world.command(GRACE, "stage flourishing")
    assert "is not a date" in world.command(GRACE, "met 28/11/2025 1h")
    assert "in the future" in world.command(GRACE, "met 2025-12-25 1h")


def test_something_wrong_goes_privately_to_the_team_and_leaves_no_trace_for_the_partner(
    world: World,
) -> None:
    paired_world(world)
    for user in (GRACE, SUNITA):
        accept(world, user, GRACE, SUNITA)
    world.walk_to(uk("2025-11-21 12:00"))
    checkin = group_messages(world, GRACE, SUNITA)[-1]
    world.click(SUNITA, checkin, "checkin_wrong")
    secret = "My mentor keeps cancelling at the last minute and was dismissive last time."
    assert world.submit_view(SUNITA, {"text": secret}).status == 200

    [alert] = world.slack.workspace.messages_in(TEAM_CHANNEL)
    assert words(alert).splitlines()[0] == "*:lock: Concern #1 from Sunita Rao (mentee) (soon)*"
    assert secret in words(alert)
    assert "Grace Mensah (mentor) & Sunita Rao (mentee), stage Preparing" in words(alert)
    assert words(world.dms(SUNITA)[-1]).startswith(
        "Thank you for telling us. The project team has your concern"
    )
    assert group_messages(world, GRACE, SUNITA)[-1] is checkin and not checkin.edited
    everything_grace_saw = [
        held(m) for m in world.dms(GRACE) + group_messages(world, GRACE, SUNITA)
    ]
    assert not any(
        "cancelling" in seen or "concern #" in seen.lower() for seen in everything_grace_saw
    )


def test_the_team_pairs_unpairs_and_re_pairs_and_each_person_is_told_separately(
    world: World,
) -> None:
    world.add_cohort()
    assert "are paired" in world.command(
        TEAM_LEAD, f"team pair <@{GRACE}|grace> <@{SUNITA}|sunita>"
    )
    assert "already in a pair" in world.command(TEAM_LEAD, f"team pair <@{OLIVER}> <@{SUNITA}>")
    assert "is a mentee, not a mentor" in world.command(
        TEAM_LEAD, f"team pair <@{JAMIE}> <@{SUNITA}>"
    )
    done = world.command(TEAM_LEAD, f"team unpair <@{SUNITA}> a change of role")
    assert (
        done
        == "Done: the pairing of Grace Mensah and Sunita Rao has ended (a change of role). Each has been told, separately."
    )
    assert words(world.dms(GRACE)[-1]).startswith(
        "Your mentoring pairing with Sunita Rao has now ended."
    )
    assert words(world.dms(SUNITA)[-1]).startswith(
        "Your mentoring pairing with Grace Mensah has now ended."
    )
    assert "are paired" in world.command(TEAM_LEAD, f"team pair <@{OLIVER}> <@{SUNITA}>")
    assert (
        world.command(GRACE, "team pair <@UOLIVER01> <@UJAMIE001>")
        == "Only the project team can do this."
    )


def _pair_id(world: World) -> int:
    with world.bot.uow() as uow:
        return uow.pairs.current()[0].id


@pytest.mark.both_databases  # its delivery rests on the database
def test_the_clock_holds_one_job_for_pairs_and_no_check_in_is_sent_twice_across_restarts(
    world: World,
) -> None:
    from tests.world import restart

    paired_world(world)
    everyone_accepts(world)
    assert [j.id for j in world.bot.scheduler.moment_jobs()].count("pairs") == 1
    world.walk_to(uk("2025-11-21 10:00"))
    world.bot.scheduler.run_due()
    restart(world)
    restart(world)
    asked = [
        m
        for m in group_messages(world, GRACE, SUNITA)
        if words(m).startswith("*Have you met yet?*\n")
    ]
    assert len(asked) == 1
    assert [j.id for j in world.bot.scheduler.moment_jobs()].count("pairs") == 1


def test_a_welsh_speaker_chooses_welsh_and_is_answered_in_it(world: World) -> None:
    world.walk_to(uk("2025-11-25 10:00"))
    world.add_cohort()
    assert world.command(SUNITA, "iaith cymraeg").startswith(
        "O hyn ymlaen byddaf yn ysgrifennu atoch yn Gymraeg."
    )
    assert world.command(SUNITA, "language").startswith("Rwy'n ysgrifennu atoch yn Gymraeg.")
    assert world.command(SUNITA, "iaith klingon").startswith("Gallaf ysgrifennu yn Gymraeg")
    assert world.command(GRACE, "language").startswith("I write to you in English.")
    assert world.command(SUNITA, "language english").startswith("From now on I'll write")
