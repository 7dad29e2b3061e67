"""How a pairing is going, heard early, end to end through Slack: a pair logs its first meeting,
each of the two is asked alone in their own DM and answers; one says it is not a good fit, and
the team's channel gets one automatic notice that says neither who nor what; the partner sees
nothing of it; sixty days on, a pulse. And the promise each of them was given: an answer reaches
no one else, not the partner, the pair's group message, the team's channel, a view or the logs."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from localslack.workspace import Message
from tests.cast import GRACE, PAIRS_CSV, SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import held, words
from tests.world import World, group_messages, last_with, uk

FIT = "pulse_answer_good_fit"
NOT_A_GOOD_FIT = "pulse_answer_not_a_good_fit"
# What Sunita's answer reads as, wherever it is shown: to her alone.
HER_ANSWER = "You answered: Not a good fit"


def met(world: World) -> None:
    """Grace and Sunita, paired and accepted in January, log their first meeting on a Tuesday."""
    world.walk_to(uk("2026-01-05 09:30"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    for user in (GRACE, SUNITA):
        world.click(
            user, last_with(group_messages(world, GRACE, SUNITA), "pair_accept"), "pair_accept"
        )
    world.walk_to(uk("2026-01-13 11:20"))
    assert world.command(GRACE, "met 2026-01-12 45m getting to know each other").startswith(
        "Logged: you met on Monday 12 January 2026"
    )
    world.walk_to(uk("2026-01-13 11:21"))


def question(world: World, user: str, action: str = FIT) -> Message:
    return last_with(world.dms(user), action)


def answer(world: World, user: str, action: str) -> str:
    """The person presses an answer; returns what the question now reads as in their DM (the
    answer takes its place)."""
    asked = question(world, user, action)
    world.click(user, asked, action)
    [now] = [m for m in world.dms(user) if m.ts == asked.ts]
    return words(now)


def automatic_notices(world: World) -> list[str]:
    return [
        words(m).splitlines()[0]
        for m in world.slack.workspace.messages_in(TEAM_CHANNEL)
        if words(m).startswith(":robot_face:")
    ]


def test_each_is_asked_alone_one_says_not_a_good_fit_and_the_team_hears_only_of_the_pair(
    world: World,
) -> None:
    met(world)
    for user in (GRACE, SUNITA):
        asked = question(world, user)
        assert words(asked).startswith("You've logged your first mentoring meeting.")
    pair_saw = [words(m) for m in group_messages(world, GRACE, SUNITA)]
    assert not any("does the fit" in seen for seen in pair_saw), "never in the pair's group DM"

    assert answer(world, GRACE, FIT).startswith(
        "Thank you. You answered: Good fit. Nobody else sees your answer."
    )
    assert answer(world, SUNITA, NOT_A_GOOD_FIT).startswith(f"Thank you. {HER_ANSWER}.")
    world.walk_to(uk("2026-01-13 12:00"))

    assert automatic_notices(world) == [
        ":robot_face: From the bot, lower priority: Grace Mensah & Sunita Rao (Preparing) may "
        "need a word: an answer about how their mentoring is going suggests it."
    ]
    grace_saw = [words(m) for m in world.dms(GRACE) + group_messages(world, GRACE, SUNITA)]
    grace_saw += [words(r) for r in world.slack.workspace.responses_to(GRACE)]
    assert not any("Not a good fit." in seen or "suggests it" in seen for seen in grace_saw)
    console = words(world.open_home(TEAM_LEAD))
    assert "*How pairings are going*: 2 asked so far" in console
    assert "Sunita" not in console.split("How pairings are going")[1]

    world.walk_to(uk("2026-03-16 12:00"))  # sixty days on is a Saturday: Monday morning
    for user in (GRACE, SUNITA):
        pulse = question(world, user, "pulse_answer_4")
        assert words(pulse).startswith("A quick pulse: how is your mentoring going")
    assert answer(world, SUNITA, "pulse_answer_4").startswith("Thank you. You answered: 4: Well.")
    world.walk_to(uk("2026-03-16 13:00"))
    words_for_pairs = [n for n in automatic_notices(world) if "may need a word" in n]
    assert len(words_for_pairs) == 1, "a good pulse asks for nothing more"


@pytest.mark.both_databases
def test_an_answer_reaches_no_one_but_the_one_who_gave_it(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    met(world)
    answer(world, SUNITA, NOT_A_GOOD_FIT)
    world.walk_to(uk("2026-01-13 12:00"))
    world.open_home(TEAM_LEAD)
    world.command(TEAM_LEAD, "team pulse")
    world.walk_to(uk("2026-01-20 12:00"))

    ws = world.slack.workspace
    hers = ws.open_dm([SUNITA]).id
    assert {m.channel for m in ws.messages if HER_ANSWER in held(m)} == {hers}
    assert {r.channel for r in ws.responses if HER_ANSWER in held(r)} <= {hers}
    assert not [
        c for c in ws.calls if HER_ANSWER in str(c.params) and c.params.get("channel") != hers
    ]
    assert not [v for v in ws.views.values() if "Not a good fit 1" in held(v)], "no count of one"
    assert HER_ANSWER not in caplog.text and "not_a_good_fit" not in caplog.text
    with world.bot.uow() as uow:  # one word to the team, keyed by the pair and the question
        assert uow.deliveries.sent_keys_like("notice:pulse:") == {"notice:pulse:1:0"}
    partner_saw = [held(m) for m in ws.dms_to(GRACE) + group_messages(world, GRACE, SUNITA)]
    partner_saw += [held(r) for r in ws.responses_to(GRACE)]
    assert not any("You answered" in seen or "suggests it" in seen for seen in partner_saw)


def test_the_question_comes_in_each_person_s_own_working_hours(world: World) -> None:
    """A first meeting logged on a Friday evening: Sunita in London is asked on Monday morning."""
    world.walk_to(uk("2026-01-05 09:30"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    for user in (GRACE, SUNITA):
        world.click(
            user, last_with(group_messages(world, GRACE, SUNITA), "pair_accept"), "pair_accept"
        )
    world.walk_to(uk("2026-01-16 19:00"))
    world.command(SUNITA, "met 2026-01-16 30m first coffee")
    world.walk_to(uk("2026-01-19 08:59"))
    assert not [m for m in world.dms(SUNITA) if "does the fit" in words(m)]
    world.walk_to(uk("2026-01-19 09:01"))
    assert [m for m in world.dms(SUNITA) if "does the fit" in words(m)]
    world.walk_to(world.now() + timedelta(minutes=1))
