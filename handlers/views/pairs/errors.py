"""What the pairs feature says when a person's request cannot be done: its `@error_words` (and
`@problem_words`)."""

from __future__ import annotations

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
    PairingFault,
    PairRepeated,
    PauseNotInFuture,
    StaleCheckIn,
    TeamPauseNotInFuture,
    UnknownEmail,
    UnknownStage,
    WhichPair,
    WrongRole,
)
from bot.pairs.service import NotOnTheScheme
from bot.scheme import STAGES
from handlers.i18n import _, formatted
from handlers.views.common import error_words, problem_words
from handlers.views.mrkdwn import escape
from handlers.views.pairs.messages import pairing_ended_words, stage_name

# What went wrong ------------------------------------------------------------------------------------


@error_words(NotInAPair)
def not_in_a_pair(_error: NotInAPair) -> str:
    return _(
        "You are not in a mentoring pair yet. The project team will pair you and I'll introduce you."
    )


@error_words(NotYourPair)
def not_your_pair(_error: NotYourPair) -> str:
    return _(
        "That button belongs to a pairing that has changed since. Use `/mentoring pair` to see yours."
    )


@error_words(WhichPair)
def which_pair(error: WhichPair) -> str:
    names = escape(", ".join(error.partners))
    if error.mentor is not None:
        return _(
            "{mentor} mentors {names}: please name the mentee instead, e.g. "
            "`/mentoring team unpair @mentee`."
        ).format(mentor=escape(error.mentor), names=names)
    return _(
        "You are in more than one pair, with {names}: please say which, by naming your partner "
        "first, e.g. `/mentoring met @name 2026-03-01 45m` or `/mentoring stage @name growth`. "
        "Each has its own buttons on your Home."
    ).format(names=names)


@error_words(NotYourPartner)
def not_your_partner(error: NotYourPartner) -> str:
    return _("You are not in a pair with <@{user}>. Use `/mentoring pair` to see yours.").format(
        user=error.slack_user_id
    )


@error_words(PairingEnded)
def pairing_ended(_error: PairingEnded) -> str:
    return pairing_ended_words()


@error_words(AlreadyAccepted)
def already_accepted(_error: AlreadyAccepted) -> str:
    return _("You have already accepted this pairing. Thank you!")


@error_words(UnknownStage)
def unknown_stage(error: UnknownStage) -> str:
    first, second, third, fourth = (stage_name(stage) for stage in STAGES)
    return _(
        "“{said}” is not a stage. Please choose one of the four: {first}, {second}, {third} or {fourth}."
    ).format(said=escape(error.said), first=first, second=second, third=third, fourth=fourth)


@error_words(NotStarted)
def not_started(_error: NotStarted) -> str:
    return _("Your pairing starts once you have both accepted it.")


@error_words(AlreadyInStage)
def already_in_stage(error: AlreadyInStage) -> str:
    return _("Your pair is already in {stage}.").format(stage=stage_name(error.stage))


@error_words(PauseNotInFuture)
def pause_not_in_future(_error: PauseNotInFuture) -> str:
    return _("Please give a date in the future, e.g. `/mentoring pause until 2026-03-01`.")


@error_words(NotYourCheckIn)
def not_your_check_in(_error: NotYourCheckIn) -> str:
    return _("This check-in belongs to another pair, so I can't record your answer.")


@error_words(CheckInClosed)
def check_in_closed(_error: CheckInClosed) -> str:
    return _("This pairing has ended, so the check-in is closed.")


@error_words(StaleCheckIn)
def stale_check_in(_error: StaleCheckIn) -> str:
    return _("This is an older check-in. Please answer the latest one I sent.")


@error_words(AlreadyAnswered)
def already_answered(_error: AlreadyAnswered) -> str:
    return _("This check-in has already been answered. Thank you!")


