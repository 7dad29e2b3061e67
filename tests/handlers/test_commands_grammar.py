"""The /mentoring grammar."""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from handlers.events import SetEventDate, ShowEvents, ShowNext, WhoIsComing
from handlers.features import GRAMMARS, parse_command
from handlers.goals import ShowGoals
from handlers.grammar import WELSH_WORDS, Help, NotUnderstood
from handlers.i18n import ENGLISH, WELSH, in_language
from handlers.pairs import LogMeeting, MoveStage
from handlers.reflections import Reflect
from handlers.requests import AskRequest, TeamRequests
from handlers.views.commands import TEAM_USAGE, USAGE, not_understood, usage


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("", Help()),
        ("help", Help()),
        ("  Events ", ShowEvents()),
        ("next", ShowNext()),
        ("team", Help(team=True)),
        ("team who launch", WhoIsComing("launch")),
        ("request", AskRequest()),
        ("request adjustment", AskRequest("adjustment")),
        ("Request Travel launch", AskRequest("travel", "launch")),
        ("request travel LMS Launch", AskRequest("travel", "LMS Launch")),
        ("can't travel", AskRequest("travel")),
        ("Can\u2019t travel LMS launch", AskRequest("travel", "LMS launch")),
        ("cannot travel 2", AskRequest("travel", "2")),
        ("team requests", TeamRequests()),
        (
            "event date networking-jan-2026 2026-01-21 10:00-11:00",
            SetEventDate("networking-jan-2026", date(2026, 1, 21), time(10), time(11)),
        ),
        (
            "event date ukio-2026 2026-06-12 9:30 – 12:00",
            SetEventDate("ukio-2026", date(2026, 6, 12), time(9, 30), time(12)),
        ),
    ],
)
def test_commands_people_type(text: str, command: object) -> None:
    assert parse_command(text) == command


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("dance", "I don't know `/mentoring dance`"),
        ("event date launch tomorrow", "Please give the event, the date and the UK times"),
        ("event date launch 2026-02-30 10:00-11:00", "2026-02-30 is not a date"),
        ("event date launch 2026-02-03 25:00-26:00", "25:00 is not a time of day"),
        ("team who", "Please name one event"),
        ("team fly", "I don't know `/mentoring team fly`"),
        ("request pony", "Please say what you need"),
    ],
)
def test_a_malformed_command_gets_a_kind_usage_message(text: str, says: str) -> None:
    with pytest.raises(NotUnderstood) as refused:
        parse_command(text)
    assert says in not_understood(refused.value)


def test_what_someone_typed_is_shown_as_text_in_the_usage_message() -> None:
    with pytest.raises(NotUnderstood) as refused:
        parse_command("<!channel> hello")
    said = not_understood(refused.value)
    assert "&lt;!channel&gt;" in said and "<!channel>" not in said


def test_commands_are_understood_in_welsh_too() -> None:
    assert parse_command("digwyddiadau") == parse_command("events")
    assert parse_command("cymorth") == parse_command("help")
    assert parse_command("saib tan 2026-03-01") == parse_command("pause until 2026-03-01")
    assert parse_command("cwrdd 2026-02-03 45m cynllunio") == parse_command(
        "met 2026-02-03 45m cynllunio"
    )
    assert parse_command("digwyddiad dyddiad launch 2025-11-13 11:00-15:00") == parse_command(
        "event date launch 2025-11-13 11:00-15:00"
    )
    assert parse_command("iaith cymraeg") == parse_command("language cymraeg")
    assert parse_command("methu teithio 2") == parse_command("can't travel 2")
    assert parse_command("cais llety lansio") == parse_command("request accommodation lansio")
    assert parse_command("cais addasiad") == parse_command("request adjustment")
    assert parse_command("saib diffodd") == parse_command("pause off")
    assert parse_command("calendr newydd") == parse_command("calendar new")


def test_the_welsh_help_teaches_welsh_command_words_that_do_what_the_english_ones_do() -> None:
    english = re.findall(r"`/mentoring ([^`]+)`", usage(USAGE))
    with in_language(WELSH):
        welsh = re.findall(r"`/mentoring ([^`]+)`", usage(USAGE))
        team = usage(TEAM_USAGE)
    assert len(welsh) == len(english)
    for taught, meant in zip(welsh, english, strict=True):
        assert taught.split()[0] in WELSH_WORDS, f"{taught!r} is not taught in Welsh"
        sent, meant = as_slack_sends(taught), as_slack_sends(meant)
        assert type(parse_command(sent)) is type(parse_command(meant)), taught
    assert parse_command("methu teithio lansiad") == AskRequest("travel", "lansiad")
    # The team's commands stay in English, and their help says so.
    assert team.startswith(
        "Gorchmynion tîm y prosiect (mae geiriau'r gorchmynion yn aros yn Saesneg"
    )


def as_slack_sends(typed: str) -> str:
    """A command as Slack sends it: the `@name` someone types picked from the list, a mention."""
    return re.sub(r"@\w+", "<@UNAMED001>", typed)


# Other ways of typing a command the help teaches: the goals' old name, and "can't" unpunctuated
ALIASES = {("agreement",), ("cant", "travel"), ("cannot", "travel")}


def taught(lines: tuple[str, ...]) -> list[list[str]]:
    """The words of every command a help shows (each in backticks), read as the router reads
    them: lower-cased, the first two in English."""
    spans = [
        span.removeprefix("/mentoring ").lower().split()
        for span in re.findall(r"`([^`]+)`", usage(lines))
    ]
    return [[WELSH_WORDS.get(w, w) for w in words[:2]] + words[2:] for words in spans]


def shows(lines: tuple[str, ...], command: tuple[str, ...]) -> bool:
    return any(tuple(words[: len(command)]) == command for words in taught(lines))


@pytest.mark.parametrize("language", [ENGLISH, WELSH])
def test_every_command_is_in_the_help_of_those_who_may_use_it(language: str) -> None:
    commands = {words for grammar in GRAMMARS for words in grammar} - ALIASES
    with in_language(language):
        missing = sorted(c for c in commands if not shows(USAGE, c) and not shows(TEAM_USAGE, c))
        not_the_teams = sorted(c for c in commands if c[0] == "team" and not shows(TEAM_USAGE, c))
        the_teams_to_everyone = sorted(c for c in commands if c[0] == "team" and shows(USAGE, c))
    assert missing == not_the_teams == the_teams_to_everyone == []


def test_a_mentor_with_several_mentees_names_the_pair_first_in_either_language() -> None:
    sam = "<@USAM00001|sam>"
    assert parse_command(f"met {sam} 2026-02-03 45m career planning") == LogMeeting(
        date(2026, 2, 3), 45, "career planning", "USAM00001"
    )
    assert parse_command(f"cam {sam} twf") == MoveStage("twf", "USAM00001")
    assert parse_command(f"goals {sam}") == ShowGoals("USAM00001")
    assert parse_command(f"myfyrio {sam}") == Reflect("USAM00001")
    assert parse_command("met 2026-02-03 45m") == LogMeeting(date(2026, 2, 3), 45, "")
    with pytest.raises(NotUnderstood):
        parse_command(f"met {sam}")
