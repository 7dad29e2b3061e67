"""The project team's console on their Home tab: concerns and requests, events, people and
pairs, and evaluations, each button calling the same use case as the team's command. Membership
is checked by that use case when the button is pressed, not only when the console was drawn, so
a button left on the Home of someone who has since left the team does nothing but say so. Each
button is registered by its own feature's module (handlers/<feature>.py); this one draws."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import Block

from bot.applications.service import ApplicationsService
from bot.certificates.service import CertificatesService
from bot.cohorts.service import RetentionService
from bot.concerns.service import ConcernsService
from bot.evaluations.service import EvaluationsService
from bot.events.service import EventsService
from bot.goals.service import GoalsService
from bot.matching.service import MatchingService
from bot.pairs.checkins import CheckInsService
from bot.participants.service import ParticipantsService
from bot.pulse.service import PulseService
from bot.reflections.service import ReflectionsService
from bot.requests.rules import DONE
from bot.requests.service import RequestsService
from bot.team import Team
from handlers.views import console as view
from handlers.views import hub


class Console:
    """The console's part of a Home: drawn only for a member of the team."""

    def __init__(
        self,
        team: Team,
        concerns: ConcernsService,
        checkins: CheckInsService,
        events: EventsService,
        participants: ParticipantsService,
        evaluations: EvaluationsService,
        requests: RequestsService,
        pulse: PulseService,
        applications: ApplicationsService,
        matching: MatchingService,
        goals: GoalsService,
        certificates: CertificatesService,
        reflections: ReflectionsService,
        retention: RetentionService | None = None,
    ):
        self._team = team
        self._concerns = concerns
        self._checkins = checkins
        self._events = events
        self._participants = participants
        self._evaluations = evaluations
        self._requests = requests
        self._pulse = pulse
        self._applications = applications
        self._matching = matching
        self._goals = goals
        self._certificates = certificates
        self._reflections = reflections
        self._retention = retention

    def __call__(self, person: str, now: datetime) -> list[Block]:
        if not self._team.is_member(person):
            return []
        requests = self._requests.for_team(person)
        console = hub.Console(
            alerts=self._concerns.open_alerts(person),
            pairs=self._checkins.team_overview(person, now),
            attendance=self._events.all_attendance(person),
            counts=self._participants.counts(person),
            results=self._evaluations.status(person, now),
            requests=[v.request for v in requests],
            answered_at={
                v.request.id: v.history[-1].at
                for v in requests
                if v.request.status in DONE and v.history
            },
            applications=self._applications.all(person),
            match=self._matching.current(person),
            completed=self._certificates.completed(person, now),
            goals=self._goals.team_counts(person),
            pulse=self._pulse.counts(person),
            reflections=self._reflections.team_counts(person),
            retention=self._retention.for_team(person) if self._retention else [],
        )
        return view.console_blocks(console, self._events.programme, now)
