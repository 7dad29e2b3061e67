"""The pairs use cases over the real storage: pairing, acceptance, stages, check-ins, meetings
and pauses. January 2026: UK time is UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.concerns.notices import PairNeedsAttention
from bot.errors import TeamOnly, TooLong
from bot.pairs.errors import (
    AlreadyAccepted,
    AlreadyAnswered,
    AlreadyInStage,
    AlreadyPaired,
    NotInAPair,
    NotStarted,
    NotYourCheckIn,
    NotYourPair,
    PauseNotInFuture,
    UnknownStage,
)
from bot.pairs.model import Attention, Meeting
from bot.pairs.notices import (
    AcceptanceNudge,
    CheckInPrompt,
    PairIntroduction,
    PairStarted,
    StageMoved,
)
from bot.participants.errors import ImportRejected, UnknownNation
from bot.participants.service import ParticipantsService, import_participants
from handlers.views import pairs as view
from handlers.views import participants as participants_view
from handlers.views.common import user_error
from handlers.views.participants import import_problems
from tests.cast import PAIRS_CSV
from tests.services import (
    COHORT_CSV,
    GRACE,
    JAMIE,
    OLIVER,
    SUNITA,
    TEAM_LEAD,
    WORKSPACE,
    Scheme,
    WorkspaceDirectory,
    email_of,
)
from tests.timeline import uk, walk

PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)  # a Monday
ACCEPTED = datetime(2026, 1, 5, 11, tzinfo=UTC)
FIRST_CHECK_IN = datetime(2026, 1, 12, 11, tzinfo=UTC)  # a week (Preparing) after both accepted
GRACE_AND_SUNITA = f"{GRACE},{SUNITA}"  # their group DM


def checked_in(scheme: Scheme) -> int:
    """Grace and Sunita's pair, started, with its first check-in sent; the check-in's id."""
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.checkins.run_due(FIRST_CHECK_IN)
    [(_, prompt)] = scheme.messenger.of(CheckInPrompt)
    return prompt.checkin_id


def test_imported_pairs_are_introduced_in_their_group_dm_and_the_clock_rescheduled(
    scheme: Scheme,
) -> None:
    rows = (
        "mentor_email,mentee_email\n"
        "grace.mensah@example.nhs.uk,sunita.rao@example.nhs.uk\n"
        "oliver.byrne@example.nhs.uk,jamie.clarke@example.nhs.uk\n"
    )
    assert scheme.pairing.import_pairs(rows, PAIRED) == 2
    introduced = scheme.messenger.of(PairIntroduction)
    assert [to for to, _ in introduced] == [GRACE_AND_SUNITA, f"{OLIVER},{JAMIE}"]
    assert scheme.pair_of(SUNITA).status == "awaiting"
    assert scheme.changes.count == 1


def test_a_pairing_starts_once_both_have_accepted_and_both_are_told(scheme: Scheme) -> None:
    pair = scheme.add_pair(GRACE, SUNITA, PAIRED)
    assert scheme.pairing.accept(GRACE, pair.id, ACCEPTED).status == "awaiting"
    assert scheme.messenger.of(PairStarted) == []
    started = scheme.pairing.accept(SUNITA, pair.id, ACCEPTED)
    assert (started.status, started.activated_at) == ("active", ACCEPTED)
    assert [to for to, _ in scheme.messenger.of(PairStarted)] == [GRACE_AND_SUNITA]


def test_only_a_member_who_has_not_accepted_yet_may_accept_a_pairing(scheme: Scheme) -> None:
    pair = scheme.add_pair(GRACE, SUNITA, PAIRED)
    scheme.pairing.accept(GRACE, pair.id, ACCEPTED)
    with pytest.raises(AlreadyAccepted):
        scheme.pairing.accept(GRACE, pair.id, ACCEPTED)
    with pytest.raises(NotInAPair):
        scheme.pairing.accept(OLIVER, pair.id, ACCEPTED)
    scheme.add_pair(OLIVER, JAMIE, PAIRED)
    with pytest.raises(NotYourPair):
        scheme.pairing.accept(OLIVER, pair.id, ACCEPTED)
    assert not scheme.pair_of(SUNITA).accepted_by(scheme.person(OLIVER).id)


def test_a_stage_moved_is_kept_from_that_moment_and_the_pair_is_told_who_moved_it(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    moved_at = datetime(2026, 1, 20, 15, tzinfo=UTC)
    scheme.pairing.move_stage(SUNITA, "negotiation", moved_at)
    mine = scheme.pairing.my_pairs(GRACE)[0]
    assert (mine.pair.stage, mine.stage_since) == ("negotiation", moved_at)
    [(to, moved)] = scheme.messenger.of(StageMoved)
    assert (to, moved.stage, moved.moved_by) == (GRACE_AND_SUNITA, "negotiation", "Sunita Rao")
    assert scheme.changes.count == 3, "pairing, starting, then the stage's new cadence"


def test_a_stage_cannot_move_before_the_pairing_starts_nor_to_an_unknown_or_the_same_one(
    scheme: Scheme,
) -> None:
    scheme.add_pair(GRACE, SUNITA, PAIRED)
    with pytest.raises(NotStarted):
        scheme.pairing.move_stage(GRACE, "negotiation", ACCEPTED)
    pair = scheme.pairing.accept(GRACE, scheme.pair_of(GRACE).id, ACCEPTED)
    scheme.pairing.accept(SUNITA, pair.id, ACCEPTED)
    with pytest.raises(UnknownStage) as unknown:
        scheme.pairing.move_stage(GRACE, "flourishing", ACCEPTED)
    assert unknown.value.said == "flourishing"
    with pytest.raises(AlreadyInStage):
        scheme.pairing.move_stage(GRACE, "preparing", ACCEPTED)
    assert scheme.messenger.of(StageMoved) == []


def test_a_due_pair_is_asked_how_it_is_going_once_and_not_before_its_cadence(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    assert scheme.checkins.upcoming(ACCEPTED) == FIRST_CHECK_IN
    assert scheme.checkins.run_due(datetime(2026, 1, 12, 10, 59, tzinfo=UTC)) == 0
    assert scheme.checkins.run_due(FIRST_CHECK_IN) == 1
    assert scheme.checkins.run_due(FIRST_CHECK_IN) == 0
    [(to, prompt)] = scheme.messenger.of(CheckInPrompt)
    assert (to, prompt.stage, prompt.since, prompt.follow_up) == (
        GRACE_AND_SUNITA,
        "preparing",
        None,
        False,
    )


def test_a_check_in_is_answered_once_by_either_of_the_pair_and_by_no_one_else(
    scheme: Scheme,
) -> None:
    checkin_id = checked_in(scheme)
    answered_at = datetime(2026, 1, 12, 14, tzinfo=UTC)
    with pytest.raises(NotYourCheckIn):
        scheme.checkins.answer(OLIVER, checkin_id, "yes", answered_at)
    scheme.checkins.answer(SUNITA, checkin_id, "not_yet", answered_at)
    with pytest.raises(AlreadyAnswered):
        scheme.checkins.answer(GRACE, checkin_id, "yes", answered_at)
    with scheme.uow() as uow:
        stored = uow.checkins.get(checkin_id)
    assert stored is not None and (stored.answer, stored.answered_at) == ("not_yet", answered_at)


def test_a_meeting_logged_is_kept_and_answers_the_open_check_in(scheme: Scheme) -> None:
    checkin_id = checked_in(scheme)
    now = datetime(2026, 1, 13, 16, tzinfo=UTC)
    scheme.checkins.log_meeting(GRACE, date(2026, 1, 13), 45, "career planning", now)
    pair = scheme.pair_of(SUNITA)
    meeting = Meeting(pair.id, date(2026, 1, 13), 45, "career planning")
    assert scheme.pairing.my_pairs(SUNITA)[0].meetings == [meeting]
    with scheme.uow() as uow:
        stored = uow.checkins.get(checkin_id)
    assert stored is not None and stored.answer == "yes"


def test_meeting_topics_too_long_are_refused_whole_and_nothing_is_kept(scheme: Scheme) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    now = datetime(2026, 1, 13, 16, tzinfo=UTC)
    with pytest.raises(TooLong) as refused:
        scheme.checkins.log_meeting(GRACE, date(2026, 1, 13), 45, "x" * 501, now)
    assert (refused.value.field, refused.value.limit, refused.value.length) == ("topics", 500, 501)
    assert scheme.pairing.my_pairs(GRACE)[0].meetings == []


def test_an_introduction_kept_while_slack_is_down_is_sent_once_when_the_outbox_runs_later(
    scheme: Scheme,
) -> None:
    scheme.messenger.failing = True
    pair = scheme.add_pair(GRACE, SUNITA, PAIRED)
    assert (pair.status, scheme.messenger.sent) == ("awaiting", [])
    scheme.messenger.failing = False
    later = datetime(2026, 1, 5, 10, 5, tzinfo=UTC)
    assert scheme.deliveries.run_due(later) == 1
    assert scheme.deliveries.run_due(later) == 0
    [(to, introduction)] = scheme.messenger.of(PairIntroduction)
    assert (to, introduction.pair_id) == (GRACE_AND_SUNITA, pair.id)


def test_a_check_in_whose_prompt_the_outbox_sent_later_is_marked_sent_and_its_pair_moves_on(
    scheme: Scheme,
) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    scheme.messenger.failing = True
    assert scheme.checkins.run_due(FIRST_CHECK_IN) == 0
    scheme.messenger.failing = False
    later = datetime(2026, 1, 12, 12, tzinfo=UTC)
    assert scheme.deliveries.run_due(later) == 1
    assert scheme.checkins.run_due(later) == 0, "the prompt is not sent again"
    [(_, prompt)] = scheme.messenger.of(CheckInPrompt)
    with scheme.uow() as uow:
        stored = uow.checkins.get(prompt.checkin_id)
    assert stored is not None and stored.sent_at == later
    assert scheme.checkins.upcoming(later) == datetime(2026, 1, 15, 12, tzinfo=UTC), "follow-up"


def test_a_follow_up_slack_did_not_take_expires_when_the_next_check_in_is_due(
    scheme: Scheme,
) -> None:
    checked_in(scheme)
    scheme.messenger.failing = True
    assert scheme.checkins.run_due(datetime(2026, 1, 15, 11, tzinfo=UTC)) == 0
    scheme.messenger.failing = False
    next_check_in = datetime(2026, 1, 19, 11, tzinfo=UTC)
    assert scheme.deliveries.run_due(next_check_in) == 0
    assert scheme.checkins.run_due(next_check_in) == 1
    prompts = scheme.messenger.of(CheckInPrompt)
    assert [p.follow_up for _, p in prompts] == [False, False]


def test_a_pause_holds_the_pairs_check_ins_until_the_working_day_it_ends(scheme: Scheme) -> None:
    scheme.start_pair(GRACE, SUNITA, PAIRED, ACCEPTED)
    now = datetime(2026, 1, 6, 10, tzinfo=UTC)
    with pytest.raises(PauseNotInFuture):
        scheme.pairing.pause(SUNITA, date(2026, 1, 6), now)
    scheme.pairing.pause(SUNITA, date(2026, 2, 1), now)  # a Sunday
    assert scheme.person(SUNITA).paused_until == date(2026, 2, 1)
    assert scheme.checkins.run_due(FIRST_CHECK_IN) == 0
    assert scheme.checkins.upcoming(now) == datetime(2026, 2, 2, 9, tzinfo=UTC)
    assert scheme.changes.count == 3, "pairing, starting, then the pause"


def test_the_team_sees_a_pair_that_said_not_yet_twice_but_not_while_its_check_ins_are_paused(
    scheme: Scheme,
) -> None:
    scheme.checkins.answer(SUNITA, checked_in(scheme), "not_yet", FIRST_CHECK_IN)
    second = datetime(2026, 1, 19, 11, tzinfo=UTC)  # a week on, still in Preparing
    scheme.checkins.run_due(second)
    [_, (_, prompt)] = scheme.messenger.of(CheckInPrompt)
    scheme.checkins.answer(GRACE, prompt.checkin_id, "not_yet", second)

    def attention(now: datetime) -> Attention | None:
        [summary] = scheme.checkins.team_overview(TEAM_LEAD, now)
        return summary.attention

    assert attention(second) == Attention("not_yet", 2)
    scheme.pairing.pause_pair(TEAM_LEAD, SUNITA, date(2026, 2, 2), second)
    assert attention(second) is None
    assert attention(datetime(2026, 2, 2, 9, tzinfo=UTC)) == Attention("not_yet", 2)


def test_the_team_s_overview_and_its_notice_call_a_pair_quiet_at_the_same_moment(
    scheme: Scheme,
) -> None:
    """Under way from Monday 17 November, never met: thirty working days in England end on 31
    December, past Christmas and Boxing Day, and New Year's Day is off too. Both the overview
    and the notice wait for Friday 2 January (six calendar weeks would say 29 December)."""
    began = datetime(2025, 11, 17, 10, tzinfo=UTC)
    scheme.start_pair(GRACE, SUNITA, began, began)

    def overview(now: datetime) -> Attention | None:
        [summary] = scheme.checkins.team_overview(TEAM_LEAD, now)
        return summary.attention

    for now in (datetime(2025, 12, 29, 12, tzinfo=UTC), datetime(2026, 1, 1, 12, tzinfo=UTC)):
        scheme.concerns.run_due(now)
        assert overview(now) is None and scheme.messenger.of(PairNeedsAttention) == []
    quiet = datetime(2026, 1, 2, 9, tzinfo=UTC)
    scheme.concerns.run_due(quiet)
    [(_, notice)] = scheme.messenger.of(PairNeedsAttention)
    assert overview(quiet) == notice.reason == Attention("quiet", 6)


# Walked over weeks, as the clock walks them ---------------------------------------------------


def test_someone_in_glasgow_is_not_nudged_on_st_andrews_day(scheme: Scheme) -> None:
    """Moved down from the scenario: paired on Tuesday 25 November 2025, each nudged five days
    later, a Sunday; Monday 1 December is St Andrew's Day in Scotland."""
    paired = uk("2025-11-25 10:00")
    in_new_york = WorkspaceDirectory({**WORKSPACE, email_of(JAMIE): (JAMIE, "America/New_York")})
    import_participants(COHORT_CSV, scheme.uow, in_new_york, paired)
    participants = ParticipantsService(scheme.uow, scheme.directory, scheme.team)
    assert participants_view.nation_set(
        participants.set_nation(SUNITA, "Yr Alban", paired)
    ).startswith("Thank you. I'll keep to Scotland's bank holidays")
    assert scheme.pairing.import_pairs(PAIRS_CSV, paired) == 2
    scheme.pairing.accept(GRACE, scheme.pair_of(GRACE).id, paired)
    scheme.pairing.accept(OLIVER, scheme.pair_of(OLIVER).id, paired)

    nudged = [
        (at, to, view.acceptance_nudge(n)[0])
        for at, to, n in walk(scheme, [scheme.checkins], paired, uk("2025-12-03 12:00"))
        if isinstance(n, AcceptanceNudge)
    ]
    # Sunita keeps Scotland's days; Jamie the scheme's (England's), in New York's hours.
    assert [(at, to) for at, to, _ in nudged] == [
        (uk("2025-12-01 14:00"), JAMIE),
        (uk("2025-12-02 09:00"), SUNITA),
    ]
    assert all(words.startswith("A gentle reminder") for _, _, words in nudged)


