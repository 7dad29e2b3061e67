"""Every listener the app registers (read from the Bolt app, so a new one is covered by itself)
gets signed but crafted requests: keys missing, values of the wrong type, over-long strings,
unknown ids, no trigger. Each must be answered without a server error, log nothing at ERROR
(no traceback), keep every call to Slack within its contract, and change nothing stored."""

from __future__ import annotations

import inspect
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.client import HTTPException
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any
from urllib.parse import urlencode

import pytest
from pydantic import BaseModel
from slack_bolt.listener_matcher.builtins import BuiltinListenerMatcher
from sqlalchemy import MetaData, select

from handlers.middleware import Payload
from handlers.views import commands as commands_view
from localslack.sender import message_event, post_signed
from tests.cast import PAIRS_CSV, SUNITA, TEAM_LEAD
from tests.world import World, uk

LONG = "x" * 5000
# Wrong in type, in size or in meaning, wherever a value is expected: one of each kind of
# wrong (nothing, a number, an object, a list, too long, not JSON, an id past 64 bits).
ODD_VALUES: list[Any] = [None, -1, {"a": 1}, ["a"], LONG, "{not json", "99999999999999999999999"]
# Some listeners take no input (Resume, My data, an agreement whose fields are all optional, the
# console's Start of the next cohort), so a crafted envelope around them is a genuine use and
# writes these. Not yet told apart per
# request: every other table must be unchanged.
CHANGES_ALLOWED = {
    "agreements",
    "pairs",
    "participants",
    "deliveries",
    "slack_channels",
    "reader_languages",
    "cohort_registry",
}


@dataclass(frozen=True)
class Listener:
    kind: str  # one of SHARES
    id: str


def registered(world: World) -> list[Listener]:
    """The action_ids, callback_ids, commands and events the app listens for: a pattern is
    expanded into the ids it names."""
    found: list[Listener] = []
    for listener in world.bot.bolt._listeners:
        matcher = listener.matchers[0]
        assert isinstance(matcher, BuiltinListenerMatcher), "a listener Bolt did not build"
        func = matcher.func
        kind = func.__qualname__.split(".")[0]
        assert kind in SHARES, f"teach this test the listener kind {kind}"
        constraint = next(iter(inspect.getclosurevars(func).nonlocals.values()))
        for name in _examples(constraint):
            found.append(Listener(kind, name))
    return found


def _examples(constraint: str | re.Pattern[str]) -> list[str]:
    if isinstance(constraint, str):
        return [constraint]
    return _expand(sre_parse.parse(constraint.pattern))


def _expand(parsed: Any) -> list[str]:
    """Strings a regular expression of literals, groups and alternatives matches; an open end
    (a prefix) gets one more character."""
    words = [""]
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            words = [w + chr(arg) for w in words]
        elif name == "SUBPATTERN":
            words = [w + tail for w in words for tail in _expand(arg[-1])]
        elif name == "BRANCH":
            words = [w + tail for w in words for branch in arg[1] for tail in _expand(branch)]
        elif name != "AT":
            raise AssertionError(f"teach _expand the regular expression part {name}")
    return words


def form_fields() -> list[str]:
    """Every field a listener parses from a payload: a form's inputs are named after them."""
    fields: set[str] = set()
    pending: list[type[BaseModel]] = [Payload]
    while pending:
        model = pending.pop()
        pending += model.__subclasses__()
        fields |= set(model.model_fields)
    return sorted(fields)


def command_texts() -> list[str]:
    """What the help says can follow /mentoring."""
    usage = commands_view.usage(commands_view.USAGE + commands_view.TEAM_USAGE)
    return sorted(set(re.findall(r"`/mentoring ([^`]+)`", usage)))


