"""The services a handler or a scheduled job may call, built once by mentorbot/app.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.applications.service import ApplicationsService
from bot.certificates.service import CertificatesService
from bot.cohorts.service import CohortsService, RetentionService
from bot.concerns.service import ConcernsService
from bot.cpd.service import CpdService
from bot.evaluations.inbox import InboxService
from bot.evaluations.service import EvaluationsService
from bot.events.service import EventsService
from bot.goals.service import GoalsService
from bot.matching.service import MatchingService
from bot.outcomes.service import OutcomesService
from bot.pairs.checkins import CheckInsService
from bot.pairs.service import PairingService
from bot.participants.privacy import PrivacyService
from bot.participants.service import ParticipantsService
from bot.pulse.service import PulseService
from bot.reflections.service import ReflectionsService
from bot.requests.service import RequestsService
from bot.scheme import Programme
from bot.team import Team
from handlers.slack.sender import Sender

Now = Callable[[], datetime]


@dataclass(frozen=True)
class Services:
    programme: Programme
    team: Team
    events: EventsService
    pairing: PairingService
    checkins: CheckInsService
    concerns: ConcernsService
    requests: RequestsService
    pulse: PulseService
    evaluations: EvaluationsService
    inbox: InboxService
    privacy: PrivacyService
    participants: ParticipantsService
    applications: ApplicationsService
    matching: MatchingService
    goals: GoalsService
    cohorts: CohortsService
    retention: RetentionService
    outcomes: OutcomesService
    certificates: CertificatesService
    cpd: CpdService
    reflections: ReflectionsService
    outbox: Sender
    clock: Now
