"""Names from the participants file and what pairs type (their meetings' topics) read as written
in every pairs message, and never as Slack markup. Their goals' words are tests/goals/."""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime

import pytest

from bot.errors import UserError
from bot.pairs import errors
from bot.pairs.checkins import PairSummary
from bot.pairs.errors import (
    AlreadyAccepted,
    AlreadyAnswered,
    AlreadyInStage,
    AlreadyPaired,
    AlsoPairedOnLine,
    BadMeetingLength,
    CannotPair,
    CheckInClosed,
    MeetingBeforePairing,
    MeetingInFuture,
    MentorFull,
    NoPairs,
    NotInAPair,
    NotPaired,
    NotStarted,
    NotYourCheckIn,
    NotYourPair,
    NotYourPartner,
    PairColumnsMissing,
    PairingEnded,
    PairRepeated,
    PauseNotInFuture,
    StaleCheckIn,
    TeamPauseNotInFuture,
    UnknownEmail,
    UnknownStage,
    WhichPair,
    WrongRole,
)
from bot.pairs.model import Attention, Meeting, Pair
from bot.pairs.notices import AcceptanceNudge, PairEnded, PairIntroduction, PairStarted, StageMoved
from bot.pairs.service import NotOnTheScheme, PairView
from bot.participants.errors import ImportRejected
from bot.participants.model import Participant
from handlers.views import pairs as view
from handlers.views.common import user_error
from handlers.views.participants import import_problems
from tests.cast import GRACE, JAMIE, SUNITA
from tests.seen import ESCAPED, TYPED, no_markup_in, words

NOW = datetime(2025, 11, 20, 10, 0, tzinfo=UTC)
PAIR = Pair(3, 1, 2, "active", "negotiation", NOW)


def mentor(name: str = "Grace Mensah", about: str | None = None) -> Participant:
    return Participant(1, name, "grace@example.nhs.uk", "mentor", GRACE, about=about)


def mentee(name: str = "Sunita Rao") -> Participant:
    return Participant(2, name, "sunita@example.nhs.uk", "mentee", SUNITA)


def test_a_name_and_about_text_in_the_introduction_cannot_notify_anyone() -> None:
    introduced = PairIntroduction(3, mentor(TYPED, about=TYPED), mentee())

    text, blocks = view.introduction(introduced)

    assert text.startswith(f"The steering group has paired {ESCAPED} (mentor) with Sunita Rao")
    assert f"• *{ESCAPED}* (mentor): {ESCAPED}" in words((text, blocks))
    assert no_markup_in((text, blocks))


def test_a_partners_name_in_the_reminder_to_accept_cannot_notify_anyone() -> None:
    message = view.acceptance_nudge(AcceptanceNudge(3, mentee(TYPED)))

    assert f"you have been paired with {ESCAPED}. Please accept" in words(message)
    assert no_markup_in(message)


def test_names_in_the_welcome_cannot_notify_anyone() -> None:
    message = view.pair_started(PairStarted(3, mentor(TYPED), mentee()))

    assert f"welcome, {ESCAPED} and Sunita Rao!" in words(message)
    assert no_markup_in(message)


def test_the_name_of_whoever_moved_the_stage_cannot_notify_anyone() -> None:
    text, blocks = view.stage_moved(
        StageMoved(3, "negotiation", TYPED, datetime(2026, 1, 5, 10, tzinfo=UTC))
    )

    assert text == f"{ESCAPED} moved your pair to Negotiation."
    assert no_markup_in((text, blocks))


def test_a_partners_name_when_the_pairing_ends_cannot_notify_anyone() -> None:
    message = view.pair_ended(PairEnded(3, mentee(TYPED)))

    assert f"Your mentoring pairing with {ESCAPED} has now ended." in words(message)
    assert no_markup_in(message)


def test_a_partner_who_has_left_the_scheme_is_not_named_when_the_pairing_ends() -> None:
    text, _blocks = view.pair_ended(PairEnded(3, None))

    assert text.startswith("Your mentoring pairing has now ended. Thank you for the time")


def test_a_pairing_that_has_ended_shows_as_ended_naming_nobody() -> None:
    ended = Pair(3, 1, 2, "ended", "negotiation", NOW, ended_at=NOW)
    mine = PairView(ended, mentor(), mentee("Erased participant"), [], NOW)

    shown = view.my_pair_message(mine, NOW)

    assert shown.startswith("Your mentoring pairing has ended.")
    assert "Erased participant" not in shown and "Stage" not in shown


