"""Starting the next cohort from the team's console: its programme file, written from the one
this deployment runs, to the team's private channel (a deployment's disk may not outlive a
restart, and the team checks and deploys the file as they would one they wrote)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.cohorts.model import Cohort
from bot.cohorts.notices import NextProgrammeFile
from bot.cohorts.rules import following, next_programme, programme_file_text
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
            uow.deliveries.add([told], now)
            uow.commit()
        went = bool(self._deliveries.flush(now, [told.delivery.key]))
        return NextCohort(new.id, to_confirm, went)
