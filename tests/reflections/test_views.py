"""The reflections' words and layout, from plain data: the invitation (the mentee's asks for the
scores too) and a meeting's offer, each with its button; the forms (filled to edit, the goal's
start beside its score, typed words escaped where they are mrkdwn); the Home (her own words,
escaped; only whether the partner has written); the console's counts, within Slack's blocks;
the refusals; and in Welsh."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from slack_sdk.models.blocks import Block

from bot.goals.model import Goal
from bot.pairs.model import Pair
from bot.pairs.service import PairView
from bot.participants.model import Participant
from bot.programme_file import load_programme
from bot.reflections import errors
from bot.reflections.model import Reflection, ReflectionCounts
from bot.reflections.notices import ClosureInvitation, MeetingReflectionOffer
from bot.reflections.service import ClosureForm, MyReflections
from bot.scheme import SHIPPED_PROGRAMME
from handlers.i18n import WELSH, in_language
from handlers.slack.rendering import render_message
from handlers.views import console as console_view
from handlers.views import home as home_view
from handlers.views import reflections as view
from handlers.views.common import user_error
from handlers.views.hub import MyPair
from tests.applications.test_views import DURING, MENTEE, application, full_console, mine
from tests.seen import ESCAPED, TYPED, buttons, held, no_markup_in, words

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
NOW = datetime(2026, 6, 17, 10, tzinfo=UTC)
PAIR = Pair(7, 1, 3, "active", "coming_to_closure", NOW)
MENTOR_GRACE = Participant(1, "Grace", "grace@example.nhs.uk", "mentor", "UGRACE")
MENTEE_RAO = Participant(3, "Sunita Rao", "sunita@example.nhs.uk", "mentee", "USUNITA")
GOALS = [Goal(21, 7, 1, TYPED, confidence_start=4), Goal(22, 7, 2, "Delegate", confidence_end=7)]


def pair_section(found: MyReflections) -> list[Block]:
    mine_pair = MyPair(PairView(PAIR, MENTEE_RAO, MENTOR_GRACE, [], NOW), reflections=found)
    return view.pair_section(mine_pair, replace(mine(), pairs=(mine_pair,)), PROGRAMME, NOW)


def written(**parts: str) -> Reflection:
    return Reflection(5, 3, 7, "closure", NOW, NOW, **parts)


def test_the_invitation_asks_the_mentee_for_scores_too_and_says_who_sees_it() -> None:
    text, blocks = render_message(ClosureInvitation(7, mentee=True))
    assert text.startswith("Your mentoring is coming to its close.")
    assert "score your confidence in each of your goals again" in text
    assert buttons(blocks) == ["Write my reflection"]
    assert "never to your partner or the project team" in words(blocks)
    mentor, _ = render_message(ClosureInvitation(7, mentee=False))
    assert "score" not in mentor


def test_a_meeting_s_offer_names_its_day_and_is_optional() -> None:
    text, blocks = render_message(MeetingReflectionOffer(11, date(2026, 2, 3)))
    assert text == (
        "Your meeting on Tuesday 3 February 2026 is logged. Would you like to note what you "
        "took from it?"
    )
    assert buttons(blocks) == ["Add a short reflection (optional)"]


def test_the_mentee_s_form_shows_each_goal_s_start_beside_its_score_filled_to_edit() -> None:
    form = ClosureForm(PAIR, True, GOALS, written(achieved=TYPED))
    modal = view.closure_modal(form).to_dict()
    shown = words(modal)
    assert "At the start you said 4." in shown and "You gave no score at the start." in shown
    assert ESCAPED in shown and no_markup_in(modal["blocks"][4:])  # the goal's words, quoted
    assert modal["blocks"][1]["element"]["initial_value"] == TYPED  # plain text: as typed
    [second] = [b for b in modal["blocks"] if b.get("block_id") == "confidence_end_2"]
    assert second["element"]["initial_option"]["value"] == "7"


def test_the_mentor_s_form_asks_no_scores() -> None:
    modal = view.closure_modal(ClosureForm(PAIR, False, [], None)).to_dict()
    assert not [b for b in modal["blocks"] if b.get("block_id", "").startswith("confidence")]


def test_the_home_shows_her_own_words_escaped_and_only_whether_he_has_written() -> None:
    found = MyReflections(PAIR, True, written(learned=TYPED), "Grace <b>", True, 2)
    blocks = pair_section(found)
    shown = words(blocks)
    assert ESCAPED in shown and no_markup_in(blocks)
    assert "Grace &lt;b&gt; has written their reflection." in shown
    assert "You have written 2 short reflections after meetings" in shown
    assert buttons(blocks) == ["Edit my reflection"]


def test_the_home_shows_nothing_before_the_close() -> None:
    found = MyReflections(replace(PAIR, stage="negotiation"), False, None, "Grace", False, 0)
    assert pair_section(found) == []


def test_the_console_counts_and_still_fits_slack_beside_every_other_list_full() -> None:
    waiting = [application(n, MENTEE, name="N" * 200) for n in range(1, 2001)]
    console = replace(full_console(waiting), reflections=ReflectionCounts(40, 12, 300))
    blocks = console_view.console_blocks(console, PROGRAMME, DURING)
    home = home_view.home_view(mine(on_team=True), PROGRAMME, DURING, blocks)
    assert len(home.to_dict()["blocks"]) <= 100
    assert "*Reflections*: 12 of 40 invited reflected at the close · 300 short" in words(home)


def test_the_refusals_say_what_to_do() -> None:
    assert user_error(errors.NothingWritten("achieved")).startswith("Write a few words")
    assert "Coming to Closure" in user_error(errors.NotTimeToReflect())
    assert "isn't one your pair logged" in user_error(errors.NotYourMeeting())


def test_in_welsh() -> None:
    with in_language(WELSH):
        text, blocks = render_message(ClosureInvitation(7, mentee=True))
        modal = view.closure_modal(ClosureForm(PAIR, True, GOALS, None)).to_dict()
    assert not text.startswith("Your mentoring")
    assert "At the start you said" not in held(modal)