def test_a_paused_pair_is_not_asked_until_the_pause_ends_at_nine_that_morning(
    scheme: Scheme,
) -> None:
    """Moved down from the scenario: started on Friday 14 November 2025, paused at once until
    Monday 5 January 2026."""
    started = uk("2025-11-14 10:00")
    scheme.start_pair(GRACE, SUNITA, started, started)
    scheme.pairing.pause(SUNITA, date(2026, 1, 5), started)
    assert "paused until Monday 5 January 2026" in view.paused_reply(date(2026, 1, 5))
    asked = [
        (at, to, view.checkin_prompt(n)[0])
        for at, to, n in walk(scheme, [scheme.checkins], started, uk("2026-01-05 12:00"))
        if isinstance(n, CheckInPrompt)
    ]
    assert [(at, to) for at, to, _ in asked] == [(uk("2026-01-05 09:00"), GRACE_AND_SUNITA)]
    assert asked[0][2].startswith("Have you met")


def test_the_pairings_file_is_refused_whole_with_each_problem_by_line(scheme: Scheme) -> None:
    """Moved down from the scenario."""
    with pytest.raises(ImportRejected) as rejected:
        scheme.pairing.import_pairs(
            "mentor_email,mentee_email\n"
            "grace.mensah@example.nhs.uk,sunita.rao@example.nhs.uk\n"
            "sunita.rao@example.nhs.uk,jamie.clarke@example.nhs.uk\n"
            "oliver.byrne@example.nhs.uk,nobody@example.org\n"
            "grace.mensah@example.nhs.uk,sunita.rao@example.nhs.uk\n"
            "oliver.byrne@example.nhs.uk,sunita.rao@example.nhs.uk\n",
            PAIRED,
        )
    assert import_problems(rejected.value) == [
        "line 3: Sunita Rao is a mentee, not a mentor",
        "line 3: Sunita Rao is also paired on line 2",
        "line 4: nobody@example.org is not a participant; import them first",
        "line 5: the same pair is already on line 2",
        "line 6: Sunita Rao is also paired on line 2",
    ]
    overview = scheme.checkins.team_overview(TEAM_LEAD, PAIRED)
    assert view.team_pairs_message(overview).startswith("There are no pairs yet")
    assert scheme.messenger.sent == []


