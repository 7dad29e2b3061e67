"""Every listener the app registers (read from the Bolt app, so a new one is covered by itself)
gets signed but crafted requests: keys missing, values of the wrong type, over-long strings,
unknown ids, no trigger. Each must be answered without a server error, log nothing at ERROR
(no traceback), keep every call to Slack within its contract, and change nothing stored.

Every listener gets every variant that reaches its code. Two kinds of variant reach no listener's
code, or reach it as one request, and are sent fewer times, which tests nothing less:

- A button's or form's request the shared path refuses before Bolt looks for a listener (a `user`
  that is no Slack user, a form's state of a shape Slack never sends: handlers/middleware.py).
  Nothing before that point reads the action_id or callback_id (Bolt reads it after the
  middleware, to choose the listener), so the answer is the same whatever the id. Which variants
  these are is asked of the app, not assumed: each is first sent for an id no listener has
  (UNHEARD), and Bolt answers 404 only when it got as far as looking for a listener. Those it
  refused count for every listener of the kind, as that person; the others go to every listener.
- What a pressed element sent (its value, its option), to a button whose listener asks Bolt for
  nothing but BLIND (`ack`, `client`, `context`...: no body, action or payload). Bolt puts none of
  the element in the context, and neither the middleware nor the error handler reads it, so those
  variants are one request to that listener, and it gets one of them."""

from __future__ import annotations

import inspect
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.client import HTTPException
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any
from urllib.parse import quote_plus, urlencode

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


# What Bolt gives a listener by name (slack_bolt.kwargs_injection) that holds nothing of what a
# pressed element sent: a listener asking for these alone cannot tell its odd values apart.
BLIND = {"ack", "client", "context", "logger", "respond", "say"}
# An action_id or callback_id no listener has: Bolt answers NOT_FOUND when it looks for one.
UNHEARD = "crafted_for_no_listener"
NOT_FOUND = 404
# The kinds whose variants are first sent for UNHEARD: an id nothing but Bolt's choice of listener
# reads, and many listeners sharing it. An event's type is read by Bolt's own middleware,
# /mentoring is the one command, and the three shortcuts would cost more asked than sent.
ASKED_FIRST = ("action", "view_submission")


@dataclass(frozen=True)
class Listener:
    kind: str  # one of SHARES
    id: str
    reads_content: bool = True  # asks Bolt for more than BLIND (the body, the action, ...)


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
        functions = [listener.ack_function, *listener.lazy_functions]
        asks = set().union(*(inspect.signature(f).parameters for f in functions))
        # A listener's own middleware could put any of the request in its context.
        reads = bool(asks - BLIND or listener.middleware)
        for name in _examples(constraint):
            found.append(Listener(kind, name, reads_content=reads))
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


# A run of the characters quote_plus keeps as they are (a crafted value's "xxx...").
_UNQUOTED_RUN = re.compile(r"([A-Za-z0-9_.~-]{64,})")


def form_quoted(text: str, safe: str = "", encoding: str | None = None, errors: None = None) -> str:
    """quote_plus(text), passing over long runs it keeps at C speed: it quotes byte by byte in
    Python, which was the most of this test's own time (a crafted form is 400 KB)."""
    assert not safe and encoding is None, "urlencode's defaults only"
    parts = _UNQUOTED_RUN.split(text)
    parts[::2] = map(quote_plus, parts[::2])
    return "".join(parts)


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
        return self._post(urlencode({"payload": json.dumps(payload)}, quote_via=form_quoted))

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
        return self._post(urlencode(form, quote_via=form_quoted))

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
        yield from _action_variants(crafter, listener, user)
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


def _action_variants(crafter: Crafter, listener: Listener, user: str) -> Iterator[tuple[str, Any]]:
    base = crafter.action(user, listener.id)
    yield from _envelope_variants(base | {"actions": [base["actions"][0] | {"value": "999999999"}]})
    pressed = base["actions"][0]
    pressings = list(_pressings(base, pressed))
    yield from pressings if listener.reads_content else pressings[:1]
    yield (
        "container a string",
        base | {"container": "x", "actions": [pressed | {"value": "999999999"}]},
    )
    yield "message a list", base | {"message": ["x"], "actions": [pressed | {"value": "999999999"}]}


