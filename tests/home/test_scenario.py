"""The Home tab and the team's console, end to end: drawn when opened, for each person only;
the console's import, set-date and erase flows; and console buttons pressed by a non-member."""

from __future__ import annotations

import pytest

from handlers.views import concerns as concerns_view
from handlers.views import events as events_view
from handlers.views import pairs as pairs_view
from handlers.views import participants as participants_view
from handlers.views.concerns import TELL_ABOUT_MESSAGE, TELL_SHORTCUT
from handlers.views.pairs import MEETING_SHORTCUT
from tests.cast import GRACE, JAMIE, STRANGER, SUNITA, TEAM_LEAD
from tests.concerns.test_scenario import SECRET, alerts, paired, raise_by_command
from tests.events.conftest import PUBLIC_URL
from tests.seen import actions_in, held, words
from tests.world import World, group_messages, uk

NEWCOMERS_CSV = """name,email,role,slack_id
Priya Shah,priya.shah@example.nhs.uk,mentee,
"""
BAD_CSV = """name,email,role,slack_id
,nobody@example.nhs.uk,mentee,
Sam Lee,sam.lee@example.nhs.uk,boss,
"""


@pytest.mark.both_databases  # this feature's scenario on PostgreSQL too
def test_a_mentee_sees_their_events_and_pair_and_accepts_from_their_home(world: World) -> None:
    world.walk_to(uk("2026-01-05 09:30"))
    world.add_cohort()
    world.bot.import_pairs(
        "mentor_email,mentee_email\ngrace.mensah@example.nhs.uk,sunita.rao@example.nhs.uk\n"
    )
    home = world.open_home(SUNITA)
    shown = words(home)
    assert "Your next events" in shown and "Grace Mensah" in shown
    assert pairs_view.HOME_ACCEPT in actions_in(home)
    assert "Project team console" not in shown
    assert world.sender.click_home(SUNITA, pairs_view.HOME_ACCEPT).status == 200
    accepted = world.slack.workspace.home_view(SUNITA)
    assert accepted is not None and pairs_view.HOME_ACCEPT not in actions_in(accepted)
    assert "Next check-in" not in words(accepted), "not until both have accepted"
    world.open_home(GRACE)
    assert world.sender.click_home(GRACE, pairs_view.HOME_ACCEPT).status == 200
    shown = words(world.open_home(SUNITA))
    assert "Next check-in:* Monday 12 January 2026" in shown
    assert pairs_view.HOME_LOG_MEETING in actions_in(world.open_home(SUNITA))


def test_a_mentor_replies_to_an_event_from_their_home(world: World) -> None:
    world.walk_to(uk("2025-10-20 09:00"))
    world.add_cohort()
    home = world.open_home(GRACE)
    assert events_view.HOME_RSVP_YES in actions_in(home)
    [first] = [b for b in home["blocks"] if b.get("block_id", "").startswith("home:rsvp:")][:1]
    event_id = first["block_id"].split(":")[-1]
    assert world.sender.click_home(GRACE, events_view.HOME_RSVP_YES, event_id).status == 200
    assert "You'll be there." in words(world.home(GRACE))


def test_a_stranger_is_told_kindly_and_sees_no_console(world: World) -> None:
    world.slack.workspace.add_user(STRANGER, "Sam Stranger", "sam@example.org", "Europe/London")
    shown = words(world.open_home(STRANGER))
    assert "not on the mentoring scheme yet" in shown
    assert "Project team console" not in shown


def test_the_team_imports_participants_from_a_csv_and_sees_every_problem_first(
    world: World,
) -> None:
    world.add_cohort()
    world.slack.workspace.add_user(
        "UPRIYA001", "Priya Shah", "priya.shah@example.nhs.uk", "Europe/London"
    )
    assert "Project team console" in words(world.open_home(TEAM_LEAD))
    assert world.sender.click_home(TEAM_LEAD, participants_view.IMPORT_PEOPLE).status == 200
    bad = world.sender.attach_file(TEAM_LEAD, "cohort.csv", BAD_CSV.encode())
    assert world.submit_view(TEAM_LEAD, {"file": bad}).response_action == "update"
    refused = words(world.modal(TEAM_LEAD))
    assert "Nothing was imported" in refused and "line 2" in refused and "line 3" in refused
    assert world.bot.services.participants.counts(TEAM_LEAD)["mentee"] == 2
    good = world.sender.attach_file(TEAM_LEAD, "newcomers.csv", NEWCOMERS_CSV.encode())
    assert world.submit_view(TEAM_LEAD, {"file": good}).response_action == "update"
    assert "1 participants added" in words(world.modal(TEAM_LEAD))
    assert "3 mentees" in words(world.home(TEAM_LEAD))


def test_the_team_sets_a_tbc_date_from_the_console(world: World) -> None:
    world.walk_to(uk("2025-11-20 09:00"))
    world.add_cohort()
    world.open_home(TEAM_LEAD)
    assert (
        world.sender.click_home(TEAM_LEAD, events_view.SET_DATE, "networking-jan-2026").status
        == 200
    )
    answer = world.sender.submit_view(
        TEAM_LEAD, {"day": "2026-01-21", "start": "10:00", "end": "11:00"}
    )
    assert answer.status == 200 and answer.response_action is None, answer
    world.bot.wait_for_listeners()
    assert "21 January 2026" in words(world.home(TEAM_LEAD))


