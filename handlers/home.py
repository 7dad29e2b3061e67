"""The App Home tab: drawn for the person who opens it (Slack's `app_home_opened`), and drawn
again after each of their own actions on it. Nobody else's Home is published by someone's
action, so a change that touches thousands (a date set) costs no burst of `views.publish`: each
person sees it the next time they open their Home.

Every button here calls the same use case as the command or message button it mirrors, which
checks who is acting when it is pressed; the team's console is in handlers/console.py."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from bot.errors import UserError
from bot.evaluations.service import EvaluationsService
from bot.events.service import EventsService
from bot.pairs.service import CheckInsService, PairingService
from bot.participants.privacy import PrivacyService
from bot.participants.service import ParticipantsService
from bot.requests.service import RequestsService
from bot.scheme import Nation
from handlers.events import RsvpPressed
from handlers.i18n import in_language, language
from handlers.middleware import MenuChoice, Payload, RowId, acting, open_modal, parse
from handlers.pairs import (
    IdPressed,
    log_meeting_form,
    move_to_chosen_stage,
    save_agreement_form,
)
from handlers.views import events as events_view
from handlers.views import home as view
from handlers.views import pairs as pairs_view
from handlers.views import requests as requests_view

log = logging.getLogger(__name__)

HOME_AGREEMENT_MODAL, HOME_MEETING_MODAL = "home_agreement_modal", "home_meeting_modal"
T = TypeVar("T")


class PauseForm(Payload):
    until: date


class RequestPressed(Payload):
    value: RowId


class DeclineOrigin(Payload):
    request: RowId


class DeclineForm(Payload):
    reason: str = ""


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
    console: Callable[[str, datetime], list[Block]]

    def publish(
        self, client: WebClient, person: str, now: datetime, said: view.Said | None = None
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

    def _mine(self, person: str, now: datetime, on_team: bool) -> view.Mine:
        pair = _or_none(lambda: self.pairing.my_pair(person))
        return view.Mine(
            calendar=_or_none(lambda: self.events.my_events(person, now)),
            pair=pair,
            next_check_in=self.checkins.next_check_in(pair.pair.id, now) if pair else None,
            forms=self.evaluations.my_forms(person, now),
            public_url=self.events.public_url,
            nation=self._nation(person),
            language=language(),
            requests=self.requests.mine(person),
            on_team=on_team,
            approvals=_or_none(lambda: self.requests.for_approver(person)),
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


def register(app: App, home: Home, privacy: PrivacyService) -> None:
    @app.event("app_home_opened")
    def opened(event: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("tab") == "home":
            me = acting(context)
            home.publish(client, me.person, me.now)

    _register_events(app, home)
    _register_calendar(app, home)
    _register_pair(app, home)
    _register_yours(app, home, privacy)
    _register_approvals(app, home)


def _register_events(app: App, home: Home) -> None:
    @app.action(view.RSVP_YES)
    @app.action(view.RSVP_NO)
    def reply(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        pressed = parse(RsvpPressed, action)
        home.events.reply(
            me.person, pressed.value, "yes" if pressed.action_id == view.RSVP_YES else "no", me.now
        )
        home.publish(client, me.person, me.now)


def _register_calendar(app: App, home: Home) -> None:
    events = home.events

    @app.action(view.CALENDAR_FEED)
    def feed(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        if events.public_url is None:
            text = events_view.feeds_need_an_address()
        else:
            address = events.feeds.address(me.person, me.now)
            text = events_view.feed_message(address, events.programme, events.public_url)
        open_modal(client, acting(context), view.feed_modal(text))


def _register_pair(app: App, home: Home) -> None:
    pairing, checkins = home.pairing, home.checkins

    @app.action(view.ACCEPT)
    def accept(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        pairing.accept(me.person, parse(IdPressed, action).value, me.now)
        home.publish(client, me.person, me.now)

    @app.action(view.STAGE)
    def stage(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        move_to_chosen_stage(pairing, action, me)
        home.publish(client, me.person, me.now)

    @app.action(view.AGREEMENT)
    def agreement(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        current = pairing.agreement(acting(context).person)
        modal = pairs_view.agreement_modal(current, HOME_AGREEMENT_MODAL)
        open_modal(client, acting(context), modal)

    @app.view(HOME_AGREEMENT_MODAL)
    def save_agreement(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        save_agreement_form(pairing, me)
        ack()
        home.publish(client, me.person, me.now)

    @app.action(view.LOG_MEETING)
    def meeting(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        modal = pairs_view.meeting_modal(acting(context).now.date(), HOME_MEETING_MODAL)
        open_modal(client, acting(context), modal)

    @app.view(HOME_MEETING_MODAL)
    def log_meeting(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        meeting = log_meeting_form(checkins, me)
        ack(response_action="update", view=pairs_view.meeting_logged_modal(meeting))
        home.publish(client, me.person, me.now)

    @app.action(view.PAUSE)
    def pause(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        open_modal(client, acting(context), view.pause_modal(acting(context).now.date()))

    @app.view(view.PAUSE_MODAL)
    def paused(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        pairing.pause(me.person, parse(PauseForm, me.values).until, me.now)
        ack()
        home.publish(client, me.person, me.now)

    @app.action(view.RESUME)
    def resume(ack: Ack, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        pairing.pause(me.person, None, me.now)
        home.publish(client, me.person, me.now)


def _register_yours(app: App, home: Home, privacy: PrivacyService) -> None:
    @app.action(view.LANGUAGE)
    def choose_language(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        chosen = parse(MenuChoice, action).selected_option.value
        spoken = home.participants.set_language(me.person, chosen, me.now)
        with in_language(spoken):  # the Home is drawn again in the language just chosen
            home.publish(client, me.person, me.now)

    @app.action(view.NATION)
    def nation(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        chosen = parse(MenuChoice, action).selected_option.value
        home.participants.set_nation(me.person, chosen, me.now)
        home.publish(client, me.person, me.now)

    @app.action(view.MY_DATA)
    def my_data(ack: Ack, context: BoltContext) -> None:
        ack()
        me = acting(context)
        privacy.send_my_data(me.person, me.now)


def _register_approvals(app: App, home: Home) -> None:
    """The approver's Approve and Decline on their Home: the same use cases as the buttons in
    their DM, which the service brings up to date; the Home is drawn again after each."""
    requests = home.requests

    @app.action(view.APPROVE)
    def approve(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        try:
            requests.approve(me.person, parse(RequestPressed, action).value, me.now)
        finally:
            # Refused too (decided already, in the DM): the list shows where it stands now.
            home.publish(client, me.person, me.now)

    @app.action(view.DECLINE)
    def decline(ack: Ack, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        requests.require_approver(acting(context).person)
        modal = requests_view.decline_modal(parse(RequestPressed, action).value)
        modal.callback_id = view.DECLINE_MODAL  # its answer redraws the Home
        open_modal(client, acting(context), modal)

    @app.view(view.DECLINE_MODAL)
    def declined(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        request_id = parse(DeclineOrigin, me.metadata).request
        requests.decline(me.person, request_id, parse(DeclineForm, me.values).reason, me.now)
        ack()
        home.publish(client, me.person, me.now)
