"""The certificates use cases: a person's certificate of participation, made from what the scheme
stored (their pairing and its stages, their pair's meetings, the events they said they would
come to) and sent as a PDF to their own DM and nowhere else; checking a code anyone typed against
the cohort's certificates, made afresh from storage (nothing about a certificate is stored); and
who completed, for the project team.

A mentor may have more than one mentee: their part in the cohort is all their pairings together
(paired from the first, at closure from the first to reach it, still going while any is)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.certificates.model import Certificate, Cohort, Participation, Verified
from bot.certificates.notices import CertificateFile
from bot.certificates.rules import certificate_for, code_for, completed, parse_code, verify
from bot.errors import NotAParticipant
from bot.events.rules import current_schedules
from bot.notices import Deliveries, keys_of
from bot.pairs.model import Pair
from bot.participants.model import Participant
from bot.ports import UnitOfWork
from bot.scheme import Programme
from bot.team import Team

# The stage whose start completes a pairing.
CLOSURE = "coming_to_closure"
# A participant's language when they have not chosen one: the bot's own.
DEFAULT_LANGUAGE = "en"


def certificate_key(server_secret: str) -> bytes:
    """The key of certificates' codes, drawn from a server secret (the signing secret) for this
    use alone: no code says anything of the secret, nor of the event files' key."""
    return hmac.new(server_secret.encode(), b"mentorbot certificates", hashlib.sha256).digest()


def cohort_of(programme: Programme) -> Cohort:
    """The cohort as its certificates name it."""
    return Cohort(
        scheme=programme.name,
        id=programme.cohort,
        ends_on=programme.last_day,
        zone=programme.timezone,
    )


def completions(
    uow: UnitOfWork, programme: Programme, people: Sequence[Participant], now: datetime
) -> list[bool]:
    """Whether each of `people` has completed the cohort at `now`, as their certificate would
    say: for others who count completion (the outcomes report), with what the certificates
    read once for all of them."""
    records = _Records(uow, programme, now)
    cohort = cohort_of(programme)
    return [completed(records.participation(p), cohort, now) for p in people]


@dataclass(frozen=True)
class Progress:
    """Someone who has not completed yet, and what they have done towards it: what the view
    words as what completing still needs."""

    paired: bool  # both of a pair accepted
    awaiting: bool  # a pairing waits for them or their partner to accept it
    met: bool  # their pair logged a meeting
    ends_on: date  # the scheme's last day: a pairing still going then completes


class CertificatesService:
    def __init__(
        self,
        programme: Programme,
        uow: Callable[[], UnitOfWork],
        deliveries: Deliveries,
        team: Team,
        key: bytes,
        public_url: str | None = None,
    ) -> None:
        """`key`: this deployment's key of codes (`certificate_key`); `public_url`: where the
        public reaches the web process, whose /certificates/CODE checks a code."""
        self.programme = programme
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._key = key
        self._public_url = public_url
        self._cohort = cohort_of(programme)

    def mine(self, slack_user_id: str, now: datetime) -> Certificate | Progress:
        """The person's certificate, or how far they are from one. NotAParticipant."""
        with self._uow() as uow:
            person = _participant(uow, slack_user_id)
            return self._certificate_or_progress(_Records(uow, self.programme, now), person)

    def send_mine(self, slack_user_id: str, now: datetime) -> Certificate | Progress:
        """The person's certificate, kept in the same transaction as a PDF for their own DM and
        sent now if Slack takes it; or, when they have not completed, how far they are (and
        nothing is sent). NotAParticipant."""
        with self._uow() as uow:
            person = _participant(uow, slack_user_id)
            mine = self._certificate_or_progress(_Records(uow, self.programme, now), person)
            if isinstance(mine, Progress):
                return mine
            # Never expires: the person asked for it, and it is theirs however late it arrives.
            file = CertificateFile(slack_user_id, now, mine, self._public_url)
            outgoing = [file.to_person(person)]
            uow.deliveries.add(outgoing, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(outgoing))
        return mine

    def verify(self, typed: str, now: datetime) -> Verified | None:
        """What anyone checking `typed` may see: the name, role and cohort of the certificate
        it is the code of, if that person completed the cohort; None when no certificate has it.
        NotACode when it cannot be a code, before anything is read."""
        code = parse_code(typed)
        with self._uow() as uow:
            # The code names one person at most: only theirs is made in full.
            holder = next(
                (p for p in _on_the_scheme(uow) if self._code(p) == code),
                None,
            )
            if holder is None:
                return None
            issued = certificate_for(
                _Records(uow, self.programme, now).participation(holder),
                self._cohort,
                self._key,
                now,
            )
        return verify(code, self._key, [issued] if issued else [])

    def completed(self, actor: str, now: datetime) -> list[Certificate]:
        """Everyone who completed the cohort, mentors first, each by name (for the team only)."""
        self._team.require_member(actor)
        with self._uow() as uow:
            records = _Records(uow, self.programme, now)
            made = (
                certificate_for(records.participation(p), self._cohort, self._key, now)
                for p in _on_the_scheme(uow)
            )
            issued = [c for c in made if c is not None]
        return sorted(issued, key=lambda c: (c.role != "mentor", c.name.casefold()))

    def _certificate_or_progress(
        self, records: _Records, person: Participant
    ) -> Certificate | Progress:
        participation = records.participation(person)
        made = certificate_for(participation, self._cohort, self._key, records.now)
        if made is not None:
            return made
        return Progress(
            paired=participation.paired_on is not None,
            awaiting=records.awaiting(person),
            met=bool(participation.meetings),
            ends_on=self._cohort.ends_on,
        )

    def _code(self, person: Participant) -> str:
        return code_for(self._key, self._cohort.id, person.id)


