"""The scheme's events: reminders to the right audience, replies, and date changes."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from bot.errors import NotAParticipant
from bot.events.errors import (
    AlreadyStarted,
    DateInPast,
    EndBeforeStart,
    NotInAudience,
    UnknownEvent,
)
from bot.events.feeds import CalendarFeeds
from bot.events.model import Answer, EventSchedule, ReminderMoment
from bot.events.notices import CalendarInvite, EventDateChanged, EventReminder
from bot.events.rules import (
    calendar_order,
    covered_by_change_notice,
    current_schedules,
    due_reminders,
    file_schedule,
    in_audience,
    upcoming_reminder_times,
)
from bot.notices import Deliveries, Delivery, Outgoing, keys_of, personal_key
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.scheme import Event, Programme
from bot.team import Team


@dataclass(frozen=True)
class MyEvent:
    event: Event
    schedule: EventSchedule
    answer: str | None


@dataclass(frozen=True)
class MyCalendar:
    tz: str | None
    events: list[MyEvent]


@dataclass(frozen=True)
class Attendance:
    event: Event
    schedule: EventSchedule
    coming: list[str]
    not_coming: list[str]
    no_reply: list[str]


class EventsService:
    def __init__(
        self,
        programme: Programme,
        uow: UnitOfWorkFactory,
        deliveries: Deliveries,
        team: Team,
        on_change: Callable[[], None],
        public_url: str | None = None,
        file_key: bytes | None = None,
    ):
        """`on_change` is told when the timeline changes (the clock reschedules). With a
        `public_url` (PUBLIC_URL) the web process serves calendar files and feeds, so messages
        link to them instead of each carrying a file; `file_key` (feeds.file_key) makes the
        files' addresses, the same in every process of the deployment (without one, addresses
        no one can open)."""
        self.programme = programme
        self.public_url = public_url
        self.feeds = CalendarFeeds(programme, uow, file_key or secrets.token_bytes(32))
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._on_change = on_change

    # The timeline ---------------------------------------------------------------------------

    def apply_programme_file(self, now: datetime) -> list[str]:
        """At start: adopt the file's dates for new events and for events whose date was edited in
        the file since the last start (telling those already invited, in the same transaction);
        keep the team's own date changes otherwise. Returns the ids of events whose date changed."""
        changed: list[str] = []
        outgoing: list[Outgoing] = []
        with self._uow() as uow:
            current, recorded = uow.schedules.all(), uow.schedules.file_versions()
            for event in self.programme.events:
                in_file = file_schedule(self.programme, event)
                if event.id not in recorded:
                    uow.schedules.save(in_file, in_file, now)
                elif recorded[event.id] != in_file:
                    uow.schedules.save(in_file, in_file, now)
                    if current[event.id] != in_file:
                        outgoing += self._tell_invited_of_change(
                            uow, current[event.id], in_file, now
                        )
                        changed.append(event.id)
            uow.commit()
        self._deliveries.flush(now, keys_of(outgoing))
        return changed

    def upcoming(self, now: datetime) -> datetime | None:
        """The next reminder moment."""
        with self._uow() as uow:
            schedules = self._schedules(uow)
        moments = upcoming_reminder_times(
            schedules.values(), self.programme.reminders.offsets, self.programme.zone, now
        )
        return min((m.at for m in moments), default=None)

    def run_due(self, now: datetime) -> int:
        """Sends the reminders due now: kept in the outbox, then sent at once; what Slack does not
        take now is retried by the outbox until the event begins. Returns how many were sent."""
        with self._uow() as uow:
            outgoing = self._due_reminders(uow, now)
            uow.deliveries.add(outgoing, now)
            uow.commit()
        return len(self._deliveries.flush(now, keys_of(outgoing)))

    # Replies and dates ----------------------------------------------------------------------

    def reply(self, slack_user_id: str, event_id: str, answer: Answer, now: datetime) -> MyEvent:
        event = self._event(event_id)
        with self._uow() as uow:
            person = self._participant(uow, slack_user_id)
            if not in_audience(person.role, event.audience):
                raise NotInAudience(event)
            schedule = self._schedules(uow)[event.id]
            if schedule.starts_at is not None and schedule.starts_at <= now:
                raise AlreadyStarted(event)
            uow.rsvps.record(event.id, person.id, answer, now)
            uow.commit()
        return MyEvent(event, schedule, answer)

    def set_date(
        self, actor: str, event_id: str, day: date, start: time, end: time, now: datetime
    ) -> MyEvent:
        """The team sets (or changes) an event's date; those already invited are told."""
        self._team.require_member(actor)
        event = self._event(event_id)
        if end <= start:
            raise EndBeforeStart(start, end)
        new = EventSchedule(
            event.id,
            self.programme.local_datetime(day, start).astimezone(UTC),
            self.programme.local_datetime(day, end).astimezone(UTC),
        )
        if new.starts_at is not None and new.starts_at <= now:
            raise DateInPast()
        with self._uow() as uow:
            old = self._schedules(uow)[event.id]
            if old == new:
                return MyEvent(event, new, None)
            # Stored with the file's date as it is now, so the clock's next start keeps this one.
            uow.schedules.save(new, file_schedule(self.programme, event), now)
            outgoing = self._tell_invited_of_change(uow, old, new, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(outgoing))
        self._on_change()
        return MyEvent(event, new, None)

    # What people see ------------------------------------------------------------------------

    def my_events(self, slack_user_id: str, now: datetime) -> MyCalendar:
        """The person's events still to come, in calendar order (TBC ones where the programme
        expects them)."""
        with self._uow() as uow:
            person = self._participant(uow, slack_user_id)
            schedules = self._schedules(uow)
            answers = uow.rsvps.answers()
        mine = [
            MyEvent(e, schedules[e.id], answers.get((e.id, person.id)))
            for e in self.programme.events
            if in_audience(person.role, e.audience)
            and (schedules[e.id].ends_at is None or schedules[e.id].ends_at > now)  # type: ignore[operator]
        ]
        order = calendar_order(self.programme.events, schedules)
        mine.sort(key=lambda m: order[m.event.id])
        return MyCalendar(person.tz, mine)

    def attendance(self, actor: str, event_id: str) -> Attendance:
        self._team.require_member(actor)
        return self._attendance([self._event(event_id)])[0]

    def all_attendance(self, actor: str) -> list[Attendance]:
        """Every event's, read once for them all (the console shows them on each redraw)."""
        self._team.require_member(actor)
        return self._attendance(self.programme.events)

    def _attendance(self, events: Sequence[Event]) -> list[Attendance]:
        with self._uow() as uow:
            schedules = self._schedules(uow)
            answers = uow.rsvps.answers(events[0].id if len(events) == 1 else None)
            people = sorted(uow.participants.all(), key=lambda p: p.name)
        found = []
        for event in events:
            by_answer: dict[str | None, list[str]] = {"yes": [], "no": [], None: []}
            for person in people:
                if in_audience(person.role, event.audience):
                    by_answer[answers.get((event.id, person.id))].append(person.name)
            found.append(
                Attendance(
                    event, schedules[event.id], by_answer["yes"], by_answer["no"], by_answer[None]
                )
            )
        return found

    # Helpers --------------------------------------------------------------------------------

    def _due_reminders(self, uow: UnitOfWork, now: datetime) -> list[Outgoing]:
        """The reminders due now, each to those in its audience who have not said no; events
        already begun have none (the rules drop late reminders)."""
        schedules = self._schedules(uow)
        participants = [p for p in uow.participants.all() if p.slack_user_id]
        answers = uow.rsvps.answers()
        outgoing: list[Outgoing] = []
        for moment in due_reminders(
            schedules.values(), self.programme.reminders.offsets, self.programme.zone, now
        ):
            event = self._event(moment.event_id)
            schedule = schedules[moment.event_id]
            sequence = uow.schedules.sequence(event.id)
            for person in participants:
                answer = answers.get((event.id, person.id))
                if in_audience(person.role, event.audience) and answer != "no":
                    outgoing += self._reminder(moment, event, schedule, person, answer, sequence)
        return outgoing

    def _tell_invited_of_change(
        self, uow: UnitOfWork, old: EventSchedule, new: EventSchedule, now: datetime
    ) -> list[Outgoing]:
        """Those already reminded hear of the change (with a new calendar file), kept in the
        outbox in the caller's transaction, the one that changes the date; earlier replies no
        longer hold. Reminders for the new date that would repeat this message are skipped.
        Returns what was kept, for the caller to send once it has committed."""
        event = self._event(new.event_id)
        invited_ids = uow.deliveries.recipients("reminder", event.id)
        invited = [p for p in uow.participants.all() if p.id in invited_ids and p.slack_user_id]
        uow.rsvps.clear(event.id)
        sequence = uow.schedules.sequence(event.id)
        covered_moments = covered_by_change_notice(
            new, self.programme.reminders.offsets, self.programme.zone, now
        )
        outgoing: list[Outgoing] = []
        covered: list[Delivery] = []
        for person in invited:
            to = person.slack_user_id or ""
            outgoing += self._change_notices(event, old, new, person, sequence)
            covered += [
                Delivery(personal_key(m.key, person.id), "reminder", event.id, to, person.id)
                for m in covered_moments
            ]
        uow.deliveries.mark_skipped(covered, now)
        uow.deliveries.add(outgoing, now)
        return outgoing

    def _change_notices(
        self,
        event: Event,
        old: EventSchedule,
        new: EventSchedule,
        person: Participant,
        sequence: int,
    ) -> list[Outgoing]:
        """What one invited person is sent: the change in words, and (once the event has a date)
        the calendar file that moves it in their calendar, unless the message links to the one
        the web process serves."""
        notice = EventDateChanged(
            self.programme,
            event,
            old,
            new,
            person.tz,
            self.public_url,
            self._file_token(event, new),
        )
        # Worth sending until the event begins (a TBC date has no end to wait for); the calendar
        # file goes with its message, so expires with it.
        expires = new.starts_at
        outgoing = [notice.to_person(person, expires)]
        if new.starts_at is not None and self.public_url is None:
            invite = CalendarInvite(self.programme, event, new, sequence)
            outgoing.append(invite.to_person(person, expires))
        return outgoing

    def _reminder(
        self,
        moment: ReminderMoment,
        event: Event,
        schedule: EventSchedule,
        person: Participant,
        answer: str | None,
        sequence: int,
    ) -> list[Outgoing]:
        reminder = EventReminder(
            self.programme,
            event,
            schedule,
            moment.offset,
            person.tz,
            answer,
            self.public_url,
            self._file_token(event, schedule),
        )
        invite = CalendarInvite(self.programme, event, schedule, sequence)
        # A reminder kept while Slack is away is dropped once the event begins (no use then), and
        # the calendar file with it.
        expires = schedule.starts_at
        outgoing = [
            reminder.to_person(person, expires),
            # The calendar file comes once per date, with whichever reminder reaches them first.
            invite.to_person(person, expires),
        ]
        # With a public address, the reminder links to the file the web process serves instead.
        return outgoing[:1] if self.public_url else outgoing

    def _file_token(self, event: Event, schedule: EventSchedule) -> str | None:
        """Where the web process serves the event's file on that date, if it serves files."""
        if self.public_url is None or schedule.starts_at is None:
            return None
        return self.feeds.file_token(event.id, schedule.starts_at)

    def _schedules(self, uow: UnitOfWork) -> dict[str, EventSchedule]:
        """From the programme file and what is stored: no process waits for the clock's start."""
        return current_schedules(self.programme, uow.schedules.all(), uow.schedules.file_versions())

    def _event(self, event_id: str) -> Event:
        event = self.programme.event(event_id)
        if event is None:
            raise UnknownEvent(event_id, tuple(e.id for e in self.programme.events))
        return event

    @staticmethod
    def _participant(uow: UnitOfWork, slack_user_id: str) -> Participant:
        person = uow.participants.by_slack_id(slack_user_id)
        if person is None:
            raise NotAParticipant()
        return person
