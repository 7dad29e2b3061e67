"""Personal calendar feeds: a secret, revocable address per person that serves every dated scheme
event of their audience, built from the database on each request, so a subscribed calendar
follows every date change by itself (stable UIDs, SEQUENCE per change, as the calendar file).

The address's secret is shown once and kept only as its sha256: whoever reads the database
cannot subscribe to anyone's calendar, and a lost address is replaced, never shown again.

Each event's own calendar file has an address no one can guess either (its joining details are
for the scheme's people): an HMAC of the event and its date with a server key, so nothing is
stored, and a new date makes a new address (the old one then leads nowhere)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.errors import NotAParticipant
from bot.events.model import EventSchedule
from bot.events.notices import CalendarInvite
from bot.events.rules import current_schedules, in_audience
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.scheme import Programme


def new_token() -> str:
    """43 URL-safe characters: 256 bits from the operating system's secure source."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The fingerprint kept in the database: enough to recognise the address, not to rebuild it."""
    return hashlib.sha256(token.encode()).hexdigest()


def file_key(server_secret: str) -> bytes:
    """The key of event files' addresses, drawn from a server secret (the signing secret) for
    this use alone, so no address says anything of the secret."""
    return hmac.new(server_secret.encode(), b"mentorbot event files", hashlib.sha256).digest()


def file_token(key: bytes, event_id: str, starts_at: datetime) -> str:
    """An event's file address on one date: 43 URL-safe characters (256 bits)."""
    message = f"{event_id}\n{starts_at.astimezone(UTC).isoformat()}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@dataclass(frozen=True)
class FeedAddress:
    """What `/mentoring calendar` tells someone: a new secret (shown this once), or, when they
    already have an address and did not ask for a new one, when it was made."""

    token: str | None
    since: datetime | None


@dataclass(frozen=True)
class Feed:
    """One person's calendar: each of their dated events, as its current calendar version. It
    says nothing of anyone, the person included, beyond which events are theirs."""

    programme: Programme
    events: list[CalendarInvite]
    language: str | None = None  # the language its holder reads; None: the bot's default


class CalendarFeeds:
    def __init__(self, programme: Programme, uow: UnitOfWorkFactory, key: bytes):
        """`key`: this deployment's key of event files' addresses (`file_key`)."""
        self.programme = programme
        self._uow = uow
        self._key = key

    def file_token(self, event_id: str, starts_at: datetime) -> str:
        """The event's calendar file's secret address on that date."""
        return file_token(self._key, event_id, starts_at)

    def address(self, slack_user_id: str, now: datetime, renew: bool = False) -> FeedAddress:
        """The person's feed address, made on first use; `renew` revokes every address they had
        and makes a new one."""
        with self._uow() as uow:
            person = _participant(uow, slack_user_id)
            since = uow.calendar_feeds.active_since(person.id)
            if since is not None and not renew:
                return FeedAddress(None, since)
            uow.calendar_feeds.revoke(person.id, now)
            token = new_token()
            uow.calendar_feeds.add(person.id, token_hash(token), now)
            uow.commit()
        return FeedAddress(token, now)

    def feed(self, token: str) -> Feed | None:
        """The feed behind a secret, or None when no current address has it (unknown, revoked,
        or its holder erased). Events they said they can't make are left out: a subscribed
        calendar drops them, and brings them back if they change their mind or the date moves
        (a new date clears the old replies)."""
        with self._uow() as uow:
            holder = uow.calendar_feeds.holder(token_hash(token))
            person = uow.participants.get(holder) if holder is not None else None
            if person is None:
                return None
            schedules = self._schedules(uow)
            answers = uow.rsvps.answers()
            mine = [
                CalendarInvite(self.programme, e, schedules[e.id], uow.schedules.sequence(e.id))
                for e in self.programme.events
                if in_audience(person.role, e.audience)
                and not schedules[e.id].is_tbc
                and answers.get((e.id, person.id)) != "no"
            ]
        return Feed(self.programme, mine, person.language)

    def event_file(self, token: str) -> CalendarInvite | None:
        """The current calendar version of the event whose address on its current date is
        `token` (file_token), or None when no event's is: unknown, an old date's, or TBC."""
        with self._uow() as uow:
            schedules = self._schedules(uow)
            for event in self.programme.events:
                starts_at = schedules[event.id].starts_at
                if starts_at is None:
                    continue
                if hmac.compare_digest(self.file_token(event.id, starts_at), token):
                    sequence = uow.schedules.sequence(event.id)
                    return CalendarInvite(self.programme, event, schedules[event.id], sequence)
        return None

    def _schedules(self, uow: UnitOfWork) -> dict[str, EventSchedule]:
        """As the events service sees them: no web process waits for the clock's start."""
        return current_schedules(self.programme, uow.schedules.all(), uow.schedules.file_versions())


def _participant(uow: UnitOfWork, slack_user_id: str) -> Participant:
    person = uow.participants.by_slack_id(slack_user_id)
    if person is None:
        raise NotAParticipant()
    return person