def test_the_team_gives_each_persons_nation_in_the_participants_file(scheme: Scheme) -> None:
    """Moved down from the scenario: the nation column, read as the people name their nations."""
    now = uk("2025-11-25 10:00")
    with_nations = COHORT_CSV.replace("name,email,role,slack_id", "name,email,role,slack_id,nation")
    with_nations = with_nations.replace("mentor,\nOliver", "mentor,,Cymru\nOliver")
    with_nations = with_nations.replace(
        "oliver.byrne@example.nhs.uk,mentor,",
        "oliver.byrne@example.nhs.uk,mentor,,Northern Ireland",
    )
    scheme.import_people(with_nations, now)
    participants = ParticipantsService(scheme.uow, scheme.directory, scheme.team)

    def nation(person: str) -> str:
        kept = participants.nation_of(person)
        return participants_view.nation_now(kept, scheme.programme.default_nation)

    assert "Wales's bank holidays" in nation(GRACE)
    assert "Northern Ireland's bank holidays" in nation(OLIVER)
    assert "England's bank holidays for you (the scheme's own" in nation(SUNITA)
    with pytest.raises(ImportRejected) as rejected:
        scheme.import_people(with_nations.replace("Cymru", "Atlantis"), now)
    assert import_problems(rejected.value) == [
        "line 2: nation must be England, Wales, Scotland or Northern Ireland (or left empty), not 'Atlantis'"
    ]
    assert "Wales's bank holidays" in nation(GRACE), "the refused file changed nothing"
    with pytest.raises(UnknownNation) as unknown:
        participants.set_nation(SUNITA, "Mars", now)
    assert "I don't know 'Mars' as a nation" in user_error(unknown.value)


