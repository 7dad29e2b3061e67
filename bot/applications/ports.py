"""Storage the applications feature needs."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.applications.model import Answers, Applicant, Application, ApplicationStatus


class ApplicationRepository(Protocol):
    def of(self, cohort: str, email: str) -> Application | None: ...
    def by_slack_id(self, cohort: str, slack_user_id: str) -> Application | None: ...
    def get(self, application_id: int) -> Application | None: ...
    def all(self, cohort: str) -> list[Application]: ...
    def put(self, cohort: str, applicant: Applicant, answers: Answers, now: datetime) -> int:
        """Adds the application, or replaces the answers of the applicant's own (by email)."""

    def decide(self, application_id: int, status: ApplicationStatus, now: datetime) -> None: ...
