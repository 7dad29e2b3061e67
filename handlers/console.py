"""The project team's console on their Home tab: concerns and requests, events, people and
pairs, and evaluations, each button calling the same use case as the team's command. Membership
is checked by that use case when the button is pressed, not only when the console was drawn, so
a button left on the Home of someone who has since left the team does nothing but say so."""

from __future__ import annotations

import json
import logging
import re
import secrets
from datetime import date, datetime, time
from time import sleep
from typing import Annotated, Any
from urllib.parse import urlsplit

import httpx
from pydantic import Field
from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.concerns.service import ConcernsService
from bot.errors import UserError
from bot.evaluations.service import EvaluationsService
from bot.events.service import EventsService
from bot.pairs.service import CheckInsService, PairingService
from bot.participants.errors import ImportRejected
from bot.participants.privacy import PrivacyService
from bot.participants.service import ParticipantsService
from bot.requests.rules import DONE
from bot.requests.service import RequestsService
from bot.scheme import Slug
from bot.team import Team
from handlers.concerns import ConcernPressed, resolve_from_form
from handlers.home import Home
from handlers.i18n import _
from handlers.middleware import SLACK_USER, Payload, acting, open_modal, parse, part
from handlers.views import concerns as concerns_view
from handlers.views import console as view
from handlers.views.common import user_error
from handlers.views.participants import import_problems

SlackId = Annotated[str, Field(pattern=SLACK_USER)]
IMPORTING = "console_importing"  # the checked file and its form's id, from the ack to the import
SENDING = "console_sending"  # the file asked for, from the ack to its sending
# Slack applies a form's answer within the 3 seconds it gives the app: wait at most that long.
SHOWN_TRIES, SHOWN_WAIT = 15, 0.2
log = logging.getLogger(__name__)
CONCERN_ACTIONS = re.compile(f"^{view.CONCERN}(acknowledge|take|resolve)$")


class EventPressed(Payload):
    value: Slug


class FormPressed(Payload):
    value: Slug


class ExportPressed(Payload):
    form: Slug
    pseudonymous: bool


class FileAsked(Payload):
    form: Slug
    file: view.File


class DateForm(Payload):
    day: date
    start: time
    end: time


class EventOrigin(Payload):
    event: Slug


class ImportOrigin(Payload):
    what: Annotated[str, Field(pattern="^(participants|pairs)$")]


class PairForm(Payload):
    mentor: SlackId
    mentee: SlackId


class MemberForm(Payload):
    member: SlackId
    reason: str = ""


class PausePairForm(Payload):
    member: SlackId
    until: date


class PersonForm(Payload):
    person: SlackId


class EraseOrigin(Payload):
    email: str


class Attached(Payload):
    """A file in the import form's file input, as Slack describes it."""

    name: str = ""
    filetype: str = ""
    size: int = 0
    url_private_download: str = ""
    url_private: str = ""


class FileInput(Payload):
    files: list[Attached] = []


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
    ):
        self._team = team
        self._concerns = concerns
        self._checkins = checkins
        self._events = events
        self._participants = participants
        self._evaluations = evaluations
        self._requests = requests

    def __call__(self, person: str, now: datetime) -> list[Block]:
        if not self._team.is_member(person):
            return []
        requests = self._requests.for_team(person)
        console = view.Console(
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
        )
        return view.console_blocks(console, self._events.programme, now)


def register(
    app: App,
    home: Home,
    team: Team,
    concerns: ConcernsService,
    participants: ParticipantsService,
    pairing: PairingService,
    privacy: PrivacyService,
) -> None:
    _register_concerns(app, home, team, concerns)
    _register_events(app, home, team)
    _register_imports(app, home, team, participants, pairing)
    _register_pairs(app, home, team, pairing)
    _register_erasure(app, home, privacy)
    _register_evaluations(app, home, team)