def paired_with_jamie_in_new_york(scheme: Scheme, paired: datetime) -> None:
    """The cohort as the scenarios have it (Jamie works in New York), paired as the steering
    group's file pairs them at `paired`."""
    in_new_york = WorkspaceDirectory({**WORKSPACE, email_of(JAMIE): (JAMIE, "America/New_York")})
    import_participants(COHORT_CSV, scheme.uow, in_new_york, paired)
    assert scheme.pairing.import_pairs(PAIRS_CSV, paired) == 2


def test_whoever_has_not_accepted_is_nudged_once_and_the_team_sees_it(scheme: Scheme) -> None:
    """Moved down from the scenario: paired on Friday 14 November 2025 at 10:00."""
    paired = uk("2025-11-14 10:00")
    paired_with_jamie_in_new_york(scheme, paired)
    scheme.pairing.accept(OLIVER, scheme.pair_of(OLIVER).id, paired)
    told = walk(scheme, [scheme.checkins], paired, uk("2025-11-25 12:00"))
    nudges = [
        (at, to, view.acceptance_nudge(n)[0])
        for at, to, n in told
        if isinstance(n, AcceptanceNudge) and to in (JAMIE, OLIVER)
    ]
    # Five days after pairing, at 09:00 in New York, where Jamie works: 14:00 UK time.
    assert [(at, to) for at, to, _ in nudges] == [(uk("2025-11-19 14:00"), JAMIE)]
    assert nudges[0][2].startswith("A gentle reminder: you have been paired with Oliver Byrne")
    overview = view.team_pairs_message(scheme.checkins.team_overview(TEAM_LEAD, paired))
    assert "*Oliver Byrne* & *Jamie Clarke*: awaiting acceptance from Jamie Clarke" in overview
    with pytest.raises(TeamOnly) as refused:
        scheme.checkins.team_overview(SUNITA, paired)
    assert user_error(refused.value) == "Only the project team can do this."