def _pressings(base: dict[str, Any], pressed: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """The pressed element sending each odd value, as its value or its chosen option."""
    for value in ODD_VALUES:
        yield f"value {value!r:.20}", base | {"actions": [pressed | {"value": value}]}
        option = {"text": {"type": "plain_text", "text": "x"}, "value": value}
        yield f"option {value!r:.20}", base | {"actions": [pressed | {"selected_option": option}]}
        yield (
            f"selected_option {value!r:.20}",
            base | {"actions": [pressed | {"selected_option": value}]},
        )


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


class Fuzz:
    """Sends crafted requests (those Bolt itself cannot read, or all the others) and keeps which
    were answered with a server error, an ERROR logged or a call Slack would refuse."""

    def __init__(self, world: World, caplog: pytest.LogCaptureFixture, bolt_level: bool):
        self.world, self.caplog, self.bolt_level = world, caplog, bolt_level
        self.crafter = Crafter(world)
        self.sent: Counter[Listener] = Counter()
        self.failures: list[str] = []

    def every_variant(self, listeners: list[Listener]) -> None:
        """Each variant, as a participant and as the team, to each of `listeners` it reaches;
        those the shared path refuses before any listener, once for each kind."""
        for user in (SUNITA, TEAM_LEAD):
            # What Bolt cannot read at all is refused at the door (handlers/slack/http.py), which
            # reads no id either; those variants are few, and go to every listener.
            kinds = set() if self.bolt_level else {r.kind for r in listeners} & set(ASKED_FIRST)
            refused = {kind: self.refused_before_listeners(kind, user) for kind in kinds}
            for listener in listeners:
                for what, request in variants(self.crafter, listener, user):
                    if self.ours(request) and what not in refused.get(listener.kind, ()):
                        self.send(listener, user, what, request)

    def refused_before_listeners(self, kind: str, user: str) -> set[str]:
        """The variants of `kind` answered before Bolt looks for a listener: sent for an id no
        listener has, Bolt answers 404 only when it looked."""
        unheard = Listener(kind, UNHEARD)
        crafted = self.crafter.action if kind == "action" else self.crafter.view
        looked = self.send(unheard, user, "the envelope alone", crafted(user, UNHEARD))
        assert looked == NOT_FOUND, f"an unheard {kind} got {looked}: is 404 Bolt's answer?"
        crafted_ones = [(w, r) for w, r in variants(self.crafter, unheard, user) if self.ours(r)]
        assert len(dict(crafted_ones)) == len(crafted_ones), "a variant's name is not its own"
        return {w for w, r in crafted_ones if self.send(unheard, user, w, r) != NOT_FOUND}

    def ours(self, request: Any) -> bool:
        return bolt_cannot_read(request) == self.bolt_level

    def send(self, listener: Listener, user: str, what: str, request: Any) -> int:
        self.caplog.clear()
        status = send(self.crafter, listener, user, request)
        self.sent[listener] += 1
        errors = [r for r in self.caplog.records if r.levelno >= logging.ERROR or r.exc_info]
        violations = list(self.world.slack.workspace.violations)
        self.world.slack.workspace.violations.clear()
        if status >= 500 or errors or violations:
            said = [r.getMessage()[:200] for r in errors] + violations
            self.failures.append(f"{listener.kind} {listener.id} ({user}): {what}: {status} {said}")
        return status


# A share of the listeners of one kind per test (the many buttons and forms in several), so the
# suite's workers share them out.
SHARES = {"action": 3, "view_submission": 1, "shortcut": 1, "command": 1, "event": 1}


@pytest.mark.parametrize(
    ("kind", "share"), [(kind, n) for kind, shares in SHARES.items() for n in range(shares)]
)
def test_every_listener_answers_crafted_requests_kindly_and_changes_nothing(
    paired: World, caplog: pytest.LogCaptureFixture, kind: str, share: int
) -> None:
    chosen = [r for r in registered(paired) if r.kind == kind][share :: SHARES[kind]]
    before = stored(paired)
    fuzz = Fuzz(paired, caplog, bolt_level=False)
    fuzz.every_variant(chosen)
    after = stored(paired)
    changed = [t for t in before if before[t] != after.get(t) and t not in CHANGES_ALLOWED]
    sent, failures = sum(fuzz.sent.values()), fuzz.failures
    print(f"{sent} crafted requests, {len(failures)} failed")
    assert chosen, f"no {kind} listener found"
    assert all(fuzz.sent[r] for r in chosen), "a listener got no crafted request"
    assert not failures, f"{len(failures)} of {sent} failed:\n" + "\n".join(failures)
    assert not changed, f"changed by crafted requests: {changed}"


def test_a_user_or_channel_that_is_a_number_is_refused_before_bolt_reads_it(
    paired: World, caplog: pytest.LogCaptureFixture
) -> None:
    fuzz = Fuzz(paired, caplog, bolt_level=True)
    fuzz.every_variant(registered(paired))
    sent, failures = sum(fuzz.sent.values()), fuzz.failures
    assert sent and not failures, f"{len(failures)} of {sent} failed:\n" + "\n".join(failures)
