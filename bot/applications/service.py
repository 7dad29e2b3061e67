"""The applications use cases: apply (and change it while the window is open), see one's own,
the team's list and decisions, and the team's file of applications."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.applications.errors import NoApplications, Unanswerable, UnknownApplication
from bot.applications.model import DECIDED, Answers, Applicant, Application, Decision
from bot.applications.notices import AlumniInvited, ApplicationDecided
from bot.applications.rules import candidate, problems, read_file, window_open
from bot.matching.model import Cohort as MatchingCohort
from bot.notices import Deliveries, keys_of, personal_key
from bot.participants.errors import ImportRejected
from bot.participants.model import Participant
from bot.ports import UnitOfWork
from bot.scheme import Applications, Programme
from bot.team import Team


@dataclass(frozen=True)
class MyApplication:
    """What a person sees of applying: the window, and their application if they have one."""

    cohort: str
    window: Applications | None
    application: Application | None
    open_now: bool


class ApplicationsService:
    def __init__(
        self,
        programme: Programme,
        uow: Callable[[], UnitOfWork],
        deliveries: Deliveries,
        team: Team,
    ) -> None:
        self.programme = programme
        self.cohort = programme.cohort
        self._uow = uow
        self._deliveries = deliveries
        self._team = team

    def mine(self, slack_user_id: str, now: datetime) -> MyApplication:
        window = self.programme.applications
        with self._uow() as uow:
            found = uow.applications.by_slack_id(self.cohort, slack_user_id)
        open_now = window is not None and window.is_open(now)
        return MyApplication(self.cohort, window, found, open_now)

    def apply(self, applicant: Applicant, answers: Answers, now: datetime) -> Application:
        """Keeps the application (or the changes to it) while the window is open; a decided one
        goes back to the team as submitted, since what they decided on has changed."""
        window = window_open(self.programme.applications, self.cohort, now)
        wrong = problems(answers, window, applicant.email)
        if wrong:
            raise Unanswerable(wrong)
        with self._uow() as uow:
            application_id = uow.applications.put(self.cohort, applicant, answers, now)
            if (
                applicant.slack_user_id
                and uow.participants.by_slack_id(applicant.slack_user_id) is None
            ):
                uow.reader_languages.choose(applicant.slack_user_id, applicant.language, now)
            uow.commit()
            kept = uow.applications.get(application_id)
        assert kept is not None
        return kept

    # The clock: alumni asked to apply again when the window opens --------------------------

    def upcoming(self, now: datetime) -> datetime | None:
        """The window's opening, while an alumnus is still to be asked before it closes."""
        window = self.programme.applications
        if window is None or now >= window.closes or not self._alumni_to_invite():
            return None
        return window.opens

    def run_due(self, now: datetime) -> int:
        """Asks each alumnus not yet asked (nor already applied) to apply again; the message
        lapses when the window closes. Returns how many went."""
        window = self.programme.applications
        if window is None or not window.is_open(now):
            return 0
        outgoing = [
            AlumniInvited(self.programme, alumnus).to_person(alumnus, expires_at=window.closes)
            for alumnus in self._alumni_to_invite()
        ]
        with self._uow() as uow:
            uow.deliveries.add(outgoing, now)
            uow.commit()
        return len(self._deliveries.flush(now, keys_of(outgoing)))

    def _alumni_to_invite(self) -> list[Participant]:
        prefix = f"{AlumniInvited.kind}:{self.cohort}:"
        with self._uow() as uow:
            asked = uow.deliveries.kept_keys_like(prefix)
            applied = {a.applicant.email for a in uow.applications.all(self.cohort)}
            alumni = uow.participants.alumni()
        return [
            a
            for a in alumni
            if personal_key(prefix[:-1], a.id) not in asked and a.email not in applied
        ]

    def all(self, actor: str) -> list[Application]:
        self._team.require_member(actor)
        with self._uow() as uow:
            return uow.applications.all(self.cohort)

    def decide(
        self, actor: str, application_id: int, decision: Decision, now: datetime
    ) -> Application:
        """The team's decision, told to the applicant in their DM (once per decision)."""
        self._team.require_member(actor)
        with self._uow() as uow:
            found = uow.applications.get(application_id)
            if found is None or found.cohort != self.cohort:
                raise UnknownApplication(application_id)
            if found.status == DECIDED[decision]:
                return found
            uow.applications.decide(application_id, DECIDED[decision], now)
            decided = uow.applications.get(application_id)
            assert decided is not None
            address = decided.applicant.slack_user_id
            outgoing = [ApplicationDecided(self.programme, decided).to(address)] if address else []
            uow.deliveries.add(outgoing, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(outgoing))
        return decided

    def import_file(self, text: str, now: datetime) -> int:
        """The team's file of applications, taken whole or not at all (outside the window too:
        a team may take a late application). Returns how many were kept."""
        window = self.programme.applications
        if window is None:
            raise NoApplications(self.cohort)
        rows, bad = read_file(text, window)
        if bad:
            raise ImportRejected(bad)
        with self._uow() as uow:
            for email, name, answers in rows:
                known = uow.participants.by_email(email)
                slack_id = known.slack_user_id if known else None
                applicant = Applicant(email, name, slack_id, (known and known.language) or "en")
                uow.applications.put(self.cohort, applicant, answers, now)
            uow.commit()
        return len(rows)

    def accepted(self) -> list[Application]:
        """The cohort's accepted applications (for the steering group's match)."""
        with self._uow() as uow:
            return [a for a in uow.applications.all(self.cohort) if a.status == "accepted"]

    def for_matching(self) -> MatchingCohort:
        """The accepted applications as the matcher takes them, with every pair made in an
        earlier cohort (never made again)."""
        with self._uow() as uow:
            past = uow.pairs.earlier_cohorts()
        chosen = [candidate(a) for a in self.accepted()]
        return MatchingCohort(
            mentees=tuple(c for c in chosen if c.role == "mentee"),
            mentors=tuple(c for c in chosen if c.role == "mentor"),
            past=past,
        )
