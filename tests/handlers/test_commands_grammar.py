"""The /mentoring grammar."""

from __future__ import annotations

from datetime import date, time

import pytest

from handlers.grammar import (
    AskRequest,
    Help,
    NotUnderstood,
    SetEventDate,
    ShowEvents,
    ShowNext,
    TeamRequests,
    WhoIsComing,
    parse_command,
)
from handlers.views.commands import not_understood


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
        ("request travel launch tomorrow", "Please say what you need"),
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