def test_the_team_erases_a_participant_after_seeing_what_goes_and_what_stays(world: World) -> None:
    world.add_cohort()
    world.open_home(TEAM_LEAD)
    world.sender.click_home(TEAM_LEAD, participants_view.ERASE)
    confirm = world.sender.submit_view(TEAM_LEAD, {"person": JAMIE})
    assert confirm.response_action == "update"
    assert "What stays" in words(confirm.answer()["view"])
    erased = world.sender.submit_view(TEAM_LEAD, {})
    assert erased.response_action == "update", erased
    assert world.bot.services.participants.counts(TEAM_LEAD)["mentee"] == 1


def test_a_pair_form_names_someone_not_on_the_scheme_in_plain_text(world: World) -> None:
    """A modal's errors are plain text: a mention would show as raw markup there."""
    world.add_cohort()
    world.slack.workspace.add_user(STRANGER, "Sam Stranger", "sam@example.org", "Europe/London")
    world.open_home(TEAM_LEAD)
    assert world.sender.click_home(TEAM_LEAD, pairs_view.MAKE_PAIR).status == 200
    refused = world.submit_view(TEAM_LEAD, {"mentor": GRACE, "mentee": STRANGER})
    assert refused.response_action == "errors", refused
    [said] = refused.errors.values()
    assert said == "Sam Stranger is not on the scheme yet; import them first."


def test_console_buttons_do_nothing_for_someone_not_on_the_team_but_say_so(world: World) -> None:
    world.add_cohort()
    world.open_home(SUNITA)
    for action in (
        {
            "type": "button",
            "action_id": participants_view.IMPORT_PEOPLE,
            "block_id": "console:people",
        },
        {"type": "button", "action_id": participants_view.ERASE, "block_id": "console:people"},
        {"type": "button", "action_id": events_view.SET_DATE, "value": "launch", "block_id": "x"},
        {
            "type": "button",
            "action_id": f"{concerns_view.CONCERN}acknowledge",
            "value": "1",
            "block_id": "x",
        },
    ):
        before = len(world.slack.workspace.views)
        assert world.sender.forge_home_action(SUNITA, action).status == 200
        assert len(world.slack.workspace.views) == before, "no modal opens"
        assert world.texts(SUNITA)[-1] == "Only the project team can do this."
    assert world.bot.services.participants.counts(TEAM_LEAD)["mentee"] == 2


def test_a_concerns_words_appear_on_no_home_not_even_the_teams(world: World) -> None:
    paired(world)
    raise_by_command(world, SUNITA)
    for user in (SUNITA, GRACE, TEAM_LEAD):
        assert SECRET not in held(world.open_home(user))
    assert "Concern #1" in words(world.open_home(TEAM_LEAD))


def test_the_message_shortcut_tells_the_team_with_a_link_to_that_message(world: World) -> None:
    paired(world)
    [introduction] = group_messages(world, GRACE, SUNITA)[:1]
    assert world.sender.message_shortcut(SUNITA, introduction, TELL_ABOUT_MESSAGE).status == 200
    assert world.submit_view(SUNITA, {"text": SECRET, "urgency": "soon"}).status == 200
    world.bot.wait_for_listeners()
    link = f"p{introduction.ts.replace('.', '')}"
    [alert] = alerts(world)
    assert link in words(alert)
    assert not any(link in t for t in world.texts(GRACE))


def test_the_global_shortcuts_open_the_meeting_and_concern_forms(world: World) -> None:
    paired(world)
    for callback_id in (MEETING_SHORTCUT, TELL_SHORTCUT):
        before = len(world.slack.workspace.views)
        assert world.sender.shortcut(SUNITA, callback_id).status == 200
        assert len(world.slack.workspace.views) == before + 1


def test_the_team_handles_a_concern_from_the_console(world: World) -> None:
    paired(world)
    raise_by_command(world, SUNITA)
    world.open_home(TEAM_LEAD)
    take = f"{concerns_view.CONCERN}acknowledge"
    assert world.sender.click_home(TEAM_LEAD, take, "1").status == 200
    assert "acknowledged" in words(world.home(TEAM_LEAD))
    assert world.sender.click_home(TEAM_LEAD, f"{concerns_view.CONCERN}resolve", "1").status == 200
    assert world.submit_view(TEAM_LEAD, {"note": "Spoke to both; new mentor found."}).status == 200
    home = world.home(TEAM_LEAD)
    assert "Concern #1 · Urgent: today, please · :white_check_mark: resolved" in words(home)
    assert f"{concerns_view.CONCERN}take" not in actions_in(home), "stays till tomorrow, done"
    [alert] = world.bot.services.concerns.open_alerts(TEAM_LEAD)
    assert alert.concern.status == "resolved"


def test_the_calendar_feed_is_shown_once_in_a_form_from_the_home(public_world: World) -> None:
    world = public_world
    world.add_cohort()
    world.open_home(SUNITA)
    assert world.sender.click_home(SUNITA, events_view.HOME_CALENDAR_FEED).status == 200
    assert f"{PUBLIC_URL}/calendar/feed/" in words(world.modal(SUNITA))
    world.sender.click_home(SUNITA, events_view.HOME_CALENDAR_FEED)
    assert "You already have a calendar feed" in words(world.modal(SUNITA))
    assert not any("/calendar/feed/" in t for t in world.texts(SUNITA)), "never in the DM"


def test_a_mentee_says_where_she_works_from_her_home(world: World) -> None:
    paired(world)
    home = world.open_home(SUNITA)
    assert "Where you work" in words(home)
    world.sender.select_home(SUNITA, participants_view.HOME_NATION, "scotland")
    redrawn = world.slack.workspace.home_view(SUNITA)
    assert redrawn is not None
    [nation] = [b for b in redrawn["blocks"] if b.get("block_id") == "home:nation"]
    assert nation["accessory"]["initial_option"]["value"] == "scotland"
    assert "Scotland's bank holidays" in world.command(SUNITA, "nation")
