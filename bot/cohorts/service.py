"""Starting the next cohort from the team's console: its programme file, written from the one
this deployment runs, to the team's private channel (a deployment's disk may not outlive a
restart, and the team checks and deploys the file as they would one they wrote). And retention:
each cohort's personal data erased once the time its programme file keeps it for has run out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.cohorts.model import Cohort, KeptCohort
from bot.cohorts.notices import CohortErased, NextProgrammeFile
from bot.cohorts.rules import (
    answer_kept,
    erasure_moment,
    expired,
    following,
    next_erasure,
    next_programme,
    programme_file_text,
    registered,
)
from bot.notices import Deliveries
from bot.ports import UnitOfWork
from bot.scheme import Programme
from bot.team import Team


@dataclass(frozen=True)
class NextCohort:
    cohort: str
    to_confirm: int
    went: bool  # Slack took the file now (otherwise the outbox keeps trying)


class CohortsService:
    def __init__(
        self,
        programme: Programme,
        uow: Callable[[], UnitOfWork],
        deliveries: Deliveries,
        team: Team,
    ) -> None:
        self.programme = programme
        self._uow = uow
        self._deliveries = deliveries
        self._team = team

    @property
    def next_cohort(self) -> str:
        return following(Cohort(self.programme.cohort)).id

    def start_next(self, actor: str, now: datetime) -> NextCohort:
        self._team.require_member(actor)
        old = Cohort(self.programme.cohort)
        new = following(old)
        settings = self.programme.model_dump(mode="json", exclude_unset=True)
        carried = next_programme(settings, old, new)
        checked = Programme.model_validate(carried)  # a file the bot runs on, or nothing sent
        to_confirm = sum(e.to_confirm for e in checked.events) + sum(
            f.to_confirm for f in checked.evaluations.forms
        )
        text = programme_file_text(carried, old, new)
        told = NextProgrammeFile(old.id, new.id, text, to_confirm, now).to(self._team.channel)
        with self._uow() as uow:
            uow.cohorts.record(registered(checked))  # its retention known before it runs
            uow.deliveries.add([told], now)
            uow.commit()
        went = bool(self._deliveries.flush(now, [told.delivery.key]))
        return NextCohort(new.id, to_confirm, went)


@dataclass(frozen=True)
class Expired:
    """A cohort past its keep-until: how many people's data is (or, in a dry run, would be)
    erased; `erased` False in a dry run, or where another process erased it first."""

    cohort: str
    people: int
    erased: bool


@dataclass(frozen=True)
class Retained:
    """A cohort the bot has run, and when its personal data is erased (None: kept until the
    team acts, or erased already: the cohort says when)."""

    cohort: KeptCohort
    erases_at: datetime | None


class RetentionService:
    """How long each cohort's personal data is kept (its programme file says, the registry
    remembers), and its erasure once that has run out: the clock's daily moment and
    `mentorbot cohort erase-expired` call the same use case."""

    def __init__(
        self,
        programme: Programme,
        uow: Callable[[], UnitOfWork],
        deliveries: Deliveries,
        team: Team,
    ) -> None:
        self.programme = programme
        self._uow = uow
        self._deliveries = deliveries
        self._team = team

    def register(self) -> KeptCohort:
        """The programme file's cohort joins the registry (or its keep-until is updated)."""
        cohort = registered(self.programme)
        with self._uow() as uow:
            uow.cohorts.record(cohort)
            uow.commit()
        return cohort

    def cohorts(self) -> list[KeptCohort]:
        with self._uow() as uow:
            return uow.cohorts.all()

    def erases_at(self, cohort: KeptCohort) -> datetime | None:
        return erasure_moment(cohort, self.programme.zone)

    def for_team(self, actor: str) -> list[Retained]:
        """Each cohort and when its data is erased, newest first, for the team's console."""
        self._team.require_member(actor)
        return [Retained(c, self.erases_at(c)) for c in reversed(self.cohorts())]

    def upcoming(self, now: datetime) -> datetime | None:
        return next_erasure(self.cohorts(), self.programme.zone)

    def run_due(self, now: datetime) -> int:
        return sum(e.erased for e in self.erase_expired(now))

    def erase_expired(self, now: datetime, dry_run: bool = False) -> list[Expired]:
        """Each cohort past its keep-until, in a transaction of its own, and the team told."""
        due = expired(self.cohorts(), now, self.programme.zone)
        return [self._erase(cohort.id, now, dry_run) for cohort in due]

    def _erase(self, cohort: str, now: datetime, dry_run: bool) -> Expired:
        with self._uow() as uow:
            if dry_run:
                return Expired(cohort, uow.cohorts.people(cohort), erased=False)
            people = uow.cohorts.erase(cohort, now, self._answer_kept)
            if people is None:
                return Expired(cohort, 0, erased=False)
            told = CohortErased(cohort, people).to(self._team.channel)
            uow.deliveries.add([told], now)
            uow.commit()
        self._deliveries.flush(now, [told.delivery.key])
        return Expired(cohort, people, erased=True)

    def _answer_kept(self, form_id: str, question_id: str, value: object) -> bool:
        """As the programme asks the question (forms keep their ids year on year)."""
        form = self.programme.evaluations.form(form_id)
        return answer_kept(form.question(question_id) if form else None, value)
