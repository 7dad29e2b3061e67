"""The goals use cases over the real storage: set and changed in Negotiation by either of the
pair (the partner told, in their own DM), refused elsewhere; check-ins in Enabling Growth asking
about one goal at a time, answered once by either; the closing confidence; the team's counts;
the goals in a person's data export and erased with either of the pair. January 2026: UK time
is UTC."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.errors import NotAParticipant, TeamOnly, TooLong
from bot.goals.errors import GoalsInNegotiation, NoGoalQuestion, NotClosing, NotYourGoal
from bot.goals.model import Boundaries, GoalCounts, GoalDraft, ProgressStep
from bot.goals.notices import GoalQuestion, GoalsUpdated
from bot.goals.service import GoalsService
from bot.pairs.errors import AlreadyAnswered, CheckInClosed, NotInAPair, NotStarted, NotYourCheckIn
from bot.pairs.notices import CheckInPrompt
from bot.participants.notices import MyDataSummary
from tests.services import GRACE, JAMIE, OLIVER, SUNITA, TEAM_LEAD, Scheme

PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)  # a Monday
ACCEPTED = datetime(2026, 1, 5, 11, tzinfo=UTC)
AGREED = datetime(2026, 1, 7, 15, tzinfo=UTC)  # in Negotiation
GROWING = datetime(2026, 1, 9, 11, tzinfo=UTC)  # moved to Enabling Growth
# Enabling Growth asks every 14 days from the last check-in sent (none yet: from the start).
FIRST_ASKED = datetime(2026, 1, 19, 11, tzinfo=UTC)
GRACE_AND_SUNITA = f"{GRACE},{SUNITA}"
GOALS = [
    GoalDraft("Chair a team meeting", "My manager says it went well", date(2026, 4, 30), 3),
    GoalDraft("Present at the regional audit day", "", None, 5),
    GoalDraft("Apply for a band 7 post"),
]
BOUNDARIES = Boundaries("Every other Tuesday, 45 minutes", "Not clinical cases", "Slack first")


@pytest.fixture
def goals(scheme: Scheme) -> Iterator[GoalsService]:
    yield GoalsService(scheme.uow, scheme.deliveries, scheme.team)


def negotiating(scheme: Scheme) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.pairing.move_stage(GRACE, "negotiation", ACCEPTED)


def growing(scheme: Scheme, goals: GoalsService, rows: list[GoalDraft | None]) -> None:
    """Grace and Sunita's pair with these goals, in Enabling Growth."""
    negotiating(scheme)
    goals.save(SUNITA, rows, BOUNDARIES, AGREED)
    scheme.pairing.move_stage(SUNITA, "enabling growth", GROWING)


def asked(scheme: Scheme) -> list[GoalQuestion]:
    return [q for _, q in scheme.messenger.of(GoalQuestion)]


def test_either_of_the_pair_sets_goals_in_negotiation_and_the_partner_is_told_alone(
    scheme: Scheme, goals: GoalsService
) -> None:
    negotiating(scheme)
    mine = goals.save(SUNITA, GOALS, BOUNDARIES, AGREED)

    assert [(g.position, g.draft) for g in mine.goals] == list(enumerate(GOALS, 1))
    assert goals.mine(GRACE).boundaries == BOUNDARIES
    assert [g.progress for g in goals.mine(GRACE).goals] == ["not_started"] * 3
    [(to, told)] = scheme.messenger.of(GoalsUpdated)
    assert (to, told.by) == (GRACE, "Sunita Rao")
    changed = goals.save(GRACE, [GOALS[0], None, GOALS[2]], Boundaries(), AGREED)
    assert [g.position for g in changed.goals] == [1, 3] and changed.boundaries == Boundaries()
    assert [to for to, _ in scheme.messenger.of(GoalsUpdated)] == [GRACE, SUNITA]


def test_a_form_sent_back_unchanged_keeps_nothing_new_and_tells_no_one(
    scheme: Scheme, goals: GoalsService
) -> None:
    negotiating(scheme)
    goals.save(SUNITA, GOALS, BOUNDARIES, AGREED)
    goals.save(GRACE, GOALS, BOUNDARIES, AGREED + timedelta(hours=1))
    scheme.start_pair(OLIVER, JAMIE, PAIRED, ACCEPTED)
    scheme.pairing.move_stage(JAMIE, "negotiation", ACCEPTED)
    goals.save(JAMIE, [None] * 5, Boundaries(), AGREED)

    assert [to for to, _ in scheme.messenger.of(GoalsUpdated)] == [GRACE]
    assert goals.mine(OLIVER).goals == []
    with scheme.uow() as uow:
        assert uow.boundaries.get(scheme.pair_of(JAMIE).id) == Boundaries()


