"""The CPD use cases: a registrant's CPD record for the scheme, made from what the scheme stored
(the events they said they would come to, their pair's meetings with minutes and topics), sent
as a Word document they can edit and as a PDF, in their language, to their own DM and nowhere
else. Nothing about the record itself is stored: it is made afresh each time it is asked for.

Their own reflections (bot/reflections: at the close, and after meetings) are in it, each dated
the day it was first written; nobody else's are."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.cpd.errors import NoActivityYet
from bot.cpd.model import CLOSURE_PARTS, AttendedEvent, CpdRecord, CpdSources, Reflection
from bot.cpd.notices import CpdDocx, CpdPdf
from bot.cpd.rules import cpd_record
from bot.errors import NotAParticipant
from bot.events.rules import current_schedules
from bot.notices import Deliveries, keys_of
from bot.pairs.model import Meeting, Pair
from bot.participants.model import Participant
from bot.ports import UnitOfWork
from bot.reflections.model import Reflection as Written
from bot.scheme import Event, Programme

# A participant's language when they have not chosen one: the bot's own.
DEFAULT_LANGUAGE = "en"
# The programme file says no more of an event's kind than its words: a course or a briefing
# names itself so, in its id or its English title ("Pre-launch online training").
TRAINING = re.compile(r"\b(training|briefing|course|workshop)\b", re.IGNORECASE)


def is_training(event: Event) -> bool:
    """Whether an event is training (formal / educational learning) rather than the scheme's
    launch, networking or celebration (a professional activity)."""
    return bool(TRAINING.search(event.id.replace("-", " ")) or TRAINING.search(event.title))


class CpdService:
    def __init__(
        self, programme: Programme, uow: Callable[[], UnitOfWork], deliveries: Deliveries
    ) -> None:
        self.programme = programme
        self._uow = uow
        self._deliveries = deliveries

    def send_mine(self, slack_user_id: str, now: datetime) -> CpdRecord:
        """The person's record up to `now`, kept in the same transaction as a Word document and
        a PDF for their own DM, in their language, and sent now if Slack takes them.
        NotAParticipant; NoActivityYet while there is nothing in it."""
        with self._uow() as uow:
            person = _participant(uow, slack_user_id)
            language = person.language or DEFAULT_LANGUAGE
            record = cpd_record(self._sources(uow, person, language, now), now)
            # Never expire: the person asked for them, and they are theirs however late.
            outgoing = [
                CpdDocx(slack_user_id, now, record, language).to_person(person),
                CpdPdf(slack_user_id, now, record, language).to_person(person),
            ]
            uow.deliveries.add(outgoing, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(outgoing))
        return record

    def has_record(self, slack_user_id: str, now: datetime) -> bool:
        """Whether the person has a record to ask for: on the scheme, with something in it."""
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            if person is None:
                return False
            sources = self._sources(uow, person, person.language or DEFAULT_LANGUAGE, now)
        try:
            cpd_record(sources, now)
        except NoActivityYet:
            return False
        return True

    def _sources(
        self, uow: UnitOfWork, person: Participant, language: str, now: datetime
    ) -> CpdSources:
        return CpdSources(
            name=person.name,
            role=person.role,
            scheme=self.programme.name,
            cohort=self.programme.cohort,
            zone=self.programme.timezone,
            attended=self._attended(uow, person, language),
            meetings=_meetings(uow, person),
            reflections=tuple(
                _reflection(r, self.programme.zone) for r in uow.reflections.of(person.id)
            ),
        )

    def _attended(
        self, uow: UnitOfWork, person: Participant, language: str
    ) -> tuple[AttendedEvent, ...]:
        """The dated events they said they would come to, titled in their language (the record
        keeps those that have ended)."""
        replies = uow.rsvps.answers()
        schedules = current_schedules(
            self.programme, uow.schedules.all(), uow.schedules.file_versions()
        )
        return tuple(
            AttendedEvent(
                title=event.in_language(language).title,
                starts_at=schedule.starts_at,
                ends_at=schedule.ends_at,
                is_training=is_training(event),
            )
            for event in self.programme.events
            if replies.get((event.id, person.id)) == "yes"
            and (schedule := schedules[event.id]).starts_at is not None
            and schedule.ends_at is not None
        )


def _meetings(uow: UnitOfWork, person: Participant) -> tuple[Meeting, ...]:
    """The meetings of every pairing still going that they are in, or else of the last they
    had (a mentor may have more than one mentee)."""
    return tuple(m for pair in _pairs_of(uow, person) for m in uow.meetings.for_pair(pair.id))


def _reflection(written: Written, zone: ZoneInfo) -> Reflection:
    """As the record shows it: on the day it was first written, in the programme's zone; the
    closure's by its questions answered, their words joined as its text."""
    parts = tuple((p, w) for p in CLOSURE_PARTS if (w := written.closure.part(p)))
    text = "\n\n".join(w for _, w in parts) if written.moment == "closure" else written.text
    on = written.written_at.astimezone(zone).date()
    return Reflection(on, written.moment, text, parts)


def _pairs_of(uow: UnitOfWork, person: Participant) -> list[Pair]:
    going = [p for p in uow.pairs.current() if person.id in p.members]
    if going:
        return going
    last = uow.pairs.latest_for(person.id)
    return [last] if last else []


def _participant(uow: UnitOfWork, slack_user_id: str) -> Participant:
    person = uow.participants.by_slack_id(slack_user_id)
    if person is None:
        raise NotAParticipant()
    return person
