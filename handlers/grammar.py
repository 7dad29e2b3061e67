"""The `/mentoring` command's grammar: text in, a typed command out, or a usage message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from bot.errors import UsageError

USAGE = """Here is what I can do:
• `/mentoring events`: your upcoming scheme events and your replies
• `/mentoring next`: your next event
• `/mentoring pair`: your partner, your stage, your agreement and meetings
• `/mentoring met 2026-02-03 45m career planning`: log a meeting (date, length, topics)
• `/mentoring stage negotiation`: move your pair to another stage (Preparing, Negotiation, Enabling Growth, Coming to Closure)
• `/mentoring agreement`: record or edit your pair's goals and boundaries
• `/mentoring pause until 2026-03-01` (or `pause off`): no check-ins while you are away
• `/mentoring concern`: tell the project team, privately, that something is wrong
• `/mentoring my-data`: a file, here, with everything the bot holds about you
• `/mentoring help`: this message
For the project team: `/mentoring team help`"""

TEAM_USAGE = """Project team commands:
• `/mentoring team alerts`: concerns raised, open ones first
• `/mentoring team events`: every event with its date and replies
• `/mentoring team pairs`: every pair, those needing attention first
• `/mentoring team pair @mentor @mentee`: make a pair (they are introduced and asked to accept)
• `/mentoring team unpair @person [reason]`: end that person's pairing (each is told kindly, separately)
• `/mentoring team pause @person until YYYY-MM-DD` (or `off`): hold that person's pair's check-ins
• `/mentoring team who EVENT`: who is coming to an event
• `/mentoring team evaluations`: each evaluation's invited, started and finished counts
• `/mentoring team export FORM [pseudonymous]`: the answers as a CSV file, here
• `/mentoring team chart FORM`: a chart of the scale questions' answers by role, here
• `/mentoring event date EVENT YYYY-MM-DD HH:MM-HH:MM`: set or change an event's date (UK time)"""


@dataclass(frozen=True)
class Help:
    team: bool = False


@dataclass(frozen=True)
class ShowEvents:
    pass


@dataclass(frozen=True)
class ShowNext:
    pass


@dataclass(frozen=True)
class SetEventDate:
    event_id: str
    day: date
    start: time
    end: time


@dataclass(frozen=True)
class WhoIsComing:
    event_id: str


@dataclass(frozen=True)
class ShowPair:
    pass


@dataclass(frozen=True)
class MoveStage:
    stage: str


@dataclass(frozen=True)
class LogMeeting:
    met_on: date
    minutes: int
    topics: str


@dataclass(frozen=True)
class Pause:
    until: date | None


@dataclass(frozen=True)
class EditAgreement:
    pass


@dataclass(frozen=True)
class RaiseConcern:
    pass


@dataclass(frozen=True)
class TeamPairs:
    pass


@dataclass(frozen=True)
class TeamPair:
    mentor: str
    mentee: str


@dataclass(frozen=True)
class MyData:
    pass


@dataclass(frozen=True)
class TeamPause:
    member: str
    until: date | None


@dataclass(frozen=True)
class TeamAlerts:
    pass


@dataclass(frozen=True)
class TeamEvents:
    pass


@dataclass(frozen=True)
class TeamEvaluations:
    pass


@dataclass(frozen=True)
class TeamExport:
    form_id: str
    pseudonymous: bool


@dataclass(frozen=True)
class TeamChart:
    form_id: str


@dataclass(frozen=True)
class TeamUnpair:
    member: str
    reason: str


Command = (
    Help
    | ShowEvents
    | ShowNext
    | SetEventDate
    | WhoIsComing
    | ShowPair
    | MoveStage
    | LogMeeting
    | Pause
    | EditAgreement
    | RaiseConcern
    | TeamPairs
    | TeamPair
    | TeamUnpair
    | TeamEvaluations
    | TeamExport
    | TeamChart
    | TeamAlerts
    | TeamEvents
    | MyData
    | TeamPause
)

_DATE_COMMAND = re.compile(
    r"^event\s+date\s+(?P<event>\S+)\s+(?P<day>\d{4}-\d{2}-\d{2})\s+"
    r"(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})$"
)
_DATE_EXAMPLE = "`/mentoring event date networking-jan-2026 2026-01-21 10:00-11:00`"
_MET_EXAMPLE = "`/mentoring met 2026-02-03 45m career planning`"
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_DURATION = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)(?:m|min|mins)?)?$")


