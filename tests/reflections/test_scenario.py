"""Reflections end to end, through the Bolt app and the local workspace, as a transcript: Grace
and Sunita set two goals in Negotiation; in June Sunita moves the pair to Coming to Closure and
each is invited, alone in their own DM; Sunita writes her reflection and scores her goals again
(the form shows what she said at the start); the pair's Homes show each goal's confidence
before and after, hers her own words and his only that she has written; her CPD record has her
reflection, dated. And the promise: her words reach no message, no one else's view, no log."""

from __future__ import annotations

import logging
from io import BytesIO

import docx
import pytest

from handlers.views import goals as goals_view
from handlers.views import reflections as view
from localslack.workspace import Message
from tests.cast import GRACE, PAIRS_CSV, SUNITA, TEAM_LEAD
from tests.seen import held, words
from tests.world import World, group_messages, last_with, uk

HER_WORDS = "I now lead the Monday huddle & ask before I tell"


def closing(world: World) -> None:
    """Paired in January; two goals set in Negotiation (Sunita 4 and 6 out of 10 at the start);
    Coming to Closure on Wednesday 17 June."""
    world.walk_to(uk("2026-01-05 09:30"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    for user in (GRACE, SUNITA):
        world.click(
            user, last_with(group_messages(world, GRACE, SUNITA), "pair_accept"), "pair_accept"
        )
    world.walk_to(uk("2026-02-02 10:00"))
    world.command(GRACE, "stage negotiation")
    world.open_home(SUNITA)
    assert world.sender.click_home(SUNITA, goals_view.HOME_GOALS).status == 200
    goals = {"what_1": "Lead the huddle", "confidence_1": "4", "what_2": "Delegate the rota"}
    assert world.submit_view(SUNITA, {**goals, "confidence_2": "6"}).status == 200
    world.walk_to(uk("2026-06-17 11:00"))
    assert world.command(SUNITA, "stage closure").startswith("Done: your pair has moved")
    world.walk_to(uk("2026-06-17 11:01"))


def invitation(world: World, user: str) -> Message:
    return last_with(world.dms(user), view.REFLECT)


def test_a_pair_reaches_coming_to_closure_each_is_invited_and_the_mentee_reflects(
    world: World,
) -> None:
    closing(world)
    assert words(invitation(world, GRACE)).startswith("Your mentoring is coming to its close.")
    assert "score your confidence in each of your goals" in words(invitation(world, SUNITA))
    assert "score your confidence" not in words(invitation(world, GRACE))

    world.click(SUNITA, invitation(world, SUNITA), view.REFLECT)
    form = held(world.modal(SUNITA))
    assert "At the start you said 4." in form and "At the start you said 6." in form
    done = world.submit_view(
        SUNITA,
        {"achieved": HER_WORDS, "next_steps": "A band 7 post", "confidence_end_1": "8"},
    )
    assert done.status == 200
    assert "Thank you. Your reflection is kept for you alone" in held(world.modal(SUNITA))

    hers = words(world.open_home(SUNITA))
    assert "Confidence at the start: 4/10 · At the close: 8/10" in hers
    assert "I now lead the Monday huddle &amp; ask before I tell" in hers
    assert "Grace Mensah has not written their reflection yet." in hers
    his = words(world.open_home(GRACE))
    assert "Confidence at the start: 4/10 · At the close: 8/10" in his, "the pair's goals"
    assert "Sunita Rao has written their reflection." in his
    assert "Monday huddle" not in his

    assert world.command(SUNITA, "cpd").startswith("I've put your CPD record")
    [record] = [
        world.slack.workspace.files[f["id"]]["content"]
        for m in world.dms(SUNITA)
        for f in m.files
        if f["name"].endswith(".docx")
    ]
    paragraphs = [p.text for p in docx.Document(BytesIO(record)).paragraphs]
    assert "17 June 2026: Reflection written at Coming to Closure" in paragraphs
    assert f"What I achieved: {HER_WORDS}" in paragraphs

    world.walk_to(uk("2026-09-02 12:00"))  # the last month: no second invitation
    assert len([m for m in world.dms(SUNITA) if m.ts == invitation(world, SUNITA).ts]) == 1
    assert sum(view.REFLECT in str(m.blocks) for m in world.dms(SUNITA)) == 1


@pytest.mark.both_databases
def test_her_words_reach_no_message_no_one_else_s_view_and_no_log(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    closing(world)
    world.sender.click(SUNITA, invitation(world, SUNITA), view.REFLECT)
    world.submit_view(SUNITA, {"learned": HER_WORDS})
    world.open_home(SUNITA)
    world.open_home(GRACE)
    console = words(world.open_home(TEAM_LEAD))
    assert "*Reflections*: 1 of 2 invited reflected at the close" in console

    ws = world.slack.workspace
    assert not [m for m in ws.messages if "Monday huddle" in held(m)], "never in a message"
    seen_by = {
        ws.view_owner.get(v) for v, shown in ws.views.items() if "Monday huddle" in held(shown)
    }
    assert seen_by == {SUNITA}
    assert "Monday huddle" not in caplog.text
