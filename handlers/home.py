"""The App Home tab: drawn for the person who opens it (Slack's `app_home_opened`), and drawn
again after each of their own actions on it. Nobody else's Home is published by someone's
action, so a change that touches thousands (a date set) costs no burst of `views.publish`: each
person sees it the next time they open their Home.

Every button on it calls the same use case as the command or message button it mirrors, which
checks who is acting when it is pressed; each is registered by its own feature's module
(handlers/<feature>.py). The team's console is drawn by handlers/console.py."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from bot.applications.service import ApplicationsService
from bot.certificates.service import CertificatesService
from bot.cpd.service import CpdService
from bot.errors import UserError
from bot.evaluations.service import EvaluationsService
from bot.events.service import EventsService
from bot.goals.service import GoalsService
from bot.pairs.checkins import CheckInsService
from bot.pairs.model import PairChoice
from bot.pairs.service import PairingService, PairView
from bot.participants.service import ParticipantsService
from bot.reflections.service import ReflectionsService
from bot.requests.service import RequestsService
from bot.scheme import Nation
from handlers.i18n import language
from handlers.listeners import Listen, listen
from handlers.middleware import acting
from handlers.views import home as view
from handlers.views.hub import Mine, MyPair, Said

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Home:
    """Draws one person's Home from the use cases' own read models; `console` adds the team's
    part for a member of the project team (empty for anyone else)."""

    events: EventsService
    pairing: PairingService
    checkins: CheckInsService
    evaluations: EvaluationsService
    participants: ParticipantsService
    requests: RequestsService
    applications: ApplicationsService
    goals: GoalsService
    certificates: CertificatesService
    cpd: CpdService
    reflections: ReflectionsService
    console: Callable[[str, datetime], list[Block]]

    def publish(
        self, client: WebClient, person: str, now: datetime, said: Said | None = None
    ) -> None:
        """`said`: what their press led to, shown under what they pressed."""
        console = self.console(person, now)
        mine = self._mine(person, now, on_team=bool(console))
        home = view.home_view(mine, self.events.programme, now, console, said)
        try:
            client.views_publish(user_id=person, view=home.to_dict())
        except SlackApiError as error:
            # The action itself is done; the Home is drawn afresh when next opened.
            log.warning("home not published: %s", error.response.get("error"))

    def _mine(self, person: str, now: datetime, on_team: bool) -> Mine:
        return Mine(
            calendar=_or_none(lambda: self.events.my_events(person, now)),
            pairs=tuple(self._pair(person, view, now) for view in self._pairs(person)),
            forms=self.evaluations.my_forms(person, now),
            public_url=self.events.public_url,
            nation=self._nation(person),
            language=language(),
            requests=self.requests.mine(person),
            on_team=on_team,
            approvals=_or_none(lambda: self.requests.for_approver(person)),
            application=self.applications.mine(person, now),
            certificate=_or_none(lambda: self.certificates.mine(person, now)),
            cpd=self.cpd.has_record(person, now),
        )

    def _pairs(self, person: str) -> list[PairView]:
        return _or_none(lambda: self.pairing.my_pairs(person)) or []

    def _pair(self, person: str, view: PairView, now: datetime) -> MyPair:
        which = PairChoice(view.pair.id)
        return MyPair(
            view,
            next_check_in=self.checkins.next_check_in(view.pair.id, now),
            goals=_or_none(lambda: self.goals.mine(person, which)),
            reflections=_or_none(lambda: self.reflections.mine(person, now, which)),
        )

    def _nation(self, person: str) -> Nation | None:
        try:
            return self.participants.nation_of(person)
        except UserError:
            return None


def _or_none(read: Callable[[], T]) -> T | None:
    """A read that refuses a stranger (or someone not in a pair) shows as nothing."""
    try:
        return read()
    except UserError:
        return None


def register(app: App, home: Home) -> None:
    listen(app, home, LISTENERS)


def opened(home: Home, event: dict, client: WebClient, context: BoltContext) -> None:
    if event.get("tab") == "home":
        me = acting(context)
        home.publish(client, me.person, me.now)


# Each button on the Home is its feature's: handlers/<feature>.py registers it.
LISTENERS: list[Listen[Home]] = [Listen(App.event, "app_home_opened", opened)]