def _register_concerns(app: App, home: Home, team: Team, concerns: ConcernsService) -> None:
    @app.action(CONCERN_ACTIONS)
    def act(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        me = acting(context)
        concern_id = parse(ConcernPressed, action).value
        step = str(action.get("action_id", "")).rsplit("_", 1)[-1]
        if step == "resolve":
            team.require_member(me.person)
            modal = concerns_view.resolve_modal(concern_id, view.RESOLVE_MODAL)
            open_modal(client, acting(context), modal)
            return
        try:
            if step == "acknowledge":
                concerns.acknowledge(me.person, concern_id, me.now)
            else:
                concerns.take(me.person, concern_id, me.now)
        finally:
            # Refused too (someone took that step first, in the channel): the console shows
            # where the concern stands now.
            home.publish(client, me.person, me.now)

    @app.view(view.RESOLVE_MODAL)
    def resolved(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        resolve_from_form(concerns, me)
        ack()
        home.publish(client, me.person, me.now)


def _register_events(app: App, home: Home, team: Team) -> None:
    events = home.events

    @app.action(view.SET_DATE)
    def set_date(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        team.require_member(acting(context).person)
        event = events.programme.event(parse(EventPressed, action).value)
        if event is not None:
            open_modal(client, acting(context), view.set_date_modal(event.id, event.title))

    @app.view(view.SET_DATE_MODAL)
    def dated(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        event_id = parse(EventOrigin, me.metadata).event
        form = parse(DateForm, me.values)
        events.set_date(me.person, event_id, form.day, form.start, form.end, me.now)
        ack()
        home.publish(client, me.person, me.now)

    @app.action(view.WHO)
    def who(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        attendance = events.attendance(acting(context).person, parse(EventPressed, action).value)
        open_modal(client, acting(context), view.who_modal(attendance))


def _register_imports(
    app: App, home: Home, team: Team, participants: ParticipantsService, pairing: PairingService
) -> None:
    @app.action(view.IMPORT_PEOPLE)
    @app.action(view.IMPORT_PAIRS)
    def open_import(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        team.require_member(acting(context).person)
        what = "participants" if action.get("action_id") == view.IMPORT_PEOPLE else "pairs"
        open_modal(client, acting(context), view.import_modal(what))

    def keep(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
        """The file is read and checked as a file now; the import itself (a Slack lookup a
        person, at Slack's pace, far past the 3 seconds Slack gives a form for a large file)
        runs after the ack, and the form then says how it went."""
        me = acting(context)
        team.require_member(me.person)
        what = parse(ImportOrigin, me.metadata).what
        text = _csv_text(body["view"], client.token or "", client.base_url)
        if isinstance(text, _Refused):
            ack(response_action="errors", errors={"file": text.reason})
            return
        shown_as = f"import:{secrets.token_hex(8)}"
        context[IMPORTING] = (text, shown_as)
        ack(response_action="update", view=view.importing_modal(what, shown_as))

    def run(client: WebClient, context: BoltContext) -> None:
        if IMPORTING not in context:
            return  # the form went back with what was wrong with the file
        text, shown_as = context[IMPORTING]
        me = acting(context)
        what = parse(ImportOrigin, me.metadata).what
        told: View | dict[str, Any]
        try:
            if what == "pairs":
                team.require_member(me.person)
                done = _(view.PAIRS_IMPORTED).format(n=pairing.import_pairs(text, me.now))
            else:
                summary = participants.import_file(me.person, text, me.now)
                done = _(view.PEOPLE_IMPORTED).format(
                    created=summary.created, updated=summary.updated
                )
            told = view.done_modal(_("Imported"), done)
        except ImportRejected as rejected:
            told = view.import_modal(what, view.import_problems_text(import_problems(rejected)))
        except UserError as error:
            told = view.done_modal(_("Not imported"), user_error(error))
        _update_once_shown(client, shown_as, told)
        home.publish(client, me.person, me.now)

    app.view(view.IMPORT_MODAL)(ack=keep, lazy=[run])


def _update_once_shown(client: WebClient, external_id: str, told: View | dict[str, Any]) -> None:
    """Replaces the "importing" form, found by the id it was given: Slack shows it once it has
    the ack's answer, which may come after a quick import, so until then it is `not_found`."""
    for _try in range(SHOWN_TRIES):
        try:
            client.views_update(external_id=external_id, view=told)
            return
        except SlackApiError as error:
            if error.response.get("error") != "not_found":
                raise
            sleep(SHOWN_WAIT)
    log.warning("the import's form was closed before it could say how it went")


class _Refused:
    def __init__(self, reason: str):
        self.reason = reason


def _csv_text(submitted: dict[str, Any], token: str, api_url: str) -> str | _Refused:
    """The attached file's text, read as the command line reads a file; or why it cannot be."""
    held = part(part(part(part(submitted, "state"), "values"), "file"), "value")
    files = parse(FileInput, held).files
    if not files:
        return _Refused(_(view.NO_FILE))
    file = files[0]
    if file.filetype != "csv" and not file.name.lower().endswith(".csv"):
        return _Refused(_(view.NOT_A_CSV))
    if file.size > view.FILE_LIMIT:
        return _Refused(_(view.TOO_LARGE))
    url = file.url_private_download or file.url_private
    if not _is_slacks(url, api_url):
        return _Refused(_(view.NOT_READABLE))  # the token goes to Slack's own hosts only
    answer = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=15)
    # Slack answers a refused download with its sign-in page, not an error status.
    if answer.status_code != 200 or "text/html" in answer.headers.get("content-type", ""):
        return _Refused(_(view.NOT_READABLE))
    if len(answer.content) > view.FILE_LIMIT:
        return _Refused(_(view.TOO_LARGE))
    try:
        return answer.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _Refused(_(view.NOT_UTF8))


def _is_slacks(url: str, api_url: str) -> bool:
    """Slack's file hosts over HTTPS, or the host the Web API is reached at (a local stand-in)."""
    parts, api = urlsplit(url), urlsplit(api_url)
    if parts.scheme == "https" and (parts.hostname or "").endswith(".slack.com"):
        return True
    return (parts.scheme, parts.netloc) == (api.scheme, api.netloc)


def _register_pairs(app: App, home: Home, team: Team, pairing: PairingService) -> None:
    modals = {
        view.MAKE_PAIR: view.make_pair_modal,
        view.END_PAIR: view.end_pair_modal,
        view.PAUSE_PAIR: view.pause_pair_modal,
        view.ERASE: view.erase_modal,
    }

    @app.action(re.compile(f"^({'|'.join(modals)})$"))
    def open_pair_modal(
        ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext
    ) -> None:
        ack()
        team.require_member(acting(context).person)
        modal = modals[str(action.get("action_id"))]()
        open_modal(client, acting(context), modal)

    @app.view(view.MAKE_PAIR_MODAL)
    def make(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        form = parse(PairForm, me.values)
        pairing.pair(me.person, form.mentor, form.mentee, me.now)
        ack(response_action="update", view=view.done_modal(_("Pair made"), _(view.PAIR_MADE)))
        home.publish(client, me.person, me.now)

    @app.view(view.END_PAIR_MODAL)
    def end(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        form = parse(MemberForm, me.values)
        pairing.unpair(me.person, form.member, form.reason, me.now)
        ack(response_action="update", view=view.done_modal(_("Pairing ended"), _(view.PAIR_ENDED)))
        home.publish(client, me.person, me.now)

    @app.view(view.PAUSE_PAIR_MODAL)
    def pause(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        form = parse(PausePairForm, me.values)
        pairing.pause_pair(me.person, form.member, form.until, me.now)
        ack(response_action="update", view=view.done_modal(_("Pair paused"), _(view.PAIR_PAUSED)))
        home.publish(client, me.person, me.now)


def _register_erasure(app: App, home: Home, privacy: PrivacyService) -> None:
    @app.view(view.ERASE_MODAL)
    def confirm(ack: Ack, context: BoltContext) -> None:
        me = acting(context)
        person = privacy.who(me.person, parse(PersonForm, me.values).person)
        ack(response_action="update", view=view.erase_confirm_modal(person))

    @app.view(view.ERASE_CONFIRM_MODAL)
    def erase(ack: Ack, client: WebClient, context: BoltContext) -> None:
        me = acting(context)
        erasure = privacy.erase_for_team(me.person, parse(EraseOrigin, me.metadata).email, me.now)
        ack(response_action="update", view=view.done_modal(_("Erased"), view.erased(erasure)))
        home.publish(client, me.person, me.now)


def _register_evaluations(app: App, home: Home, team: Team) -> None:
    """A chart or an export takes a second or two (counting, uploading): the Home says at once,
    under the button, that it is on its way and where to, then that it is there."""
    evaluations = home.evaluations

    def asked(ack: Ack, action: dict, context: BoltContext) -> None:
        me = acting(context)
        team.require_member(me.person)
        file = _file_asked(action)
        evaluations.form(file.form)  # a form that is not the programme's is refused now
        context[SENDING] = file
        ack()

    def send(client: WebClient, context: BoltContext) -> None:
        if SENDING not in context:
            return  # refused, and told so
        me, file = acting(context), context[SENDING]
        home.publish(
            client,
            me.person,
            me.now,
            view.file_said(file.form, view.ON_ITS_WAY[file.file], team.channel),
        )
        said = view.file_not_sent(file.form)
        try:
            if file.file == "chart":
                sent = evaluations.post_results(me.person, file.form, me.now)
            else:
                pseudonymous = file.file == "pseudonymous"
                sent = evaluations.send_export(me.person, file.form, pseudonymous, me.now)
            words = view.ARRIVED[file.file] if sent else view.DELAYED[file.file]
            said = view.file_said(file.form, words, team.channel)
        except UserError as error:
            said = view.file_not_sent(file.form, user_error(error))
        finally:
            home.publish(client, me.person, me.now, said)

    app.action(view.CHART)(ack=asked, lazy=[send])
    app.action(re.compile(f"^{view.EXPORT}_(named|pseudonymous)$"))(ack=asked, lazy=[send])


def _file_asked(action: dict[str, Any]) -> FileAsked:
    if action.get("action_id") == view.CHART:
        return FileAsked(form=parse(FormPressed, action).value, file="chart")
    try:
        pressed = parse(ExportPressed, json.loads(str(action.get("value") or "")))
    except ValueError:
        pressed = parse(ExportPressed, None)
    return FileAsked(form=pressed.form, file="pseudonymous" if pressed.pseudonymous else "named")
