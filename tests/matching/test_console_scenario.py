"""The steering group matches the 2026-27 cohort, end to end: the real Bolt app over signed HTTP
against the local workspace. The applicants (tests/matching/cohort.py) have applied and been
accepted; the team opens the console and reads each suggestion's reasons and why Dewi has no
mentor, swaps Anwen to Sara and sees what the whole match loses before it is made, approves
all, and leaves Dewi unmatched. Each new pair is introduced in its group DM, Sara's two
mentees each in their own; Dewi is told kindly, in Welsh. The 2025-26 cohort's people and pairs
are still there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory

from bot.pairs.service import PairingService
from bot.participants.service import import_participants
from handlers.slack.directory import SlackDirectory
from handlers.slack.http import BoltHttpServer
from handlers.views import matching as view
from localslack.sender import SignedSender
from localslack.server import LocalSlack
from mentorbot.app import build
from mentorbot.settings import Settings
from tests.applications.window import OPENS, taking_applications
from tests.cast import COHORT, COHORT_CSV, PAIRS_CSV, TEAM_LEAD
from tests.matching.cohort import ANWEN, BRYN, CAI, DEWI, EVERYONE, RHYS, SARA, accepted
from tests.seen import buttons, words
from tests.world import World, group_messages

EARLIER = "2025-26"


@pytest.fixture
def world(slack: LocalSlack, settings: Settings) -> Iterator[World]:
    """The bot running 2026-27, on a database that holds 2025-26's people and pairs; the
    applicants in the workspace, applied and accepted while the window is open."""
    with freeze_time("2025-10-01 08:00:00", tz_offset=0) as clock:
        assert isinstance(clock, FrozenDateTimeFactory)
        bot = build(settings, programme=taking_applications())
        http = BoltHttpServer(bot.bolt).start()
        sender = SignedSender(slack, http.url, settings.slack_signing_secret or "")
        world = World(bot, slack, http, sender, clock, settings)
        bot.start_timeline(paused=True)
        for user_id, (name, email, tz) in COHORT.items():
            slack.workspace.add_user(user_id, name, email, tz)
        for person in EVERYONE:
            slack.workspace.add_user(person.slack_user_id or "", person.name, person.email)
        last_year = bot.uow.for_cohort(EARLIER)
        import_participants(COHORT_CSV, last_year, SlackDirectory(bot.client), world.now())
        pairing = PairingService(last_year, bot.services.outbox, bot.services.team, lambda: None)
        pairing.import_pairs(PAIRS_CSV, world.now())
        world.walk_to(OPENS.replace(hour=10))
        accepted(bot.services.applications, TEAM_LEAD)
        try:
            yield world
        finally:
            world.http.stop()
            world.bot.close()


def console(world: World) -> str:
    return words(world.home(TEAM_LEAD))


def swap_anwen_to_sara(world: World, ids: dict[str, int]) -> None:
    """Swap mentor…, Sara chosen: what the whole match loses, then Swap."""
    assert world.sender.click_home(TEAM_LEAD, view.SWAP, str(ids[ANWEN.email])).status == 200
    form = words(world.modal(TEAM_LEAD))
    assert "Who should mentor *Anwen Price*? Now: *Rhys Morgan*, 60 points." in form
    assert "Sara Khan · 52 points" in form
    assert world.submit_view(TEAM_LEAD, {"mentor": str(ids[SARA.email])}).errors == {}
    loss = words(world.modal(TEAM_LEAD))
    assert "Giving *Anwen Price* *Sara Khan* as their mentor:" in loss
    assert "Points in all: 172 instead of 180." in loss
    assert "*Cai Evans* moves from *Sara Khan* to *Rhys Morgan*." in loss
    assert world.submit_view(TEAM_LEAD, {}).errors == {}
    assert "*Anwen Price* now has *Sara Khan*, to approve on the console." in words(
        world.modal(TEAM_LEAD)
    )


@pytest.mark.both_databases
def test_the_group_reviews_the_suggestions_swaps_one_approves_all_and_leaves_one_unmatched(
    world: World,
) -> None:
    ids = {a.applicant.email: a.id for a in world.bot.services.applications.all(TEAM_LEAD)}
    shown = words(world.open_home(TEAM_LEAD))
    assert "*Match suggestions* for the 2026-27 cohort: 4 mentees and 2 mentors accepted." in shown
    assert "*Anwen Price* with *Rhys Morgan* · 60 of" in shown
    assert (
        "• Themes: they share 2 of the 2 the mentee chose: ‘Career progression’, ‘Leading change’"
        in shown
    )
    assert "*Shortlist:* Rhys Morgan (60) · Sara Khan (52)" in shown
    assert "this pair waits" not in shown
    assert "Approve all" in buttons(world.home(TEAM_LEAD))

    swap_anwen_to_sara(world, ids)
    shown = console(world)
    assert "*Anwen Price* with *Sara Khan*, swapped in by the group · 52 of" in shown
    assert "*Points in all:* 172" in shown

    assert world.sender.click_home(TEAM_LEAD, view.APPROVE_ALL, "all").status == 200
    world.bot.wait_for_listeners()
    shown = console(world)
    assert "Pairs made: 3. Each has been introduced and asked to accept." in shown
    assert "• *Anwen Price* with *Sara Khan*: paired" in shown
    assert "• *Bryn Jones* with *Sara Khan*: paired" in shown
    for mentor, mentee in ((SARA, ANWEN), (SARA, BRYN), (RHYS, CAI)):
        pair_ids = (mentor.slack_user_id, mentee.slack_user_id)
        world.settle(lambda pair_ids=pair_ids: group_messages(world, *pair_ids))
    [introduction] = group_messages(world, SARA.slack_user_id, ANWEN.slack_user_id)
    assert "Sara Khan" in words(introduction) and "Anwen Price" in words(introduction)

    # Dewi has no mentor the rules allow: left unmatched, told kindly in Welsh, once
    assert "*Dewi Lloyd*: no mentor suggested.\nNot matched: of 2 mentors" in console(world)
    assert world.sender.click_home(TEAM_LEAD, view.LEAVE, str(ids[DEWI.email])).status == 200
    world.settle(lambda: len(world.texts(DEWI.slack_user_id or "")) == 2)
    accepted_once, told = world.texts(DEWI.slack_user_id or "")
    assert accepted_once.startswith("Newyddion da")
    assert told.startswith("Diolch am aros tra bod y grŵp llywio")
    assert "• *Dewi Lloyd*: left unmatched, on the waiting list" in console(world)

    listed = world.command(TEAM_LEAD, "team match")
    assert listed.startswith("*Match suggestions* for the 2026-27 cohort")
    assert "• *Cai Evans* with *Rhys Morgan*: paired" in listed

    # 2025-26 is still there
    with world.bot.uow.for_cohort(EARLIER)() as uow:
        assert len(uow.participants.all()) == 4 and len(uow.pairs.current()) == 2