@error_words(MeetingInFuture)
def meeting_in_future(error: MeetingInFuture) -> str:
    return _("{date} is in the future. Log a meeting once it has happened.").format(
        date=formatted(error.met_on, "dd MMMM y")
    )


@error_words(MeetingBeforePairing)
def meeting_before_pairing(error: MeetingBeforePairing) -> str:
    return _("{date} is before you were paired. Please check the date.").format(
        date=formatted(error.met_on, "dd MMMM y")
    )


@error_words(BadMeetingLength)
def bad_meeting_length(_error: BadMeetingLength) -> str:
    return _("Please give the meeting's length in minutes or hours, e.g. `45m` or `1h30m`.")


# Also a form's errors (the console's pair forms): handlers/errors.py writes a mention there as
# the person's name, as a form shows plain text.
@error_words(NotOnTheScheme)
def not_on_the_scheme(error: NotOnTheScheme) -> str:
    return _("<@{user}> is not on the scheme yet; import them first.").format(
        user=error.slack_user_id
    )


@error_words(NotPaired)
def not_paired(error: NotPaired) -> str:
    return _("<@{user}> is not in a pair.").format(user=error.slack_user_id)


@error_words(TeamPauseNotInFuture)
def team_pause_not_in_future(_error: TeamPauseNotInFuture) -> str:
    return _("Please give a date in the future.")


@error_words(WrongRole)
def wrong_role(error: WrongRole) -> str:
    return _fault_words(error, escape(error.name)) + "."


@error_words(AlreadyPaired)
def already_paired(error: AlreadyPaired) -> str:
    return _fault_words(error, escape(error.name)) + "."


@error_words(AlsoPairedOnLine)
def also_paired_on_line(error: AlsoPairedOnLine) -> str:
    return _fault_words(error, escape(error.name)) + "."


@error_words(MentorFull)
def mentor_full(error: MentorFull) -> str:
    return _fault_words(error, escape(error.name)) + "."


def _fault_words(fault: PairingFault, name: str) -> str:
    """Why the pairing rule refuses someone, without a full stop: the command's error ends it
    with one, the pairings file's report does not."""
    if isinstance(fault, WrongRole):
        if fault.needed == "mentor":
            return _("{name} is a mentee, not a mentor").format(name=name)
        return _("{name} is a mentor, not a mentee").format(name=name)
    if isinstance(fault, AlreadyPaired):
        return _("{name} is already in a pair; unpair them first").format(name=name)
    if isinstance(fault, MentorFull) and fault.line is not None:
        return _(
            "{name} already has {most} mentees (the last on line {line}), the most a mentor has"
        ).format(name=name, most=fault.most, line=fault.line)
    if isinstance(fault, MentorFull):
        return _("{name} already has {most} mentees, the most a mentor has").format(
            name=name, most=fault.most
        )
    return _("{name} is also paired on line {line}").format(name=name, line=fault.line)


# The pairings file's report -----------------------------------------------------------------------
# Printed by the command line, so plain text: nothing here is Slack mrkdwn, and import_problems
# (handlers/views/participants.py) puts "line N: " before each.


@problem_words(PairColumnsMissing)
def pair_columns_missing(_problem: PairColumnsMissing) -> str:
    return _("the header needs the columns mentor_email, mentee_email")


@problem_words(UnknownEmail)
def unknown_email(problem: UnknownEmail) -> str:
    return _("{email} is not a participant; import them first").format(
        email=problem.email or _("(empty)")
    )


@problem_words(PairRepeated)
def pair_repeated(problem: PairRepeated) -> str:
    return _("the same pair is already on line {line}").format(line=problem.first_line)


@problem_words(CannotPair)
def cannot_pair(problem: CannotPair) -> str:
    """The pairing rule's fault: the command's error words, in plain text without a full stop."""
    return _fault_words(problem.fault, problem.fault.name)


@problem_words(NoPairs)
def no_pairs(_problem: NoPairs) -> str:
    return _("the file has a header but no pairs")