def test_goals_are_set_only_in_negotiation_by_the_pair_and_a_bad_row_keeps_nothing(
    scheme: Scheme, goals: GoalsService
) -> None:
    scheme.add_pair(GRACE, SUNITA, PAIRED)
    with pytest.raises(NotStarted):
        goals.save(GRACE, GOALS, BOUNDARIES, AGREED)
    scheme.start_pair(OLIVER, JAMIE, PAIRED, ACCEPTED)
    with pytest.raises(GoalsInNegotiation):
        goals.save(JAMIE, GOALS, BOUNDARIES, AGREED)
    with pytest.raises(GoalsInNegotiation):
        goals.to_edit(JAMIE)
    with pytest.raises(NotAParticipant):
        goals.save(TEAM_LEAD, GOALS, BOUNDARIES, AGREED)
    scheme.pairing.move_stage(OLIVER, "negotiation", ACCEPTED)
    with pytest.raises(TooLong):
        goals.save(JAMIE, [GOALS[0], GoalDraft("x" * 1001)], BOUNDARIES, AGREED)
    assert goals.to_edit(OLIVER).goals == [] and goals.mine(OLIVER).boundaries == Boundaries()
    assert scheme.messenger.of(GoalsUpdated) == []


def test_check_ins_in_enabling_growth_ask_about_one_goal_at_a_time_skipping_those_achieved(
    scheme: Scheme, goals: GoalsService
) -> None:
    growing(scheme, goals, GOALS)
    assert scheme.checkins.run_due(FIRST_ASKED) == 2, "the check-in and its goal's question"
    [first] = asked(scheme)
    assert (first.place, first.of, first.what, first.by_when) == (
        1,
        3,
        "Chair a team meeting",
        date(2026, 4, 30),
    )
    [(to, _)] = scheme.messenger.of(GoalQuestion)
    assert to == GRACE_AND_SUNITA
    goals.answer(GRACE, first.checkin_id, "achieved", FIRST_ASKED + timedelta(hours=2))

    for weeks in (2, 4, 6):
        scheme.checkins.run_due(FIRST_ASKED + timedelta(weeks=weeks))
    assert [q.place for q in asked(scheme)] == [1, 2, 3, 2], "the achieved one is not asked again"
    assert [p.number for _, p in scheme.messenger.of(CheckInPrompt)] == [1, 2, 3, 4]


def test_an_answer_is_the_goals_progress_and_a_dated_step_of_its_story_given_once(
    scheme: Scheme, goals: GoalsService
) -> None:
    growing(scheme, goals, GOALS)
    scheme.checkins.run_due(FIRST_ASKED)
    [question] = asked(scheme)
    said_at = FIRST_ASKED + timedelta(hours=3)
    with pytest.raises(NotYourCheckIn):
        goals.answer(OLIVER, question.checkin_id, "under_way", said_at)
    answered = goals.answer(SUNITA, question.checkin_id, "under_way", said_at)
    with pytest.raises(AlreadyAnswered):
        goals.answer(GRACE, question.checkin_id, "achieved", said_at)

    assert (answered.person.name, answered.goal.progress) == ("Sunita Rao", "under_way")
    [kept, *_] = goals.mine(GRACE).goals
    assert (kept.progress, kept.story) == ("under_way", (ProgressStep("under_way", said_at),))


