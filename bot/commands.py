"""The `/mentoring` command's grammar: text in, a typed command out, or a usage message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from bot.errors import UsageError

USAGE = """Here is what I can do:
• `/mentoring events`: your upcoming scheme events and your replies
• `/mentoring next`: your next event
• `/mentoring help`: this message
For the project team: `/mentoring team help`"""

TEAM_USAGE = """Project team commands:
• `/mentoring team who EVENT`: who is coming to an event
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


Command = Help | ShowEvents | ShowNext | SetEventDate | WhoIsComing

_DATE_COMMAND = re.compile(
    r"^event\s+date\s+(?P<event>\S+)\s+(?P<day>\d{4}-\d{2}-\d{2})\s+"
    r"(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})$"
)
_DATE_EXAMPLE = "`/mentoring event date networking-jan-2026 2026-01-21 10:00-11:00`"


def parse_command(text: str) -> Command:
    words = text.strip().lower().split()
    if not words or words == ["help"]:
        return Help()
    if words == ["events"]:
        return ShowEvents()
    if words == ["next"]:
        return ShowNext()
    if words[0] == "team":
        return _parse_team(words[1:])
    if words[:2] == ["event", "date"]:
        return _parse_event_date(" ".join(words))
    raise UsageError(f"Sorry, I don't know `/mentoring {text.strip()}`.\n{USAGE}")


def _parse_team(words: list[str]) -> Command:
    if not words or words == ["help"]:
        return Help(team=True)
    if words[0] == "who":
        if len(words) != 2:
            raise UsageError("Please name one event, e.g. `/mentoring team who launch`.")
        return WhoIsComing(words[1])
    raise UsageError(f"Sorry, I don't know `/mentoring team {' '.join(words)}`.\n{TEAM_USAGE}")


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
