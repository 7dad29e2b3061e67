"""What a person can put right about pairs, as data: why two people cannot be paired, a pairings
file's problems (each naming its line), and what a pair's own actions and the team's pair
commands can run into. handlers/views/pairs.py words them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.errors import UserError
from bot.participants.errors import ImportProblem
from bot.participants.model import Role
from bot.scheme import Stage


class WrongRole(UserError):
    """Someone named as the mentor who is not one, or as the mentee."""

    def __init__(self, name: str, role: Role, needed: Role):
        self.name, self.role, self.needed = name, role, needed


class AlreadyPaired(UserError):
    """Someone already in an active or awaiting pair, named for another."""

    def __init__(self, name: str):
        self.name = name


class AlsoPairedOnLine(UserError):
    """Importing a pairings file: a mentee also paired on an earlier line."""

    def __init__(self, name: str, line: int):
        self.name, self.line = name, line


class MentorFull(UserError):
    """A mentor who already has the most mentees the scheme allows, named for another (`line`:
    the file's line that filled their last place, where a pairings file did)."""

    def __init__(self, name: str, most: int, line: int | None = None):
        self.name, self.most, self.line = name, most, line


PairingFault = WrongRole | AlreadyPaired | AlsoPairedOnLine | MentorFull


# The pairings file's problems, as data its view words (each names its line) ----------------------


@dataclass(frozen=True)
class PairColumnsMissing(ImportProblem):
    """The header lacks mentor_email or mentee_email (always line 1)."""


@dataclass(frozen=True)
class UnknownEmail(ImportProblem):
    """An email in the pairings file that no participant has."""

    email: str  # as written, lower case; empty when there was none


@dataclass(frozen=True)
class PairRepeated(ImportProblem):
    first_line: int


@dataclass(frozen=True)
class CannotPair(ImportProblem):
    """The pairing rule refuses this line's pair, for the reason `fault` gives."""

    fault: PairingFault


@dataclass(frozen=True)
class NoPairs(ImportProblem):
    """A header and nothing else."""


# What a pair's own actions can run into -----------------------------------------------------------


class NotInAPair(UserError):
    """Someone on the scheme but not in a pair (or, to log a meeting, not in a started one)."""


class WhichPair(UserError):
    """A mentor with several mentees, acting on "their pair" without saying which: `partners`
    are their mentees' names, to choose from. `mentor` names the mentor where the team named
    them (the team then names the mentee instead)."""

    def __init__(self, partners: tuple[str, ...], mentor: str | None = None):
        self.partners, self.mentor = partners, mentor


class NotYourPartner(UserError):
    """Someone named as the partner who is not in a current pair with the person."""

    def __init__(self, slack_user_id: str):
        self.slack_user_id = slack_user_id


class NotYourPair(UserError):
    """A pair's button from a pairing that is no longer the person's own."""


class PairingEnded(UserError):
    """A pair's button, or a pair's action, from a pairing that has ended (whyever it ended)."""


class AlreadyAccepted(UserError):
    """Someone pressed Accept on a pairing they have accepted."""


class UnknownStage(UserError):
    """`said` (as typed) names none of the four stages."""

    def __init__(self, said: str):
        self.said = said


class NotStarted(UserError):
    """A stage moved before both have accepted the pairing."""


class AlreadyInStage(UserError):
    def __init__(self, stage: Stage):
        self.stage = stage


class PauseNotInFuture(UserError):
    """Someone's own pause, until a day that is not after today."""

    def __init__(self, until: date):
        self.until = until


class NotYourCheckIn(UserError):
    """A check-in's button pressed by someone outside its pair."""


class CheckInClosed(UserError):
    """A check-in of a pairing that has ended."""


class StaleCheckIn(UserError):
    """An older check-in than the pair's latest."""


class AlreadyAnswered(UserError):
    """A check-in answered already, by either of the pair."""


class MeetingInFuture(UserError):
    def __init__(self, met_on: date):
        self.met_on = met_on


class MeetingBeforePairing(UserError):
    def __init__(self, met_on: date):
        self.met_on = met_on


class BadMeetingLength(UserError):
    """Not between one minute and MAX_MEETING_MINUTES."""

    def __init__(self, minutes: int):
        self.minutes = minutes


# What the team's pair commands can run into ------------------------------------------------------


class NotPaired(UserError):
    """A Slack user named in a team command who is not in a pair (or, naming a mentor with
    several mentees, not in one with the mentee also named)."""

    def __init__(self, slack_user_id: str):
        self.slack_user_id = slack_user_id


class TeamPauseNotInFuture(UserError):
    """A pair's pause by the team, until a day that is not after today."""

    def __init__(self, until: date):
        self.until = until
