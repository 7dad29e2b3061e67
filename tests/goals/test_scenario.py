"""Goals end to end, through the Bolt app and the local workspace, over simulated months: a pair
sets its goals in Negotiation from the Home (Sunita reads Welsh, Grace English), moves to
Enabling Growth, and each check-in asks about one goal in both their languages; their answers
become each goal's story on their Homes; the team sees counts, never the words; and a free-text
agreement kept before goals appears as the pair's goal."""

from __future__ import annotations

import json
import logging

import pytest

from handlers.views import goals as view
from localslack.workspace import Message
from tests.cast import GRACE, OLIVER, PAIRS_CSV, SUNITA, TEAM_CHANNEL, TEAM_LEAD
from tests.seen import held, texts, words
from tests.services import migrating
from tests.world import World, group_messages, last_with, restart, sent_at, uk

SECRET = "Rebuild my confidence after the restructure"


def started(world: World) -> None:
    """Grace and Sunita (who reads Welsh), paired and started on Friday 14 November 2025."""
    world.walk_to(uk("2025-11-14 10:00"))
    world.add_cohort()
    world.command(SUNITA, "iaith cymraeg")
    assert world.bot.import_pairs(PAIRS_CSV) == 2
    for user in (GRACE, SUNITA):
        intro = last_with(group_messages(world, GRACE, SUNITA), "pair_accept")
        world.click(user, intro, "pair_accept")


def questions(world: World) -> list[Message]:
    """The goal questions in the pair's conversation still waiting for an answer (an answered
    one reads as its answer)."""
    return [
        m
        for m in group_messages(world, GRACE, SUNITA)
        if any(b.get("block_id", "").startswith("goal:") for b in m.blocks)
    ]


def shown_now(world: World, message: Message) -> Message:
    """The message as the pair's conversation shows it now (edited, perhaps)."""
    [now] = [m for m in group_messages(world, GRACE, SUNITA) if m.ts == message.ts]
    return now


def set_goals_from_the_home(world: World) -> None:
    """In Negotiation, Sunita sets two goals and the boundaries from her Home, in Welsh."""
    world.command(GRACE, "stage negotiation")
    world.open_home(SUNITA)
    assert world.sender.click_home(SUNITA, view.HOME_GOALS).status == 200
    assert world.modal(SUNITA)["title"]["text"] == "Ein nodau"
    done = world.submit_view(
        SUNITA,
        {
            "what_1": SECRET,
            "how_known_1": "I speak first at the team meeting",
            "by_when_1": "2026-03-31",
            "confidence_1": "3",
            "what_2": "Cyflwyno yn niwrnod archwilio'r rhanbarth",
            "confidence_2": "5",
            "availability": "Bob yn ail ddydd Mawrth",
            "contact": "Slack yn gyntaf",
        },
    )
    assert done.status == 200


@pytest.mark.both_databases  # this feature's scenario on PostgreSQL too
def test_a_pair_sets_goals_and_check_ins_ask_about_one_at_a_time_in_both_languages(
    world: World,
) -> None:
    started(world)
    set_goals_from_the_home(world)
    hers = words(world.home(SUNITA))
    assert f"*1.* {SECRET}" in hers and "*Eich nodau dysgu*" in hers
    assert "Hyder ar y dechrau: 3/10" in hers and "*Pryd rydych chi ar gael:*" in hers
    assert words(world.dms(GRACE)[-1]).startswith(
        "Sunita Rao has changed your pair's learning goals or boundaries."
    )
    assert "Confidence at the start: 3/10" in words(world.open_home(GRACE))

    assert world.command(GRACE, "stage enabling growth").startswith("Done")
    # Enabling Growth asks every 14 days from the start: Friday 28 November, 10:00.
    world.walk_to(uk("2025-11-28 12:00"))
    [first] = questions(world)
    assert sent_at(first) == uk("2025-11-28 10:00")
    assert words(first).startswith("*Sut mae nod 1 o 2 yn mynd?*"), "Welsh first, for Sunita"
    assert "How is goal 1 of 2 going?" in words(first), "and English, for Grace"
    world.click(GRACE, first, "goal_under_way")
    assert texts(shown_now(world, first))[0] == "Grace Mensah answered: Under way. Thank you!"

    world.walk_to(uk("2025-12-12 12:00"))
    second = questions(world)[-1]
    assert "How is goal 2 of 2 going?" in words(second)
    world.click(SUNITA, second, "goal_achieved")
    assert texts(shown_now(world, second))[0] == "Atebodd Sunita Rao: Wedi'i gyflawni. Diolch!"
    world.walk_to(uk("2026-01-16 12:00"))  # asked on 29 December (after Christmas) and 12 January
    assert [words(q).split("?")[0] for q in questions(world)] == [  # those not yet answered
        "*Sut mae nod 1 o 2 yn mynd",  # the achieved goal is not asked about again
        "*Sut mae nod 1 o 2 yn mynd",
    ]

    story = words(world.open_home(GRACE))
    assert "_Progress:_ Under way (Fri 28 Nov: Under way)" in story
    assert "_Progress:_ Achieved (Fri 12 Dec: Achieved)" in story
    assert "move your pair back to Negotiation" in story
    console = words(world.open_home(TEAM_LEAD))
    assert "Pairs with goals: 1 · Goals set: 2 · Under way: 1 · Achieved: 1" in console


