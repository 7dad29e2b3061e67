"""Reading a participants file: all or nothing, every problem named by its line."""

from __future__ import annotations

import pytest

from bot.participants.errors import (
    EmailRepeated,
    EmptyName,
    ImportRejected,
    MissingColumns,
    NoParticipants,
    NotAnEmail,
    NotARole,
    NotASlackId,
    UnknownColumns,
)
from bot.participants.model import COLUMNS, ParticipantRow
from bot.participants.rules import parse_participants_csv


def test_a_clean_file_gives_one_row_per_person_with_emails_lowercased() -> None:
    rows = parse_participants_csv(
        "Name,Email,Role,slack_id\nGrace Mensah,Grace.Mensah@Example.nhs.uk,Mentor,U01GRACE\n"
        "Sunita Rao,sunita.rao@example.nhs.uk,mentee,\n"
    )
    assert rows == [
        ParticipantRow(2, "Grace Mensah", "grace.mensah@example.nhs.uk", "mentor", "U01GRACE"),
        ParticipantRow(3, "Sunita Rao", "sunita.rao@example.nhs.uk", "mentee", None),
    ]


def test_every_bad_row_is_reported_by_line_and_nothing_is_returned() -> None:
    with pytest.raises(ImportRejected) as rejected:
        parse_participants_csv(
            "name,email,role\n"
            "Grace Mensah,grace@example.org,mentor\n"
            ",nobody@example.org,mentee\n"
            "Sam Lee,not-an-email,mentee\n"
            "Ann Dee,ann@example.org,supervisor\n"
            "Grace Again,GRACE@example.org,mentee\n"
        )
    assert rejected.value.problems == [
        EmptyName(3),
        NotAnEmail(4, "not-an-email"),
        NotARole(5, "supervisor"),
        EmailRepeated(6, "grace@example.org", 2),
    ]


def test_a_file_without_the_needed_columns_says_which_are_missing() -> None:
    with pytest.raises(ImportRejected) as rejected:
        parse_participants_csv("name,email\nGrace,grace@example.org\n")
    assert rejected.value.problems == [MissingColumns(1, ("role",))]


def test_a_bad_slack_id_and_an_empty_file_are_refused() -> None:
    with pytest.raises(ImportRejected) as rejected:
        parse_participants_csv("name,email,role,slack_id\nGrace,grace@example.org,mentor,grace\n")
    assert rejected.value.problems == [NotASlackId(2, "grace")]
    with pytest.raises(ImportRejected) as rejected:
        parse_participants_csv("name,email,role\n\n")
    assert rejected.value.problems == [NoParticipants(None)]


def test_a_file_with_a_column_the_importer_does_not_read_imports_nothing_and_names_it() -> None:
    with pytest.raises(ImportRejected) as rejected:
        parse_participants_csv(
            "name,email,role,slack_user_id,Team\nGrace,grace@example.org,mentor,U01GRACE,A\n"
        )
    assert rejected.value.problems == [UnknownColumns(1, ("slack_user_id", "team"), COLUMNS)]


def test_every_column_the_importer_knows_is_read() -> None:
    [row] = parse_participants_csv(
        ",".join(COLUMNS) + "\nGrace,grace@example.org,mentor,U01GRACE,Radiographer,Wales\n"
    )
    assert (row.slack_user_id, row.about, row.nation) == ("U01GRACE", "Radiographer", "wales")