class Crafter:
    """Builds signed Slack envelopes around crafted content and sends them to the bot."""

    def __init__(self, world: World):
        self.world = world
        self.ws = world.slack.workspace
        self.n = 0

    def trigger(self, user: str) -> str:
        """A trigger Slack would really have given (so a listener gets as far as it can)."""
        return self.world.sender._trigger(user, self._next())

    def _next(self) -> int:
        self.n += 1
        return 100000 + self.n

    def interaction(self, kind: str, user: str) -> dict[str, Any]:
        team = self.ws.team_id
        return {
            "type": kind,
            "team": {"id": team, "domain": "local"},
            "user": {"id": user, "username": "x", "name": "x", "team_id": team},
            "api_app_id": self.world.sender.app_id,
            "token": "deprecated-verification-token",
            "trigger_id": self.trigger(user),
        }

    def action(self, user: str, action_id: str) -> dict[str, Any]:
        dm = self.ws.dm_channel(user)
        return self.interaction("block_actions", user) | {
            "container": {"type": "message", "message_ts": "1.000001", "channel_id": dm},
            "channel": {"id": dm, "name": "directmessage"},
            "message": {"ts": "1.000001", "text": "", "blocks": []},
            "response_url": f"{self.world.slack.url}/respond/{dm}/{user}/{self._next()}",
            "actions": [
                {"type": "button", "action_id": action_id, "block_id": "x", "action_ts": "1.1"}
            ],
        }

    def view(self, user: str, callback_id: str) -> dict[str, Any]:
        inputs = [
            {
                "type": "input",
                "block_id": name,
                "label": {"type": "plain_text", "text": name},
                "element": {"type": "plain_text_input", "action_id": "value"},
            }
            for name in form_fields()
        ]
        metadata = {"source": "command", "concern": 1, "request": 1, "event": "launch"}
        return self.interaction("view_submission", user) | {
            "view": {
                "id": "VCRAFTED1",
                "type": "modal",
                "callback_id": callback_id,
                "blocks": inputs,
                "private_metadata": json.dumps(metadata | {"what": "pairs", "email": "a@b.c"}),
                "state": {"values": {}},
            },
            "response_urls": [],
        }

    def send_payload(self, payload: dict[str, Any]) -> int:
        return self._post(urlencode({"payload": json.dumps(payload)}))

    def send_command(self, user: str, text: str, trigger: str | None) -> int:
        dm = self.ws.dm_channel(user)
        form = {
            "team_id": self.ws.team_id,
            "channel_id": dm,
            "user_id": user,
            "command": "/mentoring",
            "text": text,
            "api_app_id": self.world.sender.app_id,
            "response_url": f"{self.world.slack.url}/respond/{dm}/{user}/{self._next()}",
        } | ({"trigger_id": trigger} if trigger is not None else {})
        return self._post(urlencode(form))

    def send_event(self, event: dict[str, Any]) -> int:
        envelope = json.loads(
            message_event(self.ws.team_id, "A1", self.ws.bot_user, SUNITA, "D1", "", "1.1", "Ev1")
        )
        envelope["event"] = event
        envelope["event_id"] = f"EvCRAFTED{self._next()}"
        return self._post(json.dumps(envelope), {"Content-Type": "application/json"})

    def _post(self, body: str, headers: dict[str, str] | None = None) -> int:
        sender = self.world.sender
        try:
            status = post_signed(sender.bot_url, sender.signing_secret, body, headers).status
        except (OSError, HTTPException):
            status = 599  # the bot's server closed the connection without an answer
        self.world.bot.wait_for_listeners()
        return status


def variants(crafter: Crafter, listener: Listener, user: str) -> Iterator[tuple[str, Any]]:
    """(what is crafted, the request) for one listener: a payload, or a command's text and
    trigger."""
    if listener.kind == "action":
        yield from _action_variants(crafter, listener.id, user)
    elif listener.kind == "view_submission":
        yield from _view_variants(crafter, listener.id, user)
    elif listener.kind == "shortcut":
        yield from _shortcut_variants(crafter, listener.id, user)
    elif listener.kind == "command":
        for text in command_texts():
            yield f"no trigger: {text}", (text, None)
            yield f"unknown trigger: {text}", (text, "1.2.unknown")
            yield f"over-long: {text}", (f"{text} {LONG}", crafter.trigger(user))
    elif listener.kind == "event":
        yield from _event_variants(listener.id, user)