def test_goals_are_agreed_in_negotiation_and_the_command_shows_them_elsewhere(
    world: World,
) -> None:
    started(world)
    assert "You will agree up to 5 in Negotiation" in world.command(GRACE, "goals")
    set_goals_from_the_home(world)
    world.command_opens_modal(GRACE, "goals")
    assert "initial_value" in json.dumps(world.modal(GRACE)), "the form filled with them"
    world.command(GRACE, "stage coming to closure")

    shown = world.command(GRACE, "goals")
    assert f"*1.* {SECRET}" in shown and "How you will know: I speak first" in shown
    assert world.command(SUNITA, "nodau").startswith("*Eich nodau dysgu*")
    # The "Set our goals" button Negotiation's message brought is refused kindly now.
    moved = last_with(group_messages(world, GRACE, SUNITA), view.SET_GOALS)
    assert "It is in Coming to Closure now." in world.click(GRACE, moved, view.SET_GOALS)


def test_a_goals_words_reach_the_pair_and_nobody_else(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    started(world)
    set_goals_from_the_home(world)
    world.command(SUNITA, "cam galluogi twf")
    world.walk_to(uk("2025-11-28 12:00"))
    world.click(SUNITA, questions(world)[-1], "goal_changed")
    for anyone in (GRACE, TEAM_LEAD, OLIVER):
        world.open_home(anyone)
    world.command(TEAM_LEAD, "team pairs")
    world.bot.services.privacy.send_my_data(SUNITA, world.now())
    world.bot.wait_for_listeners()

    ws = world.slack.workspace
    pair_dm = ws.open_dm([GRACE, SUNITA]).id
    where = {m.channel for m in ws.messages if SECRET in held(m)}
    assert pair_dm in where <= {pair_dm, ws.dm_channel(SUNITA)}, "theirs, and her own data file"
    assert TEAM_CHANNEL not in {
        c.params.get("channel") for c in ws.calls if SECRET in str(c.params)
    }
    owners = {ws.view_owner[v] for v, shown in ws.views.items() if SECRET in json.dumps(shown)}
    assert owners == {GRACE, SUNITA}, "their Homes and forms, nobody else's"
    assert {r.channel for r in ws.responses if SECRET in held(r)} <= {pair_dm}
    assert SECRET not in caplog.text


def test_an_agreement_kept_before_goals_appears_as_the_pairs_goal(world: World) -> None:
    started(world)
    world.command(GRACE, "stage negotiation")
    with migrating(world.bot.engine, "downgrade", "0012") as connection:
        connection.exec_driver_sql(
            "INSERT INTO agreements (pair_id, goals, availability, topics, contact, updated_at) "
            "SELECT id, 'Confidence to apply for a band 8b post', 'Tuesdays', '', 'Slack', "
            "created_at FROM pairs WHERE mentor_id = (SELECT id FROM participants WHERE "
            f"slack_user_id = '{GRACE}')"
        )
    restart(world)  # a release with goals starts, and migrates what it finds

    home = words(world.open_home(GRACE))
    assert "*1.* Confidence to apply for a band 8b post" in home
    assert "*Availability:* Tuesdays" in home and "*Contact:* Slack" in home