def test_a_pairs_meetings_read_as_typed_in_my_pair_which_says_where_its_goals_are() -> None:
    met = Meeting(3, date(2025, 11, 18), 45, TYPED)
    mine = PairView(PAIR, mentee(), mentor(TYPED), [met], NOW)

    shown_to_me = view.my_pair_message(mine, NOW)

    assert f"*Your partner:* {ESCAPED} (mentor)" in shown_to_me
    assert "*Your goals and boundaries:* on your Home, or `/mentoring goals`" in shown_to_me
    assert f"• 18 Nov 2025, 45 min: {ESCAPED}" in shown_to_me
    assert no_markup_in(shown_to_me)
    on_home = view.my_pair_message(mine, NOW, on_home=True)
    assert "on your Home" not in on_home, "the Home's goals section is just below it"
    assert f"*Your partner:* {ESCAPED} (mentor)" in on_home


def test_a_pairing_waiting_for_one_of_the_two_names_them_as_typed() -> None:
    awaiting = Pair(3, 1, 2, "awaiting", "preparing", NOW, mentee_accepted_at=NOW)
    to_her = view.my_pair_message(PairView(awaiting, mentee(), mentor(TYPED), [], NOW), NOW)
    to_him = view.my_pair_message(PairView(awaiting, mentor(), mentee(TYPED), [], NOW), NOW)

    assert f"(waiting for {ESCAPED} to accept)" in to_her
    assert f"({ESCAPED} has accepted; your pairing starts as soon as you accept too)" in to_him
    assert no_markup_in(to_her) and no_markup_in(to_him)


def test_names_in_the_teams_overview_of_pairs_cannot_notify_anyone() -> None:
    awaiting = Pair(4, 1, 2, "awaiting", "preparing", NOW)
    summaries = [
        PairSummary(TYPED, "Sunita Rao", PAIR, None, 0, None, []),
        PairSummary("Grace Mensah", TYPED, awaiting, None, 0, None, [TYPED]),
    ]

    overview = view.team_pairs_message(summaries)

    assert f"• *{ESCAPED}* & *Sunita Rao*: Negotiation" in overview
    assert f"• *Grace Mensah* & *{ESCAPED}*: awaiting acceptance from {ESCAPED}" in overview
    assert no_markup_in(overview)


def test_the_teams_overview_counts_one_pair_as_one_pair() -> None:
    one = [PairSummary("Grace Mensah", "Sunita Rao", PAIR, None, 0, None, [])]

    assert view.team_pairs_message(one).splitlines()[0] == "*1 pair*"
    assert view.team_pairs_message(one * 2).splitlines()[0] == "*2 pairs*"


def test_the_name_on_an_answered_check_in_cannot_notify_anyone() -> None:
    text, blocks = view.answered(mentee(TYPED), PAIR, "yes")

    assert text == f"{ESCAPED} answered: Yes, we've met. Thank you!"
    assert no_markup_in((text, blocks))


def test_the_teams_overview_says_why_a_pair_needs_attention() -> None:
    summaries = [
        PairSummary("Grace Mensah", "Sunita Rao", PAIR, None, 0, Attention("not_yet", 2), []),
        PairSummary("Oliver Byrne", "Jamie Clarke", PAIR, None, 0, Attention("quiet", 6), []),
    ]

    overview = view.team_pairs_message(summaries).splitlines()

    assert overview[1].startswith(
        "• :warning: needs attention: answered “Not yet” 2 times in a row. *Grace Mensah*"
    )
    assert overview[2].startswith(
        "• :warning: needs attention: no meeting logged for 6 weeks. *Oliver Byrne*"
    )


