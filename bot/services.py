"""The services a handler or a scheduled job may call, built once by bot/app.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.alerts import AlertsService
from bot.checkins_service import CheckInsService
from bot.evaluations_service import EvaluationsService
from bot.events import EventsService
from bot.inbox import InboxService
from bot.pairing import PairingService
from bot.privacy import PrivacyService
from bot.programme import Programme
from bot.team import Team

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Services:
    programme: Programme
    team: Team
    events: EventsService
    pairing: PairingService
    checkins: CheckInsService
    alerts: AlertsService
    evaluations: EvaluationsService
    inbox: InboxService
    privacy: PrivacyService
    clock: Clock
