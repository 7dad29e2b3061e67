"""Participants of the scheme and the pure rules for importing them from a CSV file."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Role = Literal["mentor", "mentee"]
ROLES: tuple[Role, ...] = ("mentor", "mentee")
REQUIRED_COLUMNS = ("name", "email", "role")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


@dataclass(frozen=True)
class Participant:
    id: int
    name: str
    email: str
    role: Role
    slack_user_id: str | None
    tz: str | None = None
    about: str | None = None
    paused_until: date | None = None


@dataclass(frozen=True)
class ParticipantRow:
    """One valid line of an import file; line is the file's own line number, for messages."""

    line: int
    name: str
    email: str
    role: Role
    slack_user_id: str | None
    about: str | None = None


class ImportRejected(Exception):
    """The file has problems; nothing was imported. Each problem names its line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_participants_csv(text: str) -> list[ParticipantRow]:
    """All rows, or ImportRejected listing every bad row: a file is imported whole or not at all."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportRejected(
            [
                (
                    f"line 1: the header needs the columns name, email, role (and optionally "
                    f"slack_id); missing: {', '.join(missing)}"
                )
            ]
        )
    rows: list[ParticipantRow] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        fields = {(k or "").strip().lower(): (v or "").strip() for k, v in record.items()}
        if not any(fields.values()):
            continue
        row_problems = _check_row(fields)
        email = fields.get("email", "").lower()
        if email in first_line:
            row_problems.append(f"{email} is already on line {first_line[email]}")
        first_line.setdefault(email, line)
        if row_problems:
            problems.extend(f"line {line}: {p}" for p in row_problems)
            continue
        rows.append(
            ParticipantRow(
                line=line,
                name=fields["name"],
                email=email,
                role=fields["role"].lower(),  # type: ignore[arg-type]
                slack_user_id=fields.get("slack_id") or None,
                about=fields.get("about") or None,
            )
        )
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected(["the file has a header but no participants"])
    return rows


def _check_row(fields: dict[str, str]) -> list[str]:
    problems = []
    if not fields.get("name"):
        problems.append("the name is empty")
    if not _EMAIL.match(fields.get("email", "")):
        problems.append(f"{fields.get('email') or 'the email'!s} is not an email address")
    if fields.get("role", "").lower() not in ROLES:
        problems.append(f"role must be mentor or mentee, not {fields.get('role') or 'empty'!r}")
    slack_id = fields.get("slack_id", "")
    if slack_id and not _SLACK_USER_ID.match(slack_id):
        problems.append(f"{slack_id!r} is not a Slack user id (they look like U0123ABCD)")
    return problems