# What went wrong, as each person reads it: every error the pairs feature raises, and its words.
WORDS: list[tuple[UserError, str]] = [
    (
        NotInAPair(),
        "You are not in a mentoring pair yet. The project team will pair you and I'll introduce you.",
    ),
    (
        NotYourPair(),
        "That button belongs to a pairing that has changed since. Use `/mentoring pair` to see yours.",
    ),
    (
        PairingEnded(),
        "Your mentoring pairing has ended. The project team will be in touch about what happens next; you can always reach them with `/mentoring concern`.",
    ),
    (AlreadyAccepted(), "You have already accepted this pairing. Thank you!"),
    (
        UnknownStage("flourishing"),
        "“flourishing” is not a stage. Please choose one of the four: Preparing, Negotiation, Enabling Growth or Coming to Closure.",
    ),
    (NotStarted(), "Your pairing starts once you have both accepted it."),
    (AlreadyInStage("enabling_growth"), "Your pair is already in Enabling Growth."),
    (
        PauseNotInFuture(date(2025, 11, 20)),
        "Please give a date in the future, e.g. `/mentoring pause until 2026-03-01`.",
    ),
    (NotYourCheckIn(), "This check-in belongs to another pair, so I can't record your answer."),
    (CheckInClosed(), "This pairing has ended, so the check-in is closed."),
    (StaleCheckIn(), "This is an older check-in. Please answer the latest one I sent."),
    (AlreadyAnswered(), "This check-in has already been answered. Thank you!"),
    (
        MeetingInFuture(date(2025, 12, 25)),
        "25 December 2025 is in the future. Log a meeting once it has happened.",
    ),
    (
        MeetingBeforePairing(date(2025, 1, 6)),
        "06 January 2025 is before you were paired. Please check the date.",
    ),
    (
        BadMeetingLength(600),
        "Please give the meeting's length in minutes or hours, e.g. `45m` or `1h30m`.",
    ),
    (NotOnTheScheme(JAMIE), "<@UJAMIE001> is not on the scheme yet; import them first."),
    (NotPaired(JAMIE), "<@UJAMIE001> is not in a pair."),
    (TeamPauseNotInFuture(date(2025, 11, 20)), "Please give a date in the future."),
    (WrongRole("Sunita Rao", "mentee", "mentor"), "Sunita Rao is a mentee, not a mentor."),
    (AlreadyPaired("Sunita Rao"), "Sunita Rao is already in a pair; unpair them first."),
    (AlsoPairedOnLine("Sunita Rao", 2), "Sunita Rao is also paired on line 2."),
    (MentorFull("Grace Mensah", 3), "Grace Mensah already has 3 mentees, the most a mentor has."),
    (
        MentorFull("Grace Mensah", 3, 4),
        "Grace Mensah already has 3 mentees (the last on line 4), the most a mentor has.",
    ),
    (
        WhichPair(("Sunita Rao", "Jamie Clarke")),
        "You are in more than one pair, with Sunita Rao, Jamie Clarke: please say which, by "
        "naming your partner first, e.g. `/mentoring met @name 2026-03-01 45m` or "
        "`/mentoring stage @name growth`. Each has its own buttons on your Home.",
    ),
    (
        WhichPair(("Sunita Rao", "Jamie Clarke"), mentor="Grace Mensah"),
        "Grace Mensah mentors Sunita Rao, Jamie Clarke: please name the mentee instead, e.g. "
        "`/mentoring team unpair @mentee`.",
    ),
    (
        NotYourPartner(JAMIE),
        "You are not in a pair with <@UJAMIE001>. Use `/mentoring pair` to see yours.",
    ),
]


@pytest.mark.parametrize(("error", "words"), WORDS, ids=[type(e).__name__ for e, _ in WORDS])
def test_each_error_reads_as_the_person_is_told_it(error: UserError, words: str) -> None:
    assert user_error(error) == words


def test_every_error_the_pairs_feature_defines_has_its_words() -> None:
    defined = {
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, UserError) and cls.__module__ == errors.__name__
    }
    shared = {NotOnTheScheme}  # in bot.errors: the participants feature raises it too
    assert defined | shared == {type(error) for error, _ in WORDS}


def test_a_stage_or_a_name_typed_into_an_error_cannot_notify_anyone() -> None:
    for error in (UnknownStage(TYPED), WrongRole(TYPED, "mentee", "mentor"), AlreadyPaired(TYPED)):
        assert ESCAPED in user_error(error)
        assert no_markup_in(user_error(error))


def test_each_problem_in_a_pairings_file_reads_with_its_line_as_plain_text() -> None:
    rejected = ImportRejected(
        [
            PairColumnsMissing(1),
            UnknownEmail(3, "nobody@example.org"),
            UnknownEmail(4, ""),
            PairRepeated(5, 2),
            CannotPair(6, WrongRole(TYPED, "mentee", "mentor")),
            CannotPair(7, AlreadyPaired("Sunita Rao")),
            CannotPair(8, AlsoPairedOnLine("Sunita Rao", 2)),
            NoPairs(None),
        ]
    )

    assert import_problems(rejected) == [
        "line 1: the header needs the columns mentor_email, mentee_email",
        "line 3: nobody@example.org is not a participant; import them first",
        "line 4: (empty) is not a participant; import them first",
        "line 5: the same pair is already on line 2",
        f"line 6: {TYPED} is a mentee, not a mentor",
        "line 7: Sunita Rao is already in a pair; unpair them first",
        "line 8: Sunita Rao is also paired on line 2",
        "the file has a header but no pairs",
    ]
