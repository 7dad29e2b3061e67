"""The goals' words and layout, from plain data: a check-in's question and its answer, the word to
the partner, the form filled with what is kept, the Home's goals with their stories, the
console's counts; what the pair typed read as typed (never Slack markup), inside Slack's limits
at the longest, in English and in Welsh."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from slack_sdk.models.blocks import Block

from bot.errors import UserError
from bot.goals import errors
from bot.goals.model import Boundaries, Goal, GoalCounts, ProgressStep
from bot.goals.notices import GoalQuestion, GoalsUpdated
from bot.goals.rules import BOUNDARY_MAX, HOW_KNOWN_MAX, MAX_GOALS, WHAT_MAX
from bot.goals.service import GoalAnswered, MyGoals
from bot.pairs.model import Pair
from bot.pairs.service import PairView
from bot.participants.model import Participant
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME, Stage
from handlers.i18n import WELSH, in_language
from handlers.views import goals as view
from handlers.views.common import user_error
from handlers.views.hub import Console, Mine, MyPair
from tests.cast import SUNITA
from tests.seen import ESCAPED, TYPED, actions_in, buttons, no_markup_in, words

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
NOW = datetime(2026, 2, 2, 10, tzinfo=UTC)
SUNITA_RAO = Participant(2, "Sunita Rao", "sunita@example.nhs.uk", "mentee", SUNITA)
CHAIR = Goal(
    11,
    3,
    1,
    "Chair a team meeting",
    "My manager says it went well",
    date(2026, 4, 30),
    confidence_start=3,
    progress="under_way",
    story=(
        ProgressStep("not_started", datetime(2026, 1, 19, 11, tzinfo=UTC)),
        ProgressStep("under_way", datetime(2026, 2, 2, 9, tzinfo=UTC)),
    ),
)
KEPT = Goal(12, 3, 3, "Apply for a band 7 post")  # from an old agreement: its words only
BOUNDARIES = Boundaries("Every other Tuesday", "Not clinical cases", "Slack first")


def pair(stage: Stage = "negotiation", status: str = "active") -> Pair:
    return Pair(3, 1, 2, status, stage, NOW)  # type: ignore[arg-type]


def home(goals: MyGoals | None) -> list[Block]:
    mine_pair = MyPair(PairView(pair(), SUNITA_RAO, SUNITA_RAO, [], NOW), goals=goals)
    return view.pair_section(mine_pair, Mine(None, (mine_pair,), [], None), PROGRAMME, NOW)


def test_a_check_ins_question_names_one_goal_as_typed_with_four_answers() -> None:
    question = GoalQuestion(3, 41, 4, 2, 3, TYPED, date(2026, 4, 30))

    text, blocks = view.goal_question(question)

    assert text == f"How is goal 2 of 3 going? {ESCAPED}"
    shown = words((text, blocks))
    assert f"> {ESCAPED}" in shown and "You meant to reach it by Thursday 30 April 2026." in shown
    assert buttons((text, blocks)) == ["Not started", "Under way", "Achieved", "Changed"]
    assert actions_in((text, blocks)) == [
        "goal_not_started",
        "goal_under_way",
        "goal_achieved",
        "goal_changed",
    ]
    assert "Either of you can answer" in shown
    assert no_markup_in((text, blocks))


def test_a_question_reads_in_welsh_for_a_welsh_reader() -> None:
    with in_language(WELSH):
        text, blocks = view.goal_question(GoalQuestion(3, 41, 4, 1, 1, "Arwain tîm", None))

    assert text.startswith("Sut mae nod 1 o 1 yn mynd?")
    assert buttons((text, blocks)) == [
        "Heb ddechrau",
        "Ar y gweill",
        "Wedi'i gyflawni",
        "Wedi newid",
    ]


def test_an_answer_says_who_said_what_about_which_goal() -> None:
    text, blocks = view.goal_answered(GoalAnswered(SUNITA_RAO, CHAIR))

    assert text == "Sunita Rao answered: Under way. Thank you!"
    assert "> Chair a team meeting" in words((text, blocks))
    achieved = view.goal_answered(
        GoalAnswered(SUNITA_RAO, Goal(1, 3, 1, TYPED, progress="achieved"))
    )
    assert "Well done, both of you." in words(achieved) and no_markup_in(achieved)
    changed = view.goal_answered(GoalAnswered(SUNITA_RAO, Goal(1, 3, 1, "x", progress="changed")))
    assert "move your pair back to Negotiation" in words(changed)


def test_the_partner_is_told_who_changed_the_goals_and_never_the_goals_words() -> None:
    text, blocks = view.goals_updated(GoalsUpdated(3, TYPED, NOW))

    assert text.startswith(f"{ESCAPED} has changed your pair's learning goals or boundaries.")
    assert "`/mentoring goals`" in text and no_markup_in((text, blocks))


def test_the_form_has_five_goals_filled_with_what_is_kept_as_typed_and_the_boundaries() -> None:
    typed = Goal(13, 3, 2, TYPED, TYPED, date(2026, 6, 1), 7)
    modal = view.goals_modal(MyGoals(pair(), [CHAIR, typed], BOUNDARIES)).to_dict()

    inputs = {b["block_id"]: b["element"] for b in modal["blocks"] if b["type"] == "input"}
    assert list(inputs) == [
        *(f"{part}_{n}" for n in range(1, MAX_GOALS + 1) for part in view.GOAL_PARTS),
        "availability",
        "topics",
        "contact",
    ]
    assert inputs["what_2"]["initial_value"] == TYPED, "plain text shows what was typed as is"
    assert inputs["how_known_2"]["initial_value"] == TYPED
    assert inputs["by_when_2"]["initial_date"] == "2026-06-01"
    assert inputs["confidence_2"]["initial_option"]["value"] == "7"
    assert inputs["what_1"]["initial_value"] == "Chair a team meeting"
    assert (
        "initial_value" not in inputs["what_3"] and "initial_option" not in inputs["confidence_3"]
    )
    assert inputs["topics"]["initial_value"] == "Not clinical cases"
    assert (inputs["what_1"]["max_length"], inputs["how_known_1"]["max_length"]) == (
        WHAT_MAX,
        HOW_KNOWN_MAX,
    )
    assert inputs["contact"]["max_length"] == BOUNDARY_MAX
    assert len(modal["blocks"]) <= 100 and len(modal["title"]["text"]) <= 24


def test_the_form_in_welsh() -> None:
    with in_language(WELSH):
        modal = view.goals_modal(MyGoals(pair(), [], Boundaries())).to_dict()

    shown = words(modal)
    assert modal["title"]["text"] == "Ein nodau"
    assert "Nod 1" in shown and "Ein ffiniau" in shown


def test_the_home_shows_each_goal_with_its_story_and_the_boundaries() -> None:
    shown = words(home(MyGoals(pair("enabling_growth"), [CHAIR, KEPT], BOUNDARIES)))

    assert "*Your learning goals*" in shown
    assert "*1.* Chair a team meeting" in shown
    assert "How you will know: My manager says it went well" in shown
    assert "By Thursday 30 April 2026 · Confidence at the start: 3/10" in shown
    assert "_Progress:_ Under way (Mon 19 Jan: Not started → Mon 2 Feb: Under way)" in shown
    assert "*3.* Apply for a band 7 post\n_Progress:_ Not started" in shown
    assert "*Availability:* Every other Tuesday" in shown
    assert "move your pair back to Negotiation" in shown
    assert buttons(home(MyGoals(pair("enabling_growth"), [CHAIR], BOUNDARIES))) == []


def test_in_negotiation_the_home_offers_the_form_to_set_or_edit_them() -> None:
    assert buttons(home(MyGoals(pair(), [], Boundaries()))) == ["Set our goals"]
    assert buttons(home(MyGoals(pair(), [CHAIR], Boundaries()))) == [
        "Edit our goals and boundaries"
    ]
    assert "Agree up to 5 with your partner" in words(home(MyGoals(pair(), [], Boundaries())))
    assert actions_in(home(MyGoals(pair(), [], Boundaries()))) == [view.HOME_GOALS]


def test_the_home_shows_no_goals_before_the_pair_has_started_nor_outside_a_pair() -> None:
    assert home(MyGoals(pair("preparing", "awaiting"), [], Boundaries())) == []
    assert home(None) == []
    preparing = words(home(MyGoals(pair("preparing"), [], Boundaries())))
    assert "You will agree up to 5 in Negotiation" in preparing


def test_what_the_pair_typed_reads_as_typed_on_the_home_and_in_the_command() -> None:
    typed = Goal(13, 3, 1, TYPED, TYPED, story=(ProgressStep("achieved", NOW),))
    mine = MyGoals(pair("enabling_growth"), [typed], Boundaries(TYPED, TYPED, TYPED))
    on_home = home(mine)
    message = view.goals_message(mine, PROGRAMME.zone)

    assert f"*1.* {ESCAPED}" in words(on_home) and f"*1.* {ESCAPED}" in message
    assert f"*Topics:* {ESCAPED}" in words(on_home) and f"• Topics: {ESCAPED}" in message
    assert no_markup_in(on_home) and no_markup_in(message)


def test_five_goals_at_their_longest_with_long_stories_fit_the_home_and_lose_no_word() -> None:
    story = tuple(ProgressStep("under_way", NOW) for _ in range(20))
    longest = [
        Goal(n, 3, n, "&" * WHAT_MAX, "&" * HOW_KNOWN_MAX, date(2026, 6, 1), 5, 9, "changed", story)
        for n in range(1, MAX_GOALS + 1)
    ]
    bounds = Boundaries(*["&" * BOUNDARY_MAX] * 3)
    blocks = [b.to_dict() for b in home(MyGoals(pair(), longest, bounds))]

    assert len(blocks) <= 40
    for block in blocks:
        for text in [block.get("text", {})] + block.get("elements", []):
            assert len(text.get("text", "")) <= 3000
    assert words(blocks).count("&amp;") == MAX_GOALS * (WHAT_MAX + HOW_KNOWN_MAX) + 3 * BOUNDARY_MAX
    assert "(and 12 earlier)" in words(blocks)


def test_the_console_shows_counts_and_nothing_else() -> None:
    counts = GoalCounts(pairs=4, set=11, under_way=5, achieved=3)
    console = Console([], [], [], {}, [], goals=counts)

    shown = words(view.console_section(console, PROGRAMME, NOW))
    assert "Pairs with goals: 4 · Goals set: 11 · Under way: 5 · Achieved: 3" in shown
    assert "No pair has recorded goals yet." in words(
        view.console_section(
            Console([], [], [], {}, [], goals=GoalCounts(0, 0, 0, 0)), PROGRAMME, NOW
        )
    )
    assert view.console_section(Console([], [], [], {}, []), PROGRAMME, NOW) == []


EXAMPLES: dict[type, UserError] = {
    errors.GoalsInNegotiation: errors.GoalsInNegotiation("enabling_growth"),
    errors.TooManyGoals: errors.TooManyGoals(6, 5),
    errors.GoalWithoutWords: errors.GoalWithoutWords(2),
    errors.ConfidenceOutOfRange: errors.ConfidenceOutOfRange("confidence_1", 11),
    errors.NoGoalQuestion: errors.NoGoalQuestion(),
    errors.NotYourGoal: errors.NotYourGoal(),
    errors.NotClosing: errors.NotClosing("negotiation"),
}


@pytest.mark.parametrize("language", ["en", WELSH])
def test_every_goals_error_has_words_in_both_languages(language: str) -> None:
    with in_language(language):
        said = {kind: user_error(error) for kind, error in EXAMPLES.items()}

    assert all(said.values())
    in_stage = said[errors.GoalsInNegotiation]
    if language == WELSH:  # the Welsh names the stage, and the command, in Welsh
        assert "Galluogi Twf" in in_stage and "`/mentoring cam negodi`" in in_stage
    else:
        assert "Enabling Growth" in in_stage and "`/mentoring stage negotiation`" in in_stage
