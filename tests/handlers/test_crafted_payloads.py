"""Signed requests whose content the bot never offered (an altered client, a replayed or stale
request): each gets a kind answer, changes nothing and logs no traceback."""

from __future__ import annotations

import json
import logging

import pytest

from localslack.workspace import Message
from tests.cast import GRACE, PAIRS_CSV, SUNITA, TEAM_LEAD
from tests.world import World, group_messages, last_with, uk

COULD_NOT_READ = "Sorry, I couldn't read that"


@pytest.fixture
def paired(world: World) -> World:
    world.walk_to(uk("2025-11-14 10:00"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    return world


def answer_to(world: World, user: str) -> str:
    return world.slack.workspace.responses_to(user)[-1].text


def introduction(world: World) -> Message:
    return last_with(group_messages(world, GRACE, SUNITA), "pair_accept")


def no_traceback(caplog: pytest.LogCaptureFixture) -> bool:
    return not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_an_accept_button_with_a_value_that_is_not_a_pair_is_refused_kindly(
    paired: World, caplog: pytest.LogCaptureFixture
) -> None:
    action = {"type": "button", "action_id": "pair_accept", "block_id": "x", "value": "1 OR 1=1"}
    assert paired.sender.forge_action(SUNITA, introduction(paired), action).status == 200
    assert answer_to(paired, SUNITA).startswith(COULD_NOT_READ)
    assert paired.bot.services.pairing.my_pairs(SUNITA)[0].pair.status == "awaiting"
    assert no_traceback(caplog)


def test_a_stage_outside_the_menu_changes_nothing(paired: World) -> None:
    action = {
        "type": "static_select",
        "action_id": "pair_stage",
        "block_id": "x",
        "selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": "1:dancing"},
    }
    paired.sender.forge_action(GRACE, introduction(paired), action)
    assert answer_to(paired, GRACE).startswith(COULD_NOT_READ)
    assert paired.bot.services.pairing.my_pairs(GRACE)[0].pair.stage == "preparing"


def test_a_reply_button_for_an_event_that_does_not_exist_names_the_events(paired: World) -> None:
    action = {"type": "button", "action_id": "event_rsvp_yes", "block_id": "x", "value": "gala"}
    paired.sender.forge_action(SUNITA, introduction(paired), action)
    assert "There is no event called `gala`" in answer_to(paired, SUNITA)


def test_an_evaluation_button_whose_value_is_not_the_bots_is_refused(paired: World) -> None:
    action = {
        "type": "button",
        "action_id": "eval_answer:4",
        "block_id": "x",
        "value": "{not json",
        "text": {"type": "plain_text", "text": "4"},
    }
    paired.sender.forge_action(SUNITA, introduction(paired), action)
    assert answer_to(paired, SUNITA).startswith(COULD_NOT_READ)


def test_a_concern_form_with_altered_metadata_or_urgency_keeps_nothing(
    paired: World, caplog: pytest.LogCaptureFixture
) -> None:
    paired.command_opens_modal(SUNITA, "concern")
    text = {"text": {"value": {"type": "plain_text_input", "value": "help"}}}
    altered = paired.sender.forge_view(SUNITA, text, private_metadata="{not json")
    assert COULD_NOT_READ in json.loads(altered.body)["errors"]["text"]
    urgency = {
        "urgency": {
            "value": {
                "type": "radio_buttons",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "x"},
                    "value": "whenever",
                },
            }
        }
    }
    outside = paired.sender.forge_view(SUNITA, text | urgency)
    assert json.loads(outside.body)["response_action"] == "errors"
    assert paired.bot.services.concerns.open_alerts(TEAM_LEAD) == []
    assert no_traceback(caplog)


def test_a_meeting_form_missing_its_date_is_refused_and_nothing_is_logged(paired: World) -> None:
    paired.click(GRACE, introduction(paired), "pair_accept")
    paired.click(SUNITA, introduction(paired), "pair_accept")
    paired.walk_to(uk("2025-11-28 10:00"))
    checkin = last_with(group_messages(paired, GRACE, SUNITA), "checkin_yes")
    paired.click(GRACE, checkin, "checkin_yes")
    minutes = {"minutes": {"value": {"type": "number_input", "value": "45"}}}
    refused = paired.sender.forge_view(GRACE, minutes)
    assert json.loads(refused.body)["response_action"] == "errors"
    assert paired.bot.services.pairing.my_pairs(GRACE)[0].meetings == []


def test_a_goal_longer_than_the_form_allows_is_refused_beside_its_field(paired: World) -> None:
    paired.click(GRACE, introduction(paired), "pair_accept")
    paired.click(SUNITA, introduction(paired), "pair_accept")
    paired.command(GRACE, "stage negotiation")
    paired.command_opens_modal(GRACE, "goals")
    goal = {"what_1": {"value": {"type": "plain_text_input", "value": "x" * 6000}}}
    refused = paired.sender.forge_view(GRACE, goal)
    errors = json.loads(refused.body)["errors"]
    assert list(errors) == ["what_1"]
    assert "6,000 characters" in errors["what_1"]
    assert paired.bot.services.goals.mine(GRACE).goals == []
