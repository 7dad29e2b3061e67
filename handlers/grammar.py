"""The `/mentoring` command's grammar: text in, a typed command out, or a usage message."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from bot.requests.model import KINDS, Kind


class NotUnderstood(Exception):
    """A `/mentoring` text that is not a command: `hint` names what was wrong (the view words
    it), `said` is the part the person typed."""

    def __init__(self, hint: str, said: str = ""):
        super().__init__(hint)
        self.hint, self.said = hint, said


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
class CalendarFeed:
    """`calendar`: my feed's address; `calendar new`: a new one, the old one stopped."""

    renew: bool = False


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
class AskRequest:
    """`request [adjustment|accommodation|travel [EVENT]]`, or `can't travel [EVENT]`: the form,
    with those chosen. EVENT is as typed: its number in the list the bot shows, a clear part of
    its title, or its id; the handler finds which event it is."""

    kind: Kind | None = None
    event: str | None = None


@dataclass(frozen=True)
class TeamRequests:
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
class SetNation:
    """`nation`: which nation's bank holidays I keep; `nation NAME`: keep that one's."""

    named: str | None


@dataclass(frozen=True)
class SetLanguage:
    """`language` (or `iaith`): which language I read; `language NAME`: read that one."""

    named: str | None


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
    | CalendarFeed
    | SetEventDate
    | WhoIsComing
    | ShowPair
    | MoveStage
    | LogMeeting
    | Pause
    | EditAgreement
    | RaiseConcern
    | AskRequest
    | TeamRequests
    | TeamPairs
    | TeamPair
    | TeamUnpair
    | TeamEvaluations
    | TeamExport
    | TeamChart
    | TeamAlerts
    | TeamEvents
    | MyData
    | SetNation
    | SetLanguage
    | TeamPause
)

_DATE_COMMAND = re.compile(
    r"^event\s+date\s+(?P<event>\S+)\s+(?P<day>\d{4}-\d{2}-\d{2})\s+"
    r"(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})$"
)
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_DURATION = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)(?:m|min|mins)?)?$")


# The Welsh for each command's first word, so a command can be typed in either language
WELSH_WORDS = {
    "cymorth": "help",
    "digwyddiadau": "events",
    "nesaf": "next",
    "pâr": "pair",
    "par": "pair",
    "cytundeb": "agreement",
    "pryder": "concern",
    "fy-nata": "my-data",
    "calendr": "calendar",
    "cam": "stage",
    "cwrdd": "met",
    "saib": "pause",
    "tîm": "team",
    "tim": "team",
    "cenedl": "nation",
    "cais": "request",
    "digwyddiad": "event",
    "dyddiad": "date",
    "tan": "until",
    "iaith": "language",
    "diffodd": "off",
    "newydd": "new",
    "addasiad": "adjustment",
    "llety": "accommodation",
    "teithio": "travel",
    "methu": "can't",
}
# Ways of saying "can't travel" (a phone's curly apostrophe is made straight before this)
_CANT = {"can't", "cant", "cannot"}


def parse_command(text: str) -> Command:
    original = text.replace("\u2019", "'").strip().split()
    words = [w.lower() for w in original]
    words[:2] = [WELSH_WORDS.get(w, w) for w in words[:2]]
    if not words or words == ["help"]:
        return Help()
    simple: dict[str, Command] = {
        "events": ShowEvents(),
        "next": ShowNext(),
        "pair": ShowPair(),
        "agreement": EditAgreement(),
        "concern": RaiseConcern(),
        "my-data": MyData(),
        "calendar": CalendarFeed(),
    }
    if len(words) == 1 and words[0] in simple:
        return simple[words[0]]
    verb = _VERBS.get(words[0])
    if verb is not None:
        return verb(words[1:], original[1:])
    if words[0] in _CANT and words[1:2] == ["travel"]:
        return AskRequest("travel", " ".join(original[2:]) or None)
    if words[:2] == ["event", "date"]:
        return _parse_event_date(" ".join(words))
    if words == ["calendar", "new"]:
        return CalendarFeed(renew=True)
    raise NotUnderstood("unknown", text.strip())


def _parse_stage(words: list[str], _: list[str]) -> MoveStage:
    if not words:
        raise NotUnderstood("stage")
    return MoveStage(" ".join(words))