def parse_command(text: str) -> Command:
    original = text.strip().split()
    words = [w.lower() for w in original]
    if not words or words == ["help"]:
        return Help()
    simple: dict[str, Command] = {
        "events": ShowEvents(),
        "next": ShowNext(),
        "pair": ShowPair(),
        "agreement": EditAgreement(),
        "concern": RaiseConcern(),
        "my-data": MyData(),
    }
    if len(words) == 1 and words[0] in simple:
        return simple[words[0]]
    if words[0] == "stage":
        if len(words) == 1:
            raise UsageError("Which stage? e.g. `/mentoring stage negotiation`.")
        return MoveStage(" ".join(words[1:]))
    if words[0] == "met":
        return _parse_meeting(original[1:])
    if words[0] == "pause":
        return _parse_pause(words[1:])
    if words[0] == "team":
        return _parse_team(words[1:], original[1:])
    if words[:2] == ["event", "date"]:
        return _parse_event_date(" ".join(words))
    raise UsageError(f"Sorry, I don't know `/mentoring {text.strip()}`.\n{USAGE}")


def _parse_team(words: list[str], original: list[str]) -> Command:
    if not words or words == ["help"]:
        return Help(team=True)
    if words == ["pairs"]:
        return TeamPairs()
    if words == ["evaluations"]:
        return TeamEvaluations()
    if words == ["alerts"]:
        return TeamAlerts()
    if words[0] == "pause":
        person = _mention(original[1]) if len(original) > 1 else None
        if person is None:
            raise UsageError(
                "Please mention one member of the pair: `/mentoring team pause @person until 2026-03-01` (or `off`)."
            )
        return TeamPause(person, _parse_pause(words[2:]).until)
    if words == ["events"]:
        return TeamEvents()
    if words[0] == "export" and len(words) in (2, 3) and words[2:] in ([], ["pseudonymous"]):
        return TeamExport(words[1], pseudonymous=len(words) == 3)
    if words[0] == "export":
        raise UsageError(
            "Please name one evaluation: `/mentoring team export mid-scheme` (add `pseudonymous` for P001… instead of names)."
        )
    if words[0] == "chart" and len(words) == 2:
        return TeamChart(words[1])
    if words[0] == "pair":
        people = [_mention(w) for w in original[1:]]
        if len(people) != 2 or None in people:
            raise UsageError(
                "Please mention the mentor, then the mentee: `/mentoring team pair @mentor @mentee`."
            )
        return TeamPair(people[0] or "", people[1] or "")
    if words[0] == "unpair":
        person = _mention(original[1]) if len(original) > 1 else None
        if person is None:
            raise UsageError(
                "Please mention one member of the pair: `/mentoring team unpair @person [reason]`."
            )
        return TeamUnpair(person, " ".join(original[2:]) or "ended by the project team")
    if words[0] == "who":
        if len(words) != 2:
            raise UsageError("Please name one event, e.g. `/mentoring team who launch`.")
        return WhoIsComing(words[1])
    raise UsageError(f"Sorry, I don't know `/mentoring team {' '.join(original)}`.\n{TEAM_USAGE}")


def _parse_event_date(text: str) -> SetEventDate:
    match = _DATE_COMMAND.match(text)
    if not match:
        raise UsageError(f"Please give the event, the date and the UK times, e.g. {_DATE_EXAMPLE}.")
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        raise UsageError(
            f"{match['day']} is not a date; write it as YYYY-MM-DD, e.g. {_DATE_EXAMPLE}."
        )
    return SetEventDate(match["event"], day, _clock_time(match["start"]), _clock_time(match["end"]))


def _clock_time(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours > 23 or minutes > 59:
        raise UsageError(f"{text} is not a time of day; use 24-hour HH:MM, e.g. 14:30.")
    return time(hours, minutes)


def _mention(word: str) -> str | None:
    """Slack sends a mention as <@U123|name> when the command escapes them (see manifest.json)."""
    match = _MENTION.match(word)
    return match[1] if match else None


def _parse_meeting(words: list[str]) -> LogMeeting:
    if len(words) < 2:
        raise UsageError(f"Please give the date and how long you met, e.g. {_MET_EXAMPLE}.")
    try:
        met_on = date.fromisoformat(words[0])
    except ValueError:
        raise UsageError(
            f"{words[0]} is not a date; write it as YYYY-MM-DD, e.g. {_MET_EXAMPLE}."
        ) from None
    duration = _DURATION.match(words[1].lower())
    minutes = int(duration["h"] or 0) * 60 + int(duration["m"] or 0) if duration else 0
    if not minutes:
        raise UsageError(f"{words[1]} is not a length of time; write e.g. `45m`, `1h` or `1h30m`.")
    return LogMeeting(met_on, minutes, " ".join(words[2:]))


def _parse_pause(words: list[str]) -> Pause:
    if words in (["off"], ["stop"], ["end"]):
        return Pause(None)
    if len(words) == 2 and words[0] == "until":
        try:
            return Pause(date.fromisoformat(words[1]))
        except ValueError:
            pass
    raise UsageError(
        "Please say until when, e.g. `/mentoring pause until 2026-03-01`, or `/mentoring pause off`."
    )