def _envelope_variants(base: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    without = {k: v for k, v in base.items() if k != "trigger_id"}
    yield "no trigger_id", without
    yield "trigger_id a number", base | {"trigger_id": 5}
    yield "unknown trigger_id", base | {"trigger_id": "1.2.unknown"}
    yield "user a string", base | {"user": base["user"]["id"]}
    yield "user's id a list", base | {"user": {"id": ["x"]}}
    yield "user's id over-long", base | {"user": {"id": "U" + "A" * 3000}}


def _action_variants(crafter: Crafter, action_id: str, user: str) -> Iterator[tuple[str, Any]]:
    base = crafter.action(user, action_id)
    yield from _envelope_variants(base | {"actions": [base["actions"][0] | {"value": "999999999"}]})
    pressed = base["actions"][0]
    for value in ODD_VALUES:
        yield f"value {value!r:.20}", base | {"actions": [pressed | {"value": value}]}
        option = {"text": {"type": "plain_text", "text": "x"}, "value": value}
        yield f"option {value!r:.20}", base | {"actions": [pressed | {"selected_option": option}]}
        yield (
            f"selected_option {value!r:.20}",
            base | {"actions": [pressed | {"selected_option": value}]},
        )
    yield (
        "container a string",
        base | {"container": "x", "actions": [pressed | {"value": "999999999"}]},
    )
    yield "message a list", base | {"message": ["x"], "actions": [pressed | {"value": "999999999"}]}


def _view_variants(crafter: Crafter, callback_id: str, user: str) -> Iterator[tuple[str, Any]]:
    base = crafter.view(user, callback_id)
    view = base["view"]
    fields = form_fields()
    yield from _envelope_variants(base | {"view": view | {"state": {"values": {"x": LONG}}}})
    yield "no state", base | {"view": {k: v for k, v in view.items() if k != "state"}}
    for state in ["x", [], 5, None, {"values": "x"}, {"values": [1]}, {"values": None}]:
        yield f"state {state!r:.20}", base | {"view": view | {"state": state}}
    for value in ODD_VALUES:
        every = {name: {"value": {"type": "plain_text_input", "value": value}} for name in fields}
        yield f"every input {value!r:.20}", base | {"view": view | {"state": {"values": every}}}
        chosen = {name: {"value": {"selected_option": value}} for name in fields}
        yield f"every option {value!r:.20}", base | {"view": view | {"state": {"values": chosen}}}
        shaped = dict.fromkeys(fields, value)
        yield f"every block {value!r:.20}", base | {"view": view | {"state": {"values": shaped}}}
        yield (
            f"metadata {value!r:.20}",
            base | {"view": view | {"private_metadata": value, "state": {"values": every}}},
        )
    files = {"file": {"value": {"type": "file_input", "files": ["x", {"size": "big"}]}}}
    yield "files of the wrong shape", base | {"view": view | {"state": {"values": files}}}


def _shortcut_variants(crafter: Crafter, callback_id: str, user: str) -> Iterator[tuple[str, Any]]:
    for kind in ("shortcut", "message_action"):
        base = crafter.interaction(kind, user) | {"callback_id": callback_id, "action_ts": "1.1"}
        yield from ((f"{kind}: {n}", p) for n, p in _envelope_variants(base))
        for value in ODD_VALUES:
            yield f"{kind}: channel {value!r:.20}", base | {"channel": value, "message_ts": value}
            yield (
                f"{kind}: channel id {value!r:.20}",
                base
                | {
                    "channel": {"id": value},
                    "message": {"ts": value},
                    "message_ts": value,
                },
            )


def _event_variants(event_type: str, user: str) -> Iterator[tuple[str, Any]]:
    for value in ODD_VALUES:
        yield f"user {value!r:.20}", {"type": event_type, "user": value, "event_ts": "1.1"}
        yield (
            f"fields {value!r:.20}",
            {
                "type": event_type,
                "user": user,
                "channel": value,
                "channel_type": "im",
                "tab": value,
                "text": value,
                "ts": value,
                "event_ts": "1.1",
            },
        )


def send(crafter: Crafter, listener: Listener, user: str, request: Any) -> int:
    if listener.kind == "command":
        text, trigger = request
        return crafter.send_command(user, text, trigger)
    if listener.kind == "event":
        return crafter.send_event(request)
    return crafter.send_payload(request)


def stored(world: World) -> dict[str, list[Any]]:
    """Every table's rows, to compare before and after."""
    tables = MetaData()
    tables.reflect(world.bot.engine)
    with world.bot.engine.connect() as connection:
        return {
            name: sorted(map(repr, connection.execute(select(table)).all()))
            for name, table in tables.tables.items()
        }


@pytest.fixture
def paired(world: World) -> World:
    world.walk_to(uk("2025-11-14 10:00"))
    world.add_cohort()
    world.bot.import_pairs(PAIRS_CSV)
    world.bot.wait_for_listeners()
    return world


def bolt_cannot_read(request: Any) -> bool:
    """A `user` or `channel` that is a number: Bolt's own reading of the request (its
    extract_user_id, `"id" in 7`) raises before any middleware runs, so only the HTTP server in
    front of Bolt (handlers/slack/http.py) can refuse it."""
    if not isinstance(request, dict):
        return False
    return any(isinstance(request.get(key), int) for key in ("user", "channel"))


def fuzz(
    world: World,
    caplog: pytest.LogCaptureFixture,
    bolt_level: bool,
    listeners: Callable[[list[Listener]], list[Listener]] = lambda every: every,
) -> tuple[int, list[str]]:
    """Sends every crafted variant (those Bolt itself cannot read, or all the others) to each of
    the `listeners` chosen as a participant and as the team; returns how many were sent and
    which failed."""
    crafter, failures, sent = Crafter(world), [], 0
    for listener in listeners(registered(world)):
        for user in (SUNITA, TEAM_LEAD):
            for what, request in variants(crafter, listener, user):
                if bolt_cannot_read(request) != bolt_level:
                    continue
                caplog.clear()
                status = send(crafter, listener, user, request)
                sent += 1
                errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
                violations = list(world.slack.workspace.violations)
                world.slack.workspace.violations.clear()
                if status >= 500 or errors or violations:
                    said = [r.getMessage()[:200] for r in errors] + violations
                    failures.append(
                        f"{listener.kind} {listener.id} ({user}): {what}: {status} {said}"
                    )
    return sent, failures


# A share of the listeners of one kind per test (the many buttons and forms in several), so the
# suite's workers share them out.
SHARES = {"action": 3, "view_submission": 2, "shortcut": 1, "command": 1, "event": 1}


@pytest.mark.parametrize(
    ("kind", "share"), [(kind, n) for kind, shares in SHARES.items() for n in range(shares)]
)
def test_every_listener_answers_crafted_requests_kindly_and_changes_nothing(
    paired: World, caplog: pytest.LogCaptureFixture, kind: str, share: int
) -> None:
    def chosen(every: list[Listener]) -> list[Listener]:
        return [r for r in every if r.kind == kind][share :: SHARES[kind]]

    before = stored(paired)
    sent, failures = fuzz(paired, caplog, bolt_level=False, listeners=chosen)
    after = stored(paired)
    changed = [t for t in before if before[t] != after.get(t) and t not in CHANGES_ALLOWED]
    print(f"{sent} crafted requests, {len(failures)} failed")
    assert sent, f"no {kind} listener found"
    assert not failures, f"{len(failures)} of {sent} failed:\n" + "\n".join(failures)
    assert not changed, f"changed by crafted requests: {changed}"


def test_a_user_or_channel_that_is_a_number_is_refused_before_bolt_reads_it(
    paired: World, caplog: pytest.LogCaptureFixture
) -> None:
    sent, failures = fuzz(paired, caplog, bolt_level=True)
    assert sent and not failures, f"{len(failures)} of {sent} failed:\n" + "\n".join(failures)
