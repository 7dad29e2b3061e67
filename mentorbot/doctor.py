"""`mentorbot doctor`: checks a deployment against Slack and its database, and says how to fix
each problem, so that an operator can go from a new Slack workspace to a live cohort one fixed
line at a time. It changes nothing: no migration, no message."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.scheme import Programme
from storage.database import schema_at_head

MANIFEST = Path(__file__).parent.parent / "manifest.json"


@dataclass(frozen=True)
class Finding:
    """One check: what it looked at, and what is wrong with it and how to fix it (None: fine)."""

    check: str
    problem: str | None = None
    fix: str | None = None


def examine(
    programme: Programme,
    channel: str,
    client: WebClient,
    engine: Engine,
    now: datetime,
) -> list[Finding]:
    """Every check, in the order an operator sets things up."""
    token, granted = _token(client)
    findings = [token]
    if token.problem is None:
        findings += [_scopes(granted), _team_channel(client, channel), *_people(client, programme)]
    return [*findings, _dates(programme, now), _database(engine)]


def manifest_scopes(manifest: Path = MANIFEST) -> set[str]:
    return set(json.loads(manifest.read_text(encoding="utf-8"))["oauth_config"]["scopes"]["bot"])


def missing_scopes(granted: str | None, wanted: Iterable[str]) -> set[str]:
    """The scopes the manifest asks for that the token was not granted (Slack lists a token's
    in the `x-oauth-scopes` header, comma-separated); None: Slack did not say."""
    if granted is None:
        return set()
    return set(wanted) - {scope.strip() for scope in granted.split(",")}


def past_dates(programme: Programme, now: datetime) -> list[str]:
    """The events and forms whose time is over: a programme file from a year gone by."""
    events = [
        e.id
        for e in programme.events
        if e.date != "TBC" and e.end is not None and programme.local_datetime(e.date, e.end) < now
    ]
    forms = [f.id for f in programme.evaluations.forms if f.closes < now]
    return events + forms


def _token(client: WebClient) -> tuple[Finding, str | None]:
    """Whether Slack takes the token, and the scopes it says the token has."""
    try:
        answer = client.auth_test()
    except SlackApiError as error:
        reason = error.response.get("error")
        return Finding(
            "Slack token",
            f"Slack refused it ({reason}).",
            "Copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page into "
            "SLACK_BOT_TOKEN, and install the app to the workspace if you have not.",
        ), None
    except (SlackClientError, OSError):
        return Finding(
            "Slack token",
            "Slack could not be reached.",
            "Check SLACK_API_URL (leave it unset for Slack itself) and this machine's network.",
        ), None
    return Finding("Slack token"), (answer.headers or {}).get("x-oauth-scopes")


def _scopes(granted: str | None) -> Finding:
    missing = missing_scopes(granted, manifest_scopes())
    if not missing:
        return Finding("Scopes")
    return Finding(
        "Scopes",
        f"The token lacks {', '.join(sorted(missing))}.",
        "Add them under OAuth & Permissions (or create the app again from manifest.json), "
        "then reinstall the app to the workspace and copy the new token.",
    )


def _team_channel(client: WebClient, channel: str) -> Finding:
    check = f"Team channel {channel}"
    try:
        info = client.conversations_info(channel=channel)["channel"]
    except SlackApiError:
        return Finding(
            check,
            "The bot cannot see it.",
            "Create a private channel for the project team, invite the bot to it "
            "(`/invite @mentorbot`), and put its id (C…) in project_team.private_channel or "
            "ALERT_CHANNEL.",
        )
    if not (info.get("is_private") or info.get("is_group")):
        return Finding(
            check,
            "It is public: concerns would be seen by anyone in the workspace.",
            "Make it private in Slack (channel settings), or name a private channel instead.",
        )
    if info.get("is_member") is False:
        return Finding(check, "The bot is not in it.", "Invite it: `/invite @mentorbot`.")
    return Finding(check)


def _people(client: WebClient, programme: Programme) -> list[Finding]:
    """The team's members and the approver, each a real, active Slack account."""
    named = [(m.name, m.slack_id) for m in programme.project_team.members]
    approver = programme.approvals.accommodation
    if approver is not None:
        named.append((approver.name, approver.slack_id))
    return [_person(client, name, slack_id) for name, slack_id in named]


def _person(client: WebClient, name: str, slack_id: str | None) -> Finding:
    check = f"{name}'s Slack id"
    fix = (
        f"Put {name}'s member ID in the programme file (in Slack: their profile, ⋮, "
        "Copy member ID)."
    )
    if not slack_id:
        return Finding(check, "None is given.", fix)
    try:
        user = client.users_info(user=slack_id)["user"]
    except SlackApiError:
        return Finding(check, f"{slack_id} is not a member of this workspace.", fix)
    if user.get("deleted"):
        return Finding(check, f"{slack_id}'s account is deactivated.", fix)
    return Finding(check)


def _dates(programme: Programme, now: datetime) -> Finding:
    gone = past_dates(programme, now)
    if not gone:
        return Finding("Programme dates")
    shown = ", ".join(gone[:5]) + (f" and {len(gone) - 5} more" if len(gone) > 5 else "")
    return Finding(
        "Programme dates",
        f"{len(gone)} of its events and forms are already over: {shown}.",
        "Give this year's dates in the programme file (MENTORBOT_PROGRAMME), then run "
        "`mentorbot check` and this again.",
    )


def _database(engine: Engine) -> Finding:
    try:
        at_head = schema_at_head(engine)
    except SQLAlchemyError:
        return Finding(
            "Database",
            "It cannot be reached.",
            "Check DATABASE_URL (postgresql+psycopg://user:password@host:5432/name) and that "
            "the server is up.",
        )
    if not at_head:
        return Finding(
            "Database",
            "Its schema is not this release's.",
            "Start the web or clock process once (each brings the schema up to date at start).",
        )
    return Finding("Database")


def report(findings: list[Finding], say: Callable[[str], None]) -> int:
    """Prints each check; 0 when nothing is wrong, 1 otherwise."""
    for finding in findings:
        if finding.problem is None:
            say(f"ok    {finding.check}")
        else:
            say(f"FIX   {finding.check}: {finding.problem}\n      {finding.fix}")
    wrong = sum(1 for f in findings if f.problem is not None)
    say("Nothing to fix." if not wrong else f"{wrong} to fix.")
    return 1 if wrong else 0