class _Records:
    """What one transaction reads once for the participations of one person or many: the
    events' dates, everyone's replies, the pairs still going; each pair's meetings and when it
    came to closure once, for both of its members."""

    def __init__(self, uow: UnitOfWork, programme: Programme, now: datetime) -> None:
        self._uow = uow
        self.now = now
        self._zone = ZoneInfo(programme.timezone)
        schedules = current_schedules(programme, uow.schedules.all(), uow.schedules.file_versions())
        self._ended = {
            event_id: s.starts_at
            for event_id, s in schedules.items()
            if s.starts_at is not None and s.ends_at is not None and s.ends_at <= now
        }
        self._replies = uow.rsvps.answers()
        self._going: dict[int, list[Pair]] = {}
        for pair in uow.pairs.current():
            for member in pair.members:
                self._going.setdefault(member, []).append(pair)
        self._met: dict[int, tuple[date, ...]] = {}
        self._closed: dict[int, datetime | None] = {}

    def participation(self, person: Participant) -> Participation:
        pairs = [p for p in self._pairs_of(person) if p.activated_at is not None]
        meetings = sorted(day for pair in pairs for day in self._meetings(pair))
        # Coming to Closure completes only a pairing that met: the others' stages are not read.
        closures = [self._closure(pair) for pair in pairs if self._meetings(pair)]
        return Participation(
            person_id=person.id,
            name=person.name,
            role=person.role,
            language=person.language or DEFAULT_LANGUAGE,
            paired_on=self._earliest(p.activated_at for p in pairs),
            closure_on=self._earliest(closures),
            pairing_ended_on=self._pairing_ended(pairs),
            meetings=tuple(meetings),
            events_attended=tuple(
                sorted(
                    self._day(starts)
                    for event_id, starts in self._ended.items()
                    if self._replies.get((event_id, person.id)) == "yes"
                )
            ),
        )

    def awaiting(self, person: Participant) -> bool:
        """Whether a pairing of theirs waits for one of the two to accept it."""
        return any(p.status == "awaiting" for p in self._pairs_of(person))

    def _pairs_of(self, person: Participant) -> list[Pair]:
        """Every pairing still going that they are in, or else the last they had."""
        going = self._going.get(person.id)
        if going:
            return going
        last = self._uow.pairs.latest_for(person.id)
        return [last] if last else []

    def _meetings(self, pair: Pair) -> tuple[date, ...]:
        if pair.id not in self._met:
            self._met[pair.id] = tuple(m.met_on for m in self._uow.meetings.for_pair(pair.id))
        return self._met[pair.id]

    def _closure(self, pair: Pair) -> datetime | None:
        """When the pair first reached Coming to Closure, if it has."""
        if pair.id not in self._closed:
            history = self._uow.pairs.stage_history(pair.id)
            closed = (c.changed_at for c in history if c.stage == CLOSURE)
            self._closed[pair.id] = next(closed, None)
        return self._closed[pair.id]

    def _pairing_ended(self, pairs: list[Pair]) -> date | None:
        """The day the last of their pairings ended; None while any is still going."""
        if not pairs or any(p.ended_at is None for p in pairs):
            return None
        return max(self._day(p.ended_at) for p in pairs if p.ended_at)

    def _earliest(self, moments: Iterable[datetime | None]) -> date | None:
        days = [self._day(at) for at in moments if at is not None]
        return min(days, default=None)

    def _day(self, at: datetime) -> date:
        """The day a moment falls on in the programme's zone."""
        return at.astimezone(self._zone).date()


def _participant(uow: UnitOfWork, slack_user_id: str) -> Participant:
    person = uow.participants.by_slack_id(slack_user_id)
    if person is None:
        raise NotAParticipant()
    return person


def _on_the_scheme(uow: UnitOfWork) -> list[Participant]:
    """The cohort's participants; an erased one keeps a row, with no Slack link, and no
    certificate: nothing of theirs is shown to anyone checking a code."""
    return [p for p in uow.participants.all() if p.slack_user_id]