def test_a_check_in_without_a_goal_question_or_of_an_ended_pair_takes_no_progress(
    scheme: Scheme, goals: GoalsService
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.checkins.run_due(datetime(2026, 1, 12, 11, tzinfo=UTC))  # Preparing: no goal asked
    [(_, prompt)] = scheme.messenger.of(CheckInPrompt)
    with pytest.raises(NoGoalQuestion):
        goals.answer(SUNITA, prompt.checkin_id, "under_way", FIRST_ASKED)
    scheme.pairing.unpair(TEAM_LEAD, SUNITA, "moved away", FIRST_ASKED)
    with pytest.raises(CheckInClosed):
        goals.answer(SUNITA, prompt.checkin_id, "under_way", FIRST_ASKED)
    assert asked(scheme) == []


def test_a_pair_without_goals_is_asked_only_whether_it_has_met(
    scheme: Scheme, goals: GoalsService
) -> None:
    negotiating(scheme)
    scheme.pairing.move_stage(SUNITA, "enabling growth", GROWING)

    assert scheme.checkins.run_due(FIRST_ASKED) == 1
    assert asked(scheme) == []


def test_a_goal_taken_off_the_list_goes_with_its_story_and_its_question_is_refused(
    scheme: Scheme, goals: GoalsService
) -> None:
    growing(scheme, goals, GOALS)
    scheme.checkins.run_due(FIRST_ASKED)
    [question] = asked(scheme)
    scheme.pairing.move_stage(GRACE, "negotiation", FIRST_ASKED)
    goals.save(GRACE, [None, *GOALS[1:]], BOUNDARIES, FIRST_ASKED)

    with pytest.raises(NoGoalQuestion):
        goals.answer(SUNITA, question.checkin_id, "achieved", FIRST_ASKED)
    assert [g.position for g in goals.mine(SUNITA).goals] == [2, 3]


def test_a_goal_rewritten_in_its_place_keeps_its_progress_and_story(
    scheme: Scheme, goals: GoalsService
) -> None:
    growing(scheme, goals, GOALS)
    scheme.checkins.run_due(FIRST_ASKED)
    [question] = asked(scheme)
    goals.answer(SUNITA, question.checkin_id, "changed", FIRST_ASKED)
    scheme.pairing.move_stage(GRACE, "negotiation", FIRST_ASKED)
    goals.save(GRACE, [GoalDraft("Chair two team meetings"), *GOALS[1:]], BOUNDARIES, FIRST_ASKED)

    [rewritten, *_] = goals.mine(SUNITA).goals
    assert (rewritten.what, rewritten.progress, len(rewritten.story)) == (
        "Chair two team meetings",
        "changed",
        1,
    )


def test_the_mentees_confidence_is_scored_again_at_the_close_and_only_then(
    scheme: Scheme, goals: GoalsService
) -> None:
    growing(scheme, goals, GOALS)
    first = goals.mine(SUNITA).goals[0]
    with pytest.raises(NotClosing):
        goals.close(SUNITA, first.id, 8, FIRST_ASKED)
    scheme.pairing.move_stage(SUNITA, "coming to closure", FIRST_ASKED)
    assert goals.close(SUNITA, first.id, 8, FIRST_ASKED).confidence_end == 8
    with pytest.raises(NotYourGoal):
        goals.close(SUNITA, 9999, 8, FIRST_ASKED)

    assert [(g.confidence_start, g.confidence_end) for g in goals.mine(GRACE).goals] == [
        (3, 8),
        (5, None),
        (None, None),
    ]


def test_the_team_counts_goals_set_under_way_and_achieved_and_nobody_else_may(
    scheme: Scheme, goals: GoalsService
) -> None:
    assert goals.team_counts(TEAM_LEAD) == GoalCounts(0, 0, 0, 0)
    growing(scheme, goals, GOALS)
    for weeks, progress in ((0, "achieved"), (2, "under_way")):
        scheme.checkins.run_due(FIRST_ASKED + timedelta(weeks=weeks))
        goals.answer(SUNITA, asked(scheme)[-1].checkin_id, progress, FIRST_ASKED)  # type: ignore[arg-type]

    assert goals.team_counts(TEAM_LEAD) == GoalCounts(pairs=1, set=3, under_way=1, achieved=1)
    with pytest.raises(TeamOnly):
        goals.team_counts(SUNITA)


def test_someone_in_no_pair_has_no_goals_to_see(scheme: Scheme, goals: GoalsService) -> None:
    with pytest.raises(NotInAPair):
        goals.mine(OLIVER)


def test_my_data_holds_the_pairs_goals_with_their_stories_and_its_boundaries(
    scheme: Scheme, goals: GoalsService
) -> None:
    growing(scheme, goals, GOALS)
    scheme.checkins.run_due(FIRST_ASKED)
    goals.answer(GRACE, asked(scheme)[0].checkin_id, "under_way", FIRST_ASKED)

    [pair] = scheme.privacy.my_data(SUNITA)["your_pairs"]
    assert pair["goals"][0] == {
        "what": "Chair a team meeting",
        "how_you_will_know": "My manager says it went well",
        "by_when": "2026-04-30",
        "confidence_at_the_start": 3,
        "confidence_at_the_close": None,
        "progress": "under_way",
        "story": [{"on": FIRST_ASKED.isoformat(), "progress": "under_way"}],
    }
    assert pair["boundaries"]["topics"] == "Not clinical cases"


def test_the_summary_to_read_lists_the_pairs_goals_for_either_of_the_pair(
    scheme: Scheme, goals: GoalsService
) -> None:
    growing(scheme, goals, GOALS)
    scheme.checkins.run_due(FIRST_ASKED)
    goals.answer(GRACE, asked(scheme)[0].checkin_id, "under_way", FIRST_ASKED)
    for person in (SUNITA, GRACE):
        scheme.privacy.send_my_data(person, FIRST_ASKED)
    for _, summary in scheme.messenger.of(MyDataSummary):
        [pair] = summary.held.pairs
        held = [(g.what, g.by_when, g.progress) for g in pair.goals]
        assert held == [
            ("Chair a team meeting", date(2026, 4, 30), "under_way"),
            ("Present at the regional audit day", None, "not_started"),
            ("Apply for a band 7 post", None, "not_started"),
        ]


def test_erasing_either_of_the_pair_erases_the_goals_words_and_keeps_their_counts(
    scheme: Scheme, goals: GoalsService
) -> None:
    growing(scheme, goals, GOALS)
    scheme.checkins.run_due(FIRST_ASKED)
    goals.answer(GRACE, asked(scheme)[0].checkin_id, "achieved", FIRST_ASKED)
    pair = scheme.pair_of(SUNITA)

    scheme.privacy.erase("grace.mensah@example.nhs.uk", FIRST_ASKED)

    with scheme.uow() as uow:
        kept = uow.goals.for_pair(pair.id)
        assert uow.boundaries.get(pair.id) == Boundaries()
    assert [(g.what, g.how_known) for g in kept] == [("", "")] * 3
    assert [g.progress for g in kept] == ["achieved", "not_started", "not_started"]
    assert kept[0].story == (ProgressStep("achieved", FIRST_ASKED),)
    assert goals.team_counts(TEAM_LEAD) == GoalCounts(pairs=1, set=3, under_way=0, achieved=1)
