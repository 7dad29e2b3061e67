"""Cohorts: the registry of every cohort the bot has run (its last day, until when its personal
data is kept, when it was erased), which outlives the cohort's programme file; and the erasure
of one cohort's personal data when that time has run out.

A cohort's erasure is not a person's (storage/erasure.py): its rows stay, so its counts and
results (the outcomes report's figures) are what they were, but nothing in them names anyone or
holds anything a person wrote. Each enrolment is anonymised as a person's erasure anonymises
one; someone also enrolled in another cohort still held keeps their identity, language and that
enrolment, and only this cohort's rows of theirs are touched. ERASED says, table by table, which
words of a cohort's rows go: tests/cohorts/test_retention_storage.py fails for a table with free
text that it does not name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, Integer, String, delete, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.cohorts.model import KeptCohort
from bot.cohorts.ports import AnswerKept
from storage import outbox
from storage.applications import ApplicationRecord
from storage.base import ALL_COHORTS, Base, cohort_of, insert_ignoring_duplicates
from storage.concerns import ConcernEventRecord, ConcernRecord
from storage.evaluations import EvaluationResponseRecord, InboxRecord
from storage.events import CalendarFeedRecord
from storage.goals import BoundariesRecord, GoalRecord
from storage.pairs import MeetingRecord, PairRecord
from storage.participants import ParticipantRecord, ReaderLanguageRecord
from storage.reflections import ReflectionRecord
from storage.requests import RequestEventRecord, RequestRecord

ERASED_NAME = "Erased participant"
ERASED_ACTOR = "erased participant"  # in an audit trail, where the person's Slack id was


class CohortRecord(Base):
    """One cohort the bot has run. Not CohortScoped: it is read across every cohort."""

    __tablename__ = "cohort_registry"

    id: Mapped[str] = mapped_column(String(7), primary_key=True)
    ends_on: Mapped[date | None] = mapped_column(Date)  # None: not known (registered from rows)
    keep_until: Mapped[date | None] = mapped_column(Date)  # None: kept until the team erases it
    erased_at: Mapped[datetime | None]
    erased_people: Mapped[int | None] = mapped_column(Integer)


# The words a cohort's rows hold, blanked when it is erased (the rows stay: they are counted).
# Rows of a cohort-scoped table are the cohort's; goals and meetings are its pairs'.
ERASED: dict[type[Any], dict[str, Any]] = {
    ConcernRecord: {"text": "[erased]", "contact": ""},
    RequestRecord: {"details": "[erased]"},
    PairRecord: {"end_reason": None},
    GoalRecord: {"what": "", "how_known": ""},
    MeetingRecord: {"topics": ""},
    ReflectionRecord: {"achieved": "", "learned": "", "next_steps": "", "text": ""},
}
# What a pair agreed in words only, deleted with the cohort (nothing of it is counted)
DELETED_WITH_PAIRS = (BoundariesRecord,)


@dataclass(frozen=True)
class _Enrolment:
    id: int
    name: str
    email: str
    slack_user_id: str | None
    held_elsewhere: bool  # the person is enrolled in another cohort not yet erased


def _kept(record: CohortRecord) -> KeptCohort:
    return KeptCohort(
        record.id, record.ends_on, record.keep_until, record.erased_at, record.erased_people
    )


class SqlCohorts:
    def __init__(self, session: Session):
        self._session = session

    def record(self, cohort: KeptCohort) -> None:
        self._session.execute(
            insert_ignoring_duplicates(self._session, CohortRecord).values(id=cohort.id)
        )
        self._session.execute(
            update(CohortRecord)
            .where(CohortRecord.id == cohort.id)
            .values(ends_on=cohort.ends_on, keep_until=cohort.keep_until)
        )

    def all(self) -> list[KeptCohort]:
        return [
            _kept(r) for r in self._session.scalars(select(CohortRecord).order_by(CohortRecord.id))
        ]

    def people(self, cohort: str) -> int:
        with _reading(self._session, cohort):
            return len(self._enrolments())

    def erase(self, cohort: str, now: datetime, kept: AnswerKept) -> int | None:
        # The claim: of two processes, the first to mark the cohort erased erases it; the
        # other's UPDATE waits for that transaction (PostgreSQL) and then matches nothing.
        claimed = self._session.execute(
            update(CohortRecord)
            .where(CohortRecord.id == cohort, CohortRecord.erased_at.is_(None))
            .values(erased_at=now)
        )
        if claimed.rowcount == 0:  # type: ignore[attr-defined]
            return None
        ends_on = self._session.get_one(CohortRecord, cohort).ends_on
        with _reading(self._session, cohort):
            enrolments = self._enrolments()
            self._forget_unsent(enrolments)
            self._erase_words(enrolments, kept)
            for enrolment in enrolments:
                self._anonymise(enrolment, ends_on, now)
        self._session.execute(
            update(CohortRecord)
            .where(CohortRecord.id == cohort)
            .values(erased_people=len(enrolments))
        )
        self._session.flush()
        return len(enrolments)

    def _enrolments(self) -> list[_Enrolment]:
        """The cohort's enrolments that still name someone (not one erased at their request)."""
        cohort = cohort_of(self._session)
        rows = self._session.execute(
            select(
                ParticipantRecord.id,
                ParticipantRecord.name,
                ParticipantRecord.email,
                ParticipantRecord.slack_user_id,
            )
            .where(
                ParticipantRecord.cohort == cohort,
                ~ParticipantRecord.anonymised,
                ParticipantRecord.name != ERASED_NAME,
            )
            .order_by(ParticipantRecord.id)
        ).all()
        elsewhere = set(
            self._session.scalars(
                select(ParticipantRecord.email)
                .where(
                    ParticipantRecord.cohort != cohort,
                    ParticipantRecord.email.in_([email for _, _, email, _ in rows]),
                    ~ParticipantRecord.anonymised,
                )
                .execution_options(**{ALL_COHORTS: True})
            )
        )
        return [
            _Enrolment(pid, name, email, slack_id, email in elsewhere)
            for pid, name, email, slack_id in rows
        ]

    def _erase_words(self, enrolments: list[_Enrolment], kept: AnswerKept) -> None:
        """Every word of the cohort's, whoever wrote it; the rows and their numbers stay."""
        session, cohort = self._session, cohort_of(self._session)
        pairs = select(PairRecord.id).where(PairRecord.cohort == cohort)
        for table, blanked in ERASED.items():
            ours = table.cohort == cohort if hasattr(table, "cohort") else table.pair_id.in_(pairs)
            session.execute(update(table).where(ours).values(**blanked))
        for table in DELETED_WITH_PAIRS:
            session.execute(delete(table).where(table.pair_id.in_(pairs)))
        actors = [e.slack_user_id for e in enrolments if e.slack_user_id]
        trails = (
            (ConcernEventRecord, ConcernEventRecord.concern_id, ConcernRecord),
            (RequestEventRecord, RequestEventRecord.request_id, RequestRecord),
        )
        for trail, of, parent in trails:
            ours = of.in_(select(parent.id).where(parent.cohort == cohort))
            session.execute(update(trail).where(ours).values(note=""))
            session.execute(
                update(trail).where(ours, trail.actor.in_(actors)).values(actor=ERASED_ACTOR)
            )
        self._erase_answers(kept)
        self._erase_applications()

    def _forget_unsent(self, enrolments: list[_Enrolment]) -> None:
        """A message still waiting to be sent (to the team's channel, say) that names one of
        the cohort's people is not sent: what it holds goes. Someone another cohort still holds
        is left to that cohort's messages."""
        names = [
            word
            for e in enrolments
            if not e.held_elsewhere
            for word in (e.name, e.email, e.slack_user_id)
            if word
        ]
        outbox.forget_unsent(self._session, names)

    def _erase_answers(self, kept: AnswerKept) -> None:
        """Each evaluation answer a person typed goes; numbers and the form's options stay."""
        cohort = cohort_of(self._session)
        for response in self._session.scalars(
            select(EvaluationResponseRecord).where(EvaluationResponseRecord.cohort == cohort)
        ):
            answers = {
                question: value
                for question, value in response.answers.items()
                if kept(response.form_id, question, value)
            }
            if answers != response.answers:
                response.answers = answers

    def _erase_applications(self) -> None:
        """Who applied, and what they said of themselves; their choices (role, profession,
        themes, times) stay, as the matching's counts."""
        cohort = cohort_of(self._session)
        for application in self._session.scalars(
            select(ApplicationRecord).where(ApplicationRecord.cohort == cohort)
        ):
            answers = json.loads(application.answers) | {
                "employer": "",
                "line_manager_email": None,
                "never_pair": [],
                "for_the_team": "",
            }
            application.name, application.email = (
                "Erased applicant",
                f"erased-{application.id}@invalid",
            )
            application.slack_user_id, application.answers = None, json.dumps(answers)

    def _anonymise(self, enrolment: _Enrolment, ends_on: date | None, now: datetime) -> None:
        """As a person's erasure anonymises an enrolment, but counted still. Their ways in
        (calendar feeds, what waits to be sent to them) go; what is kept by their Slack id alone
        (their language, DM channel, DMs) goes only if no other cohort still holds them."""
        session = self._session
        record = session.get_one(ParticipantRecord, enrolment.id)
        record.name, record.email = ERASED_NAME, f"erased-{enrolment.id}@invalid"
        record.slack_user_id = record.tz = record.about = record.nation = record.language = None
        record.paused_until, record.updated_at, record.anonymised = None, now, True
        session.execute(
            delete(CalendarFeedRecord).where(CalendarFeedRecord.participant_id == enrolment.id)
        )
        outbox.forget_participant(session, enrolment.id)
        slack_id = enrolment.slack_user_id
        if not slack_id:
            return
        if enrolment.held_elsewhere:
            # Their DMs while this cohort ran are this cohort's; later ones are the other's.
            if ends_on is not None:
                until = datetime.combine(ends_on + timedelta(days=1), time(), tzinfo=UTC)
                session.execute(
                    delete(InboxRecord).where(
                        InboxRecord.slack_user_id == slack_id,
                        InboxRecord.processed_at.is_not(None),
                        InboxRecord.received_at < until,
                    )
                )
            return
        self._forget_slack_id(slack_id, f"erased-{enrolment.id}")

    def _forget_slack_id(self, slack_id: str, instead: str) -> None:
        """As a person's erasure forgets a Slack id: the ledger's keys and subjects name the
        enrolment's erased form instead (storage/outbox.py says why that still stops repeats)."""
        session = self._session
        outbox.forget_slack_id(session, slack_id, instead)
        session.execute(delete(InboxRecord).where(InboxRecord.slack_user_id == slack_id))
        session.execute(
            delete(ReaderLanguageRecord).where(ReaderLanguageRecord.slack_user_id == slack_id)
        )


@contextmanager
def _reading(session: Session, cohort: str) -> Iterator[None]:
    """The session reads and writes `cohort`'s rows for a while, as storage/erasure.py does."""
    live = cohort_of(session)
    session.info["cohort"] = cohort
    try:
        yield
    finally:
        session.info["cohort"] = live
