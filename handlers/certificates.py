"""Certificates: `/mentoring certificate` (and the Home's button once someone has completed)
brings their certificate of participation to their own DM, or says kindly what completing
needs; `/mentoring team completed` names who completed; and anyone checks a code at
/certificates/CODE on the web process (or with `mentorbot certificate verify CODE`), which shows
the name, role and cohort only."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.certificates.errors import NotACode
from bot.certificates.model import Certificate
from bot.certificates.service import CertificatesService
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, alone
from handlers.home import Home
from handlers.i18n import WELSH, in_language
from handlers.listeners import Listen, listen
from handlers.middleware import acting
from handlers.slack.http import mount
from handlers.views import certificates as view

CERTIFICATES_PREFIX = "/certificates/"
# A code as printed is 18 characters; what someone pastes may have spaces. Anything far longer
# cannot be one, and is not read.
TYPED_MAX = 64
# The page's language: Welsh for a browser that asks for Welsh before English.
_WELSH_FIRST = re.compile(r"^\s*cy\b", re.IGNORECASE)


@dataclass(frozen=True)
class Certificates:
    """What the certificates' listeners, commands and page use."""

    certificates: CertificatesService
    home: Home
    clock: Callable[[], datetime]  # the page's `now`: no middleware puts one in its way


def register(app: App, commands: Commands, deps: Certificates) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)
    mount(app, CERTIFICATES_PREFIX, certificate_page(deps.certificates, deps.clock))


def certificate_on_home(
    deps: Certificates, ack: Ack, client: WebClient, context: BoltContext
) -> None:
    ack()
    me = acting(context)
    mine = deps.certificates.send_mine(me.person, me.now)
    deps.home.publish(client, me.person, me.now, view.certificate_said(mine))


LISTENERS: list[Listen[Certificates]] = [
    Listen(App.action, view.HOME_CERTIFICATE, certificate_on_home),
]


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class MyCertificate:
    """`certificate` (`tystysgrif`): mine, in our DM."""


@dataclass(frozen=True)
class TeamCompleted:
    """`team completed`: who completed the scheme."""


def my_certificate(deps: Certificates, _command: MyCertificate, call: CommandCall) -> str:
    mine = deps.certificates.send_mine(call.acting.person, call.acting.now)
    if isinstance(mine, Certificate):
        return view.certificate_sent(mine)
    return view.still_to_complete(mine)


def team_completed(deps: Certificates, _command: TeamCompleted, call: CommandCall) -> str:
    me = call.acting
    return view.team_completed_message(deps.certificates.completed(me.person, me.now))


GRAMMAR: Grammar = {
    ("certificate",): alone(MyCertificate()),
    ("team", "completed"): alone(TeamCompleted()),
}


COMMANDS: list[tuple[type, FeatureAnswer[Certificates]]] = [
    (MyCertificate, my_certificate),
    (TeamCompleted, team_completed),
]


def certificate_page(
    certificates: CertificatesService, clock: Callable[[], datetime]
) -> WSGIApplication:
    """GET /certificates/CODE: 200 with the name, role and cohort of a genuine certificate; 404
    when no certificate has the code; 400 when it cannot be a code. Nothing else is shown, and
    the page runs no script and loads nothing."""

    def serve(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            start_response(
                _status(HTTPStatus.METHOD_NOT_ALLOWED), [("Allow", "GET, HEAD"), *_PLAIN]
            )
            return []
        typed = str(environ.get("PATH_INFO", "")).removeprefix(CERTIFICATES_PREFIX)
        with in_language(_language(environ)):
            status, page = _checked(certificates, typed, clock())
        body = page.encode()
        start_response(status, [*_HTML, ("Content-Length", str(len(body)))])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    return serve


def _checked(certificates: CertificatesService, typed: str, now: datetime) -> tuple[str, str]:
    try:
        if len(typed) > TYPED_MAX:
            raise NotACode("length")
        found = certificates.verify(typed, now)
    except NotACode as error:
        return _status(HTTPStatus.BAD_REQUEST), view.not_a_code_html(error)
    status = HTTPStatus.OK if found else HTTPStatus.NOT_FOUND
    return _status(status), view.verification_html(found)


def _status(status: HTTPStatus) -> str:
    """A WSGI status line: "404 Not Found"."""
    return f"{status.value} {status.phrase}"


def _language(environ: WSGIEnvironment) -> str | None:
    return WELSH if _WELSH_FIRST.match(str(environ.get("HTTP_ACCEPT_LANGUAGE", ""))) else None


_PLAIN = [("Content-Type", "text/plain"), ("Content-Length", "0")]
# A page of words: its own inline style and nothing else; never framed; not kept by a shared
# cache (whoever checks a code need not leave it behind).
_HTML = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "private, no-store"),
]
