"""The pure rules about participants: reading an import file (all or nothing), and the nation
or language a person means, however they write it."""

from __future__ import annotations

import csv
import io
import re

from bot.participants.errors import (
    EmailRepeated,
    EmptyName,
    ImportProblem,
    ImportRejected,
    MissingColumns,
    NoParticipants,
    NotANation,
    NotAnEmail,
    NotARole,
    NotASlackId,
    UnknownColumns,
)
from bot.participants.model import COLUMNS, REQUIRED_COLUMNS, ROLES, ParticipantRow
from bot.scheme import Nation

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


# What people call each nation, in English and Welsh, as a file or a command may give it
NATION_NAMES: dict[str, Nation] = {
    "england": "england",
    "lloegr": "england",
    "wales": "wales",
    "cymru": "wales",
    "scotland": "scotland",
    "yr alban": "scotland",
    "alban": "scotland",
    "northern ireland": "northern_ireland",
    "northern_ireland": "northern_ireland",
    "ni": "northern_ireland",
    "gogledd iwerddon": "northern_ireland",
}


# The languages the bot writes in, as people name them in either
LANGUAGE_NAMES: dict[str, str] = {
    "english": "en",
    "saesneg": "en",
    "en": "en",
    "cymraeg": "cy",
    "welsh": "cy",
    "cy": "cy",
}


def language_named(text: str) -> str | None:
    return LANGUAGE_NAMES.get(text.strip().lower())


def language_of_locale(locale: str | None) -> str | None:
    """The language a Slack locale ("cy-GB", "en-GB") asks the bot for: Welsh, or None, the
    bot's default, which a person's own choice later overrides. (Slack offers no Welsh today;
    a workspace that ever does gets it without a word from anyone.)"""
    return "cy" if locale and locale.lower().replace("_", "-").split("-")[0] == "cy" else None


def nation_named(text: str) -> Nation | None:
    """The nation a person means, however they spell it; None when it is not one."""
    words = " ".join(text.replace("-", " ").lower().split())
    return NATION_NAMES.get(words)


def parse_participants_csv(text: str) -> list[ParticipantRow]:
    """All rows, or ImportRejected listing every bad row: a file is imported whole or not at all."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = tuple(c for c in columns if c and c not in COLUMNS)
    header: list[ImportProblem] = [MissingColumns(1, tuple(missing))] if missing else []
    header += [UnknownColumns(1, unknown)] if unknown else []
    if header:
        raise ImportRejected(header)
    rows: list[ParticipantRow] = []
    problems: list[ImportProblem] = []
    first_line: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        fields = {(k or "").strip().lower(): (v or "").strip() for k, v in record.items()}
        if not any(fields.values()):
            continue
        row_problems = _check_row(line, fields)
        email = fields.get("email", "").lower()
        if email in first_line:
            row_problems.append(EmailRepeated(line, email, first_line[email]))
        first_line.setdefault(email, line)
        if row_problems:
            problems.extend(row_problems)
            continue
        rows.append(
            ParticipantRow(
                line=line,
                name=fields["name"],
                email=email,
                role=fields["role"].lower(),  # type: ignore[arg-type]
                slack_user_id=fields.get("slack_id") or None,
                about=fields.get("about") or None,
                nation=nation_named(fields.get("nation", "")),
            )
        )
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([NoParticipants(None)])
    return rows


def _check_row(line: int, fields: dict[str, str]) -> list[ImportProblem]:
    problems: list[ImportProblem] = []
    if not fields.get("name"):
        problems.append(EmptyName(line))
    if not _EMAIL.match(fields.get("email", "")):
        problems.append(NotAnEmail(line, fields.get("email", "")))
    if fields.get("role", "").lower() not in ROLES:
        problems.append(NotARole(line, fields.get("role", "")))
    nation = fields.get("nation", "")
    if nation and nation_named(nation) is None:
        problems.append(NotANation(line, nation))
    slack_id = fields.get("slack_id", "")
    if slack_id and not _SLACK_USER_ID.match(slack_id):
        problems.append(NotASlackId(line, slack_id))
    return problems