def test_a_quiet_pair_is_followed_up_and_shown_first_as_needing_attention(
    scheme: Scheme,
) -> None:
    """Moved down from the scenario: both pairs started on Friday 14 November 2025."""
    started = uk("2025-11-14 10:00")
    paired_with_jamie_in_new_york(scheme, started)
    for person in (GRACE, SUNITA, OLIVER, JAMIE):
        scheme.pairing.accept(person, scheme.pair_of(person).id, started)

    def latest_prompt(group: str) -> CheckInPrompt:
        return [n for to, n in scheme.messenger.of(CheckInPrompt) if to == group][-1]

    # Jamie works in New York: his pair is asked at 14:00 UK time.
    walk(scheme, [scheme.checkins], started, uk("2025-11-21 15:00"))
    first_answer = uk("2025-11-21 15:00")
    oliver_and_jamie = latest_prompt(f"{OLIVER},{JAMIE}")
    jamie, pair = scheme.checkins.answer(
        JAMIE, oliver_and_jamie.checkin_id, "not_yet", first_answer
    )
    assert (
        view.answered(jamie, pair, "not_yet")[0]
        == "Jamie Clarke answered: Not yet. That's fine; I'll ask again next time."
    )
    scheme.checkins.answer(GRACE, latest_prompt(GRACE_AND_SUNITA).checkin_id, "yes", first_answer)

    second_answer = uk("2025-11-28 15:00")
    walk(scheme, [scheme.checkins], first_answer, second_answer)
    scheme.checkins.answer(
        OLIVER, latest_prompt(f"{OLIVER},{JAMIE}").checkin_id, "not_yet", second_answer
    )
    overview = view.team_pairs_message(
        scheme.checkins.team_overview(TEAM_LEAD, second_answer)
    ).splitlines()
    assert overview[0] == "*2 pairs*"
    assert (
        overview[1]
        == "• :warning: needs attention: answered “Not yet” 2 times in a row. *Oliver Byrne* & *Jamie Clarke*: Preparing, no meeting logged, 0 open check-ins"
    )

    # Grace and Sunita don't answer their second check-in: one follow-up three days later,
    # then nothing until the next.
    told = walk(scheme, [scheme.checkins], second_answer, uk("2025-12-04 12:00"))
    followed = [
        at
        for at, to, n in told
        if to == GRACE_AND_SUNITA
        and isinstance(n, CheckInPrompt)
        and view.checkin_prompt(n)[0].startswith("A gentle reminder from your last check-in")
    ]
    assert followed == [uk("2025-12-01 10:00")]


def test_two_processes_pairing_one_mentee_at_once_make_one_pair(scheme: Scheme) -> None:
    """Each checks the rule (Sunita is not paired) before either makes its pair: the database
    holds a mentee to one current pair, so the second is refused as the rule would refuse it,
    and nothing of it is kept."""
    grace, oliver, sunita = (scheme.person(p).id for p in (GRACE, OLIVER, SUNITA))
    with scheme.uow() as first, scheme.uow() as second:
        assert first.pairs.paired_counts() == second.pairs.paired_counts() == {}
        first.pairs.add(grace, sunita, PAIRED)
        first.commit()
        with pytest.raises(AlreadyPaired) as refused:
            second.pairs.add(oliver, sunita, PAIRED)
    assert user_error(refused.value) == "Sunita Rao is already in a pair; unpair them first."
    with scheme.uow() as uow:
        assert [(p.mentor_id, p.mentee_id) for p in uow.pairs.current()] == [(grace, sunita)]
