"""A mentor with two mentees, end to end: the steering group pairs Grace with Sunita and with
Jamie; each pair is introduced in its own group DM; Grace's Home shows each pair with its own
buttons, and she accepts both there. A command about "her pair" asks her which; naming the
mentee logs the meeting or moves the stage of that pair alone, the goals she sets from one pair's
section stay that pair's, and the meeting form from anywhere asks which mentee she met. Each
mentee sees only their own pair. The team holds one pair's check-ins and the other's go on; it
ends one pairing by naming the mentee, and Grace's Home is back to one pair."""

from __future__ import annotations

from bot.pairs.model import PairChoice
from handlers.views import goals as goals_view
from handlers.views import pairs as pairs_view
from tests.cast import EMAILS, GRACE, JAMIE, SUNITA, TEAM_LEAD
from tests.seen import buttons, words
from tests.world import World, group_messages, last_with, sent_at, uk

GRACE_TWICE = (
    "mentor_email,mentee_email\n"
    f"{EMAILS[GRACE]},{EMAILS[SUNITA]}\n"
    f"{EMAILS[GRACE]},{EMAILS[JAMIE]}\n"
)


def pair_ids(world: World) -> dict[str, int]:
    """Each mentee's pair with Grace, by the mentee's Slack id."""
    views = world.bot.services.pairing.my_pairs(GRACE)
    return {v.partner.slack_user_id or "": v.pair.id for v in views}


def test_a_mentor_runs_two_pairs_each_on_its_own(world: World) -> None:
    world.walk_to(uk("2025-11-14 10:00"))
    world.add_cohort()
    assert world.bot.import_pairs(GRACE_TWICE) == 2
    for mentee in (SUNITA, JAMIE):
        [intro] = group_messages(world, GRACE, mentee)
        assert "The steering group has paired you" in words(intro)
    ids = pair_ids(world)

    home = world.open_home(GRACE)
    shown = words(home)
    assert "*Your pair with Sunita Rao*" in shown and "*Your pair with Jamie Clarke*" in shown
    assert buttons(home).count("Accept the pairing") == 2
    for mentee in (SUNITA, JAMIE):
        delivered = world.sender.click_home(GRACE, pairs_view.HOME_ACCEPT, str(ids[mentee]))
        assert delivered.status == 200
        world.bot.wait_for_listeners()
        assert world.command(mentee, "pair").startswith("*Your partner:* Grace Mensah")
    for mentee in (SUNITA, JAMIE):
        world.open_home(mentee)
        world.sender.click_home(mentee, pairs_view.HOME_ACCEPT, str(ids[mentee]))
        world.bot.wait_for_listeners()
    assert buttons(world.open_home(GRACE)).count("Log a meeting") == 2

    world.walk_to(uk("2025-11-21 12:00"))
    asked = world.command(GRACE, "met 2025-11-20 45m first chat")
    assert asked.startswith(
        "You are in more than one pair, with Sunita Rao, Jamie Clarke: please say which"
    )
    logged = world.command(GRACE, f"met <@{JAMIE}> 2025-11-20 45m first chat")
    assert logged.startswith("Logged: you met on Thursday 20 November 2025 for 45 min")
    assert world.command(GRACE, f"stage <@{SUNITA}> negotiation").startswith("Done")
    not_hers = world.command(GRACE, f"stage <@{TEAM_LEAD}> growth")
    assert not_hers.startswith("You are not in a pair with")

    both = world.command(GRACE, "pair")
    assert "*Your partner:* Sunita Rao (mentee)" in both
    assert "*Your partner:* Jamie Clarke (mentee)" in both
    assert "first chat" in world.command(JAMIE, "pair")
    assert "first chat" not in world.command(SUNITA, "pair")
    assert "Negotiation" in world.command(SUNITA, "pair")
    assert "Negotiation" not in world.command(JAMIE, "pair")

    # Goals set from Sunita's pair's section of Grace's Home are that pair's alone
    world.open_home(GRACE)
    opened = world.sender.click_home(GRACE, goals_view.HOME_GOALS, str(ids[SUNITA]))
    assert opened.status == 200
    world.submit_view(GRACE, {"what_1": "Lead the department's audit"})
    hers = world.bot.services.goals.mine(SUNITA)
    assert [g.what for g in hers.goals] == ["Lead the department's audit"]
    assert world.bot.services.goals.mine(GRACE, PairChoice(ids[JAMIE])).goals == []
    for mentee, other in ((SUNITA, "Jamie"), (JAMIE, "Sunita")):
        assert other not in words(world.open_home(mentee)), "each mentee sees their own pair"

    # From anywhere, the meeting form asks her which mentee she met
    assert world.sender.shortcut(GRACE, pairs_view.MEETING_SHORTCUT).status == 200
    world.bot.wait_for_listeners()
    assert "Who did you meet?" in words(world.modal(GRACE))
    world.submit_view(
        GRACE,
        {"pair": str(ids[SUNITA]), "met_on": "2025-11-21", "minutes": "30", "topics": "audit plan"},
    )
    assert "audit plan" in world.command(SUNITA, "pair")
    assert "audit plan" not in world.command(JAMIE, "pair")

    # The team holds Jamie's pair while a concern is looked into; Sunita's goes on
    world.command(TEAM_LEAD, f"team pause <@{JAMIE}> until 2025-12-15")
    held_from = world.now()
    world.walk_to(uk("2025-12-01 12:00"))
    assert [m for m in group_messages(world, GRACE, JAMIE) if sent_at(m) > held_from] == []
    assert [m for m in group_messages(world, GRACE, SUNITA) if sent_at(m) > held_from]
    assert "paused this pair's check-ins until 15 December 2025" in world.command(JAMIE, "pair")
    # Something wrong in her pairing with Sunita: the team's alert is about that pair
    checkin = last_with(group_messages(world, GRACE, SUNITA), "checkin_wrong")
    world.click(GRACE, checkin, "checkin_wrong")
    world.bot.wait_for_listeners()
    world.submit_view(GRACE, {"text": "We keep missing each other.", "urgency": "soon"})
    with world.bot.uow() as uow:
        [concern] = uow.concerns.all()
    assert concern.pair_id == ids[SUNITA]

    # Her own question about a pairing names the mentee (Jamie's waits for the team's hold to
    # end); her mentees' need no name
    asked_her = " ".join(world.texts(GRACE))
    assert "You've logged your first mentoring meeting with Sunita Rao." in asked_her
    assert "with Jamie Clarke" not in asked_her
    assert "does the fit with your partner feel right?" in " ".join(world.texts(SUNITA))

    asked = world.command(TEAM_LEAD, f"team unpair <@{GRACE}> moving on")
    assert asked.startswith("Grace Mensah mentors Sunita Rao, Jamie Clarke: please name the mentee")
    world.command(TEAM_LEAD, f"team unpair <@{JAMIE}> moved Trust")
    shown = words(world.open_home(GRACE))
    assert "*Your pair*" in shown and "Jamie Clarke" not in shown
    assert world.command(GRACE, "met 2025-11-28 30m catch-up").startswith("Logged")
