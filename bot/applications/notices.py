"""What the applications feature tells people: each applicant, of the team's decision, in their
own DM and language. The team's own view of applications is the console's; no notice carries an
application's answers."""

from __future__ import annotations

from dataclasses import dataclass

from bot.applications.model import Application
from bot.notices import Notice
from bot.participants.model import Participant
from bot.scheme import Programme


@dataclass(frozen=True)
class AlumniInvited(Notice):
    """Someone from an earlier cohort, asked in their language to apply again: a mentee to
    mentor, a mentor to mentor again. Sent once per person and cohort (`to_person` adds them)."""

    kind = "alumni-invite"
    programme: Programme
    alumnus: Participant

    @property
    def subject(self) -> str:
        return self.programme.cohort


@dataclass(frozen=True)
class ApplicationDecided(Notice):
    """Accepted, waitlisted or declined: said kindly, with what happens next."""

    kind = "application-decided"
    programme: Programme
    application: Application

    @property
    def subject(self) -> str:
        return str(self.application.id)

    @property
    def key(self) -> str:
        # A waitlisted application may later be accepted: each decision is a message of its own
        return f"{self.kind}:{self.subject}:{self.application.status}"