# Commands that begin with a verb, parsed from the words after it (lower-cased, and as typed)
_VERBS: dict[str, Callable[[list[str], list[str]], Command]] = {
    "stage": _parse_stage,
    "met": lambda _, typed: _parse_meeting(typed),
    "pause": lambda words, _: _parse_pause(words),
    "team": lambda words, typed: _parse_team(words, typed),
    "language": lambda _, typed: SetLanguage(" ".join(typed) or None),
    "nation": lambda _, typed: SetNation(" ".join(typed) or None),
    "request": lambda words, typed: _parse_request(words, typed),
}


_TEAM_SIMPLE: dict[str, Command] = {
    "help": Help(team=True),
    "pairs": TeamPairs(),
    "evaluations": TeamEvaluations(),
    "alerts": TeamAlerts(),
    "events": TeamEvents(),
    "requests": TeamRequests(),
}


def _parse_team(words: list[str], original: list[str]) -> Command:
    if not words:
        return Help(team=True)
    if len(words) == 1 and words[0] in _TEAM_SIMPLE:
        return _TEAM_SIMPLE[words[0]]
    verbs = {
        "pause": _team_pause,
        "export": _team_export,
        "chart": _team_chart,
        "pair": _team_pair,
        "unpair": _team_unpair,
        "who": _team_who,
    }
    if words[0] in verbs:
        return verbs[words[0]](words, original)
    raise NotUnderstood("unknown-team", " ".join(original))


def _team_pause(words: list[str], original: list[str]) -> Command:
    person = _mention(original[1]) if len(original) > 1 else None
    if person is None:
        raise NotUnderstood("team-pause")
    return TeamPause(person, _parse_pause(words[2:]).until)


def _team_export(words: list[str], original: list[str]) -> Command:
    if len(words) in (2, 3) and words[2:] in ([], ["pseudonymous"]):
        return TeamExport(words[1], pseudonymous=len(words) == 3)
    raise NotUnderstood("team-export")


def _team_chart(words: list[str], original: list[str]) -> Command:
    if len(words) == 2:
        return TeamChart(words[1])
    raise NotUnderstood("unknown-team", " ".join(original))


def _team_pair(words: list[str], original: list[str]) -> Command:
    people = [_mention(w) for w in original[1:]]
    if len(people) != 2 or None in people:
        raise NotUnderstood("team-pair")
    return TeamPair(people[0] or "", people[1] or "")


def _team_unpair(words: list[str], original: list[str]) -> Command:
    person = _mention(original[1]) if len(original) > 1 else None
    if person is None:
        raise NotUnderstood("team-unpair")
    return TeamUnpair(person, " ".join(original[2:]) or "ended by the project team")


def _team_who(words: list[str], original: list[str]) -> Command:
    if len(words) != 2:
        raise NotUnderstood("team-who")
    return WhoIsComing(words[1])


def _parse_event_date(text: str) -> SetEventDate:
    match = _DATE_COMMAND.match(text)
    if not match:
        raise NotUnderstood("event-date")
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        raise NotUnderstood("event-date-day", match["day"]) from None
    return SetEventDate(match["event"], day, _clock_time(match["start"]), _clock_time(match["end"]))


def _clock_time(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours > 23 or minutes > 59:
        raise NotUnderstood("time", text)
    return time(hours, minutes)


def _mention(word: str) -> str | None:
    """Slack sends a mention as <@U123|name> when the command escapes them (see manifest.json)."""
    match = _MENTION.match(word)
    return match[1] if match else None


def _parse_meeting(words: list[str]) -> LogMeeting:
    if len(words) < 2:
        raise NotUnderstood("met")
    try:
        met_on = date.fromisoformat(words[0])
    except ValueError:
        raise NotUnderstood("met-date", words[0]) from None
    duration = _DURATION.match(words[1].lower())
    minutes = int(duration["h"] or 0) * 60 + int(duration["m"] or 0) if duration else 0
    if not minutes:
        raise NotUnderstood("met-length", words[1])
    return LogMeeting(met_on, minutes, " ".join(words[2:]))


def _parse_request(words: list[str], typed: list[str]) -> AskRequest:
    if not words:
        return AskRequest()
    kind = next((k for k in KINDS if k == words[0]), None)
    if kind is None:
        raise NotUnderstood("request")
    return AskRequest(kind, " ".join(typed[1:]) or None)


def _parse_pause(words: list[str]) -> Pause:
    if words in (["off"], ["stop"], ["end"]):
        return Pause(None)
    if len(words) == 2 and words[0] == "until":
        try:
            return Pause(date.fromisoformat(words[1]))
        except ValueError:
            pass
    raise NotUnderstood("pause")
