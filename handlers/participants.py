"""Participants: `/mentoring my-data`, a copy of everything the bot holds about the person, in
their own DM; `/mentoring nation` and `language`, whose bank holidays they keep and which
language they read (also on their Home); and the team's console imports (people and pairs, from
a CSV file) and erasure."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from time import sleep
from typing import Annotated, Any
from urllib.parse import urlsplit

import httpx
from pydantic import Field
from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View

from bot.errors import UserError
from bot.pairs.service import PairingService
from bot.participants.errors import ImportRejected
from bot.participants.privacy import PrivacyService
from bot.participants.service import ParticipantsService
from bot.scheme import Nation
from bot.team import Team
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, alone
from handlers.home import Home
from handlers.i18n import _, in_language
from handlers.listeners import Listen, listen
from handlers.middleware import MenuChoice, Payload, SlackId, acting, open_modal, parse, part
from handlers.views import participants as view
from handlers.views.common import user_error
from handlers.views.pairs.forms import pairs_imported_modal

IMPORTING = "console_importing"  # the checked file and its form's id, from the ack to the import
# Slack applies a form's answer within the 3 seconds it gives the app: wait at most that long.
SHOWN_TRIES, SHOWN_WAIT = 15, 0.2
log = logging.getLogger(__name__)


class ImportOrigin(Payload):
    what: Annotated[str, Field(pattern="^(participants|pairs)$")]


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


@dataclass(frozen=True)
class Participants:
    """What the participants' listeners and commands use."""

    participants: ParticipantsService
    privacy: PrivacyService
    pairing: PairingService  # the console's import takes a file of pairs too
    team: Team
    home: Home
    default_nation: Nation


def register(app: App, commands: Commands, deps: Participants) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def choose_language(
    deps: Participants, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    chosen = parse(MenuChoice, action).selected_option.value
    spoken = deps.participants.set_language(me.person, chosen, me.now)
    with in_language(spoken):  # the Home is drawn again in the language just chosen
        deps.home.publish(client, me.person, me.now)


def choose_nation(
    deps: Participants, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    chosen = parse(MenuChoice, action).selected_option.value
    deps.participants.set_nation(me.person, chosen, me.now)
    deps.home.publish(client, me.person, me.now)


def my_data_on_home(deps: Participants, ack: Ack, context: BoltContext) -> None:
    ack()
    me = acting(context)
    deps.privacy.send_my_data(me.person, me.now)


def open_import(
    deps: Participants, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    ack()
    deps.team.require_member(acting(context).person)
    what = "participants" if action.get("action_id") == view.IMPORT_PEOPLE else "pairs"
    open_modal(client, acting(context), view.import_modal(what))


def keep_import(
    deps: Participants, ack: Ack, body: dict, client: WebClient, context: BoltContext
) -> None:
    """The file is read and checked as a file now; the import itself (a Slack lookup a
    person, at Slack's pace, far past the 3 seconds Slack gives a form for a large file)
    runs after the ack, and the form then says how it went."""
    me = acting(context)
    deps.team.require_member(me.person)
    what = parse(ImportOrigin, me.metadata).what
    text = _csv_text(body["view"], client.token or "", client.base_url)
    if isinstance(text, _Refused):
        ack(response_action="errors", errors={"file": text.reason})
        return
    shown_as = f"import:{secrets.token_hex(8)}"
    context[IMPORTING] = (text, shown_as)
    ack(response_action="update", view=view.importing_modal(what, shown_as))


def run_import(deps: Participants, client: WebClient, context: BoltContext) -> None:
    if IMPORTING not in context:
        return  # the form went back with what was wrong with the file
    text, shown_as = context[IMPORTING]
    me = acting(context)
    what = parse(ImportOrigin, me.metadata).what
    told: View | dict[str, Any]
    try:
        if what == "pairs":
            deps.team.require_member(me.person)
            told = pairs_imported_modal(deps.pairing.import_pairs(text, me.now))
        else:
            summary = deps.participants.import_file(me.person, text, me.now)
            told = view.people_imported_modal(summary.created, summary.updated)
    except ImportRejected as rejected:
        problems = view.import_problems_text(view.import_problems(rejected))
        told = view.import_modal(what, problems)
    except UserError as error:
        told = view.not_imported_modal(user_error(error))
    _update_once_shown(client, shown_as, told)
    deps.home.publish(client, me.person, me.now)


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


def open_erase(deps: Participants, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    deps.team.require_member(acting(context).person)
    open_modal(client, acting(context), view.erase_modal())


def confirm_erase(deps: Participants, ack: Ack, context: BoltContext) -> None:
    me = acting(context)
    person = deps.privacy.who(me.person, parse(PersonForm, me.values).person)
    ack(response_action="update", view=view.erase_confirm_modal(person))


def erase(deps: Participants, ack: Ack, client: WebClient, context: BoltContext) -> None:
    me = acting(context)
    email = parse(EraseOrigin, me.metadata).email
    erasure = deps.privacy.erase_for_team(me.person, email, me.now)
    done = view.erased_modal(erasure)
    ack(response_action="update", view=done)
    deps.home.publish(client, me.person, me.now)


LISTENERS: list[Listen[Participants]] = [
    Listen(App.action, view.HOME_LANGUAGE, choose_language),
    Listen(App.action, view.HOME_NATION, choose_nation),
    Listen(App.action, view.HOME_MY_DATA, my_data_on_home),
    Listen(App.action, view.IMPORT_PEOPLE, open_import),
    Listen(App.action, view.IMPORT_PAIRS, open_import),
    Listen(App.view, view.IMPORT_MODAL, keep_import, lazy=(run_import,)),
    Listen(App.action, view.ERASE, open_erase),
    Listen(App.view, view.ERASE_MODAL, confirm_erase),
    Listen(App.view, view.ERASE_CONFIRM_MODAL, erase),
]


def my_data(deps: Participants, _: MyData, call: CommandCall) -> str:
    deps.privacy.send_my_data(call.acting.person, call.acting.now)
    return view.my_data_sent()


def nation(deps: Participants, command: SetNation, call: CommandCall) -> str:
    me, participants = call.acting, deps.participants
    if command.named is None:
        return view.nation_now(participants.nation_of(me.person), deps.default_nation)
    return view.nation_set(participants.set_nation(me.person, command.named, me.now))


def language(deps: Participants, command: SetLanguage, call: CommandCall) -> str:
    me = call.acting
    if command.named is None:
        return view.language_now()
    chosen = deps.participants.set_language(me.person, command.named, me.now)
    with in_language(chosen):  # the answer is the first thing said in it
        return view.language_set()


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class MyData:
    pass


@dataclass(frozen=True)
class SetNation:
    """`nation`: which nation's bank holidays I keep; `nation NAME`: keep that one's."""

    named: str | None


@dataclass(frozen=True)
class SetLanguage:
    """`language` (or `iaith`): which language I read; `language NAME`: read that one."""

    named: str | None


GRAMMAR: Grammar = {
    ("my-data",): alone(MyData()),
    ("language",): lambda _, typed: SetLanguage(" ".join(typed) or None),
    ("nation",): lambda _, typed: SetNation(" ".join(typed) or None),
}


COMMANDS: list[tuple[type, FeatureAnswer[Participants]]] = [
    (MyData, my_data),
    (SetLanguage, language),
    (SetNation, nation),
]
