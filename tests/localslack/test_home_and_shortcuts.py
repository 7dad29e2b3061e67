"""The stand-in serves the Home tab, shortcuts, stacked modals and files put in a modal as Slack
does: views.publish, views.push and files.info by Slack's answers and limits, and the sender's
events and payloads in Slack's shapes, signed, to a bot's endpoint."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from freezegun import freeze_time
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from localslack.contract import OPENAPI, published
from localslack.sender import SignedSender
from localslack.server import LocalSlack
from localslack.workspace import Message

ANN = "UANN00001"
SECRET = "local-signing-secret"


class Bot:
    """A bot's endpoint, as far as these tests need one: it refuses a request Slack did not
    sign, keeps what arrived and answers each with `answer`."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.answer = ""
        self._server = HTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,))

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/slack/events"

    @property
    def last(self) -> dict[str, Any]:
        return self.received[-1]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        bot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                signed = f"v0:{self.headers['X-Slack-Request-Timestamp']}:{body}".encode()
                expected = "v0=" + hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()
                if not hmac.compare_digest(expected, self.headers["X-Slack-Signature"]):
                    self._reply(401, "")
                    return
                form = parse_qs(body)
                bot.received.append(json.loads(form["payload"][0] if "payload" in form else body))
                self._reply(200, bot.answer)

            def _reply(self, status: int, text: str) -> None:
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        return Handler

    def __enter__(self) -> Bot:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def local() -> Iterator[LocalSlack]:
    with LocalSlack() as slack:
        slack.workspace.add_user(ANN, "Ann Example", "ann@example.org")
        yield slack
        assert slack.workspace.violations == [], "calls Slack would refuse"


@pytest.fixture
def bot() -> Iterator[Bot]:
    with Bot() as endpoint:
        yield endpoint


@pytest.fixture
def sender(local: LocalSlack, bot: Bot) -> SignedSender:
    return SignedSender(local, bot.url, SECRET)


def web(slack: LocalSlack) -> WebClient:
    return WebClient(token=slack.token, base_url=slack.api_url, retry_handlers=[])


def section(text: str, accessory: dict[str, Any] | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    return block | ({"accessory": accessory} if accessory else {})


def button(action_id: str, value: str, text: str = "Go") -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": action_id,
        "value": value,
        "text": {"type": "plain_text", "text": text},
    }


def options(*values: str) -> list[dict[str, Any]]:
    return [{"text": {"type": "plain_text", "text": v.title()}, "value": v} for v in values]


def modal(*blocks: dict[str, Any], title: str = "Team console") -> dict[str, Any]:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": list(blocks),
    }


def home(*blocks: dict[str, Any]) -> dict[str, Any]:
    return {"type": "home", "blocks": list(blocks)}


def text_input(block_id: str) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": block_id},
        "element": {"type": "plain_text_input", "action_id": "value"},
    }


def trigger_of(sender: SignedSender, bot: Bot) -> str:
    """A trigger_id from Ann's global shortcut, for opening a modal."""
    assert sender.shortcut(ANN, "team_console").status == 200
    return str(bot.last["trigger_id"])


def refusal(call: Callable[[], Any]) -> dict[str, Any]:
    with pytest.raises(SlackApiError) as refused:
        call()
    return dict(refused.value.response.data)


# views.publish ----------------------------------------------------------------------------------


def test_a_home_tab_keeps_its_view_id_from_one_publish_to_the_next(local: LocalSlack) -> None:
    first = web(local).views_publish(user_id=ANN, view=home(section("Welcome")))["view"]
    second = web(local).views_publish(user_id=ANN, view=home(section("Welcome back")))["view"]
    assert first["type"] == "home" and second["id"] == first["id"] != ""
    assert second["hash"] != first["hash"]
    assert local.workspace.home_view(ANN) == second
    assert second["blocks"][0]["text"]["text"] == "Welcome back"


def test_a_publish_with_a_stale_hash_is_a_conflict_and_changes_nothing(local: LocalSlack) -> None:
    publish = web(local).views_publish
    first = publish(user_id=ANN, view=home(section("One")))["view"]
    second = publish(user_id=ANN, view=home(section("Two")), hash=first["hash"])["view"]
    stale = refusal(partial(publish, user_id=ANN, view=home(), hash=first["hash"]))
    assert stale == {"ok": False, "error": "hash_conflict"}
    assert local.workspace.home_view(ANN) == second


def test_only_a_home_view_is_published_and_only_to_someone_in_the_workspace(
    local: LocalSlack,
) -> None:
    publish = web(local).views_publish
    assert refusal(partial(publish, user_id="UNOBODY01", view=home()))["error"] == "user_not_found"
    modal_view = refusal(partial(publish, user_id=ANN, view=modal(section("x"))))
    assert modal_view["error"] == "invalid_arguments"
    assert local.workspace.violations == ["views.publish: must be a home view [json-pointer:/view]"]
    local.workspace.violations.clear()


# Block Kit's limits ---------------------------------------------------------------------------


LONG = "x" * 3001


@pytest.mark.parametrize(
    ("view", "message"),
    [
        (home(*[section("x")] * 101), "no more than 100 items allowed [json-pointer:/view/blocks]"),
        (
            modal(section("x"), title="A title longer than 24 ch"),
            "must be less than 25 characters [json-pointer:/view/title/text]",
        ),
        (
            home(section(LONG)),
            "must be less than 3001 characters [json-pointer:/view/blocks/0/text/text]",
        ),
        (
            home({"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}),
            "must be less than 151 characters [json-pointer:/view/blocks/0/text/text]",
        ),
        (
            home(section("x", button("go", "1", text="b" * 76))),
            "must be less than 76 characters [json-pointer:/view/blocks/0/accessory/text/text]",
        ),
        (
            home(section("x") | {"block_id": "b" * 256}),
            "must be less than 256 characters [json-pointer:/view/blocks/0/block_id]",
        ),
        (
            home({"type": "actions", "elements": [button("a" * 256, "1")]}),
            "must be less than 256 characters [json-pointer:/view/blocks/0/elements/0/action_id]",
        ),
        (
            home({"type": "actions", "elements": [button(f"b{i}", "1") for i in range(26)]}),
            "no more than 25 items allowed [json-pointer:/view/blocks/0/elements]",
        ),
    ],
)
def test_a_view_beyond_block_kits_limits_is_refused_as_slack_words_it(
    local: LocalSlack, sender: SignedSender, bot: Bot, view: dict[str, Any], message: str
) -> None:
    publish = view["type"] == "home"
    if publish:
        call = partial(web(local).views_publish, user_id=ANN, view=view)
    else:
        call = partial(web(local).views_open, trigger_id=trigger_of(sender, bot), view=view)
    assert refusal(call) == {
        "ok": False,
        "error": "invalid_arguments",
        "response_metadata": {"messages": [f"[ERROR] {message}"]},
    }
    assert local.workspace.violations == [
        f"{'views.publish' if publish else 'views.open'}: {message}"
    ]
    local.workspace.violations.clear()


def test_a_message_beyond_the_limits_is_refused_with_its_errors(local: LocalSlack) -> None:
    client = web(local)
    fifty_one = [section("x")] * 51
    assert refusal(partial(client.chat_postMessage, channel=ANN, text="t", blocks=fifty_one)) == {
        "ok": False,
        "error": "invalid_blocks",
        "errors": ["no more than 50 items allowed [json-pointer:/blocks]"],
        "response_metadata": {
            "messages": ["[ERROR] no more than 50 items allowed [json-pointer:/blocks]"]
        },
    }
    posted = client.chat_postMessage(channel=ANN, text="t", blocks=fifty_one[:50])
    long = partial(
        client.chat_update,
        channel=posted["channel"],
        ts=posted["ts"],
        text="t",
        blocks=[section(LONG)],
    )
    assert refusal(long)["errors"] == [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    ]
    [message] = local.workspace.messages
    assert len(message.blocks) == 50 and message.blocks[0]["text"]["text"] == "x"
    assert len(local.workspace.violations) == 2
    local.workspace.violations.clear()


# Shortcuts ------------------------------------------------------------------------------------


def test_a_global_shortcut_arrives_with_a_trigger_that_opens_a_modal(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    assert sender.shortcut(ANN, "team_console").status == 200
    payload = bot.last
    assert (payload["type"], payload["callback_id"], payload["user"]["id"]) == (
        "shortcut",
        "team_console",
        ANN,
    )
    assert "channel" not in payload and "response_url" not in payload
    opened = web(local).views_open(trigger_id=payload["trigger_id"], view=modal(section("Hi")))
    assert local.workspace.open_modal_of(ANN) == opened["view"]["id"]
    again = refusal(lambda: web(local).views_open(trigger_id=payload["trigger_id"], view=modal()))
    assert again["error"] == "invalid_trigger_id"


def test_a_message_shortcut_carries_the_message_and_a_response_url_that_answers_there(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    posted = web(local).chat_postMessage(channel=ANN, text="Our pair's first meeting")
    [message] = local.workspace.dms_to(ANN)
    assert sender.message_shortcut(ANN, message, "raise_concern").status == 200
    payload = bot.last
    assert payload["type"] == "message_action" and payload["callback_id"] == "raise_concern"
    assert payload["message"]["ts"] == posted["ts"] == payload["message_ts"]
    assert payload["channel"]["id"] == posted["channel"]
    web(local).views_open(trigger_id=payload["trigger_id"], view=modal(section("Tell us")))
    answer = urllib.request.Request(
        payload["response_url"], data=json.dumps({"text": "Thank you"}).encode(), method="POST"
    )
    urllib.request.urlopen(answer, timeout=5).close()
    assert [r.text for r in local.workspace.responses_to(ANN)] == ["Thank you"]


# The Home tab ---------------------------------------------------------------------------------


def home_with_every_element() -> dict[str, Any]:
    return home(
        section("Your pair", button("open_console", "console", text="Open the console")),
        section(
            "Stage",
            {
                "type": "static_select",
                "action_id": "stage",
                "options": options("preparing", "negotiation"),
            },
        ),
        section(
            "More", {"type": "overflow", "action_id": "more", "options": options("export", "help")}
        ),
        {
            "type": "actions",
            "block_id": "when",
            "elements": [
                {"type": "datepicker", "action_id": "day"},
                {"type": "timepicker", "action_id": "time"},
                {
                    "type": "radio_buttons",
                    "action_id": "often",
                    "options": options("weekly", "monthly"),
                },
                {
                    "type": "checkboxes",
                    "action_id": "topics",
                    "options": options("goals", "careers"),
                },
                {"type": "users_select", "action_id": "mentor"},
            ],
        },
    )


def test_opening_home_sends_app_home_opened_with_the_published_view(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    assert sender.open_home(ANN).status == 200
    first = bot.last["event"]
    assert (first["type"], first["user"], first["tab"]) == ("app_home_opened", ANN, "home")
    assert first["channel"] == local.workspace.dm_channel(ANN) and "view" not in first
    published = web(local).views_publish(user_id=ANN, view=home_with_every_element())["view"]
    sender.open_home(ANN)
    assert bot.last["event"]["view"]["id"] == published["id"]
    assert bot.last["event"]["view"]["hash"] == published["hash"]
    assert bot.last["event_id"] == sender.last_event_id


def test_app_home_opened_has_slacks_envelope(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    import jsonschema

    sender.open_home(ANN)
    jsonschema.validate(bot.last, published("slack_common_event_wrapper_schema.json"))


def test_a_button_in_home_sends_a_view_action_with_a_trigger_for_a_modal(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    published = web(local).views_publish(user_id=ANN, view=home_with_every_element())["view"]
    assert sender.click_home(ANN, "open_console").status == 200
    payload = bot.last
    assert payload["type"] == "block_actions"
    assert payload["container"] == {"type": "view", "view_id": published["id"]}
    assert payload["view"]["id"] == published["id"] and payload["view"]["type"] == "home"
    assert "response_url" not in payload and "channel" not in payload
    [action] = payload["actions"]
    assert (action["type"], action["action_id"], action["value"]) == (
        "button",
        "open_console",
        "console",
    )
    web(local).views_open(trigger_id=payload["trigger_id"], view=modal(section("Console")))
    assert local.workspace.open_modal_of(ANN) is not None


@pytest.mark.parametrize(
    ("action_id", "choice", "reported"),
    [
        (
            "stage",
            "negotiation",
            {"type": "static_select", "selected_option": options("negotiation")[0]},
        ),
        ("more", "export", {"type": "overflow", "selected_option": options("export")[0]}),
        ("day", "2026-01-12", {"type": "datepicker", "selected_date": "2026-01-12"}),
        ("time", "14:30", {"type": "timepicker", "selected_time": "14:30"}),
        ("often", "monthly", {"type": "radio_buttons", "selected_option": options("monthly")[0]}),
        (
            "topics",
            ["goals", "careers"],
            {"type": "checkboxes", "selected_options": options("goals", "careers")},
        ),
        ("mentor", ANN, {"type": "users_select", "selected_user": ANN}),
    ],
)
def test_a_choice_in_home_is_reported_as_slack_reports_it(
    local: LocalSlack,
    sender: SignedSender,
    bot: Bot,
    action_id: str,
    choice: str | list[str],
    reported: dict[str, Any],
) -> None:
    web(local).views_publish(user_id=ANN, view=home_with_every_element())
    assert sender.select_home(ANN, action_id, choice).status == 200
    [action] = bot.last["actions"]
    assert {k: v for k, v in action.items() if k in reported} == reported
    assert action["action_id"] == action_id and "action_ts" in action


def test_home_offers_only_what_it_shows(local: LocalSlack, sender: SignedSender) -> None:
    with pytest.raises(AssertionError, match="no Home tab"):
        sender.click_home(ANN, "open_console")
    web(local).views_publish(user_id=ANN, view=home_with_every_element())
    with pytest.raises(AssertionError, match="no element 'delete_everything'"):
        sender.click_home(ANN, "delete_everything")
    with pytest.raises(AssertionError, match="no option 'closed'"):
        sender.select_home(ANN, "stage", "closed")


# Modals: actions, pushes, submissions ----------------------------------------------------------


def open_console(local: LocalSlack, sender: SignedSender, bot: Bot) -> str:
    console = modal(
        section("Pairs", button("add_pair", "new")),
        text_input("note"),
    )
    return str(
        web(local).views_open(trigger_id=trigger_of(sender, bot), view=console)["view"]["id"]
    )


def test_a_button_in_a_modal_gives_a_trigger_that_pushes_onto_it_up_to_three_views(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    root = open_console(local, sender, bot)
    pushed: list[str] = []
    for n in range(2):
        sender.click_modal(ANN, "add_pair")
        assert bot.last["container"] == {"type": "view", "view_id": pushed[-1] if pushed else root}
        view = modal(section(f"Step {n}"), section("Next", button("add_pair", "new")))
        pushed.append(
            web(local).views_push(trigger_id=bot.last["trigger_id"], view=view)["view"]["id"]
        )
    assert local.workspace.modal_stack(root) == [root, *pushed]
    assert local.workspace.views[pushed[1]]["previous_view_id"] == pushed[0]
    assert local.workspace.views[pushed[1]]["root_view_id"] == root
    sender.click_modal(ANN, "add_pair")
    full = refusal(lambda: web(local).views_push(trigger_id=bot.last["trigger_id"], view=modal()))
    assert full == {"ok": False, "error": "push_limit_reached"}


def test_an_input_acts_at_once_only_when_it_dispatches_actions(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    stage = {"type": "static_select", "action_id": "stage", "options": options("preparing")}
    dispatching = text_input("pair") | {"dispatch_action": True, "element": stage}
    root = web(local).views_open(
        trigger_id=trigger_of(sender, bot), view=modal(dispatching, text_input("note"))
    )["view"]["id"]
    assert sender.select_modal(ANN, "stage", "preparing").status == 200
    [action] = bot.last["actions"]
    assert action["block_id"] == "pair" and action["selected_option"]["value"] == "preparing"
    assert bot.last["container"] == {"type": "view", "view_id": root}
    with pytest.raises(AssertionError, match="no element 'value'"):
        sender.select_modal(ANN, "value", "typed")


def test_a_choice_in_a_message_is_reported_as_in_home(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    more = {"type": "overflow", "action_id": "more", "options": options("export", "help")}
    web(local).chat_postMessage(channel=ANN, text="Your pair", blocks=[section("Pair", more)])
    [message] = local.workspace.dms_to(ANN)
    sender.select(ANN, message, "more", "help")
    [action] = bot.last["actions"]
    assert action["type"] == "overflow" and action["selected_option"] == options("help")[0]
    assert bot.last["container"]["type"] == "message" and "response_url" in bot.last


# Messages: the state every action in one carries ----------------------------------------------


def question(block_id: str = "ask") -> list[dict[str, Any]]:
    """A pick-several question with a Done button, a menu already set, a date left to pick and
    an overflow menu (which keeps no state)."""
    topics = {"type": "checkboxes", "action_id": "topics", "options": options("goals", "careers")}
    stage = {
        "type": "static_select",
        "action_id": "stage",
        "placeholder": {"type": "plain_text", "text": "Stage"},
        "options": options("preparing", "meeting"),
        "initial_option": options("preparing")[0],
    }
    more = {"type": "overflow", "action_id": "more", "options": options("help")}
    return [
        {"type": "actions", "block_id": block_id, "elements": [topics, stage, button("done", "q")]},
        section("When?", {"type": "datepicker", "action_id": "day"}) | {"block_id": "when"},
        section("More", more) | {"block_id": "more"},
    ]


def posted(local: LocalSlack, channel: str, blocks: list[dict[str, Any]]) -> Message:
    ts = web(local).chat_postMessage(channel=channel, text="Question 4", blocks=blocks)["ts"]
    return next(m for m in local.workspace.messages if m.ts == ts)


def state(
    ticked: list[str], block_id: str = "ask", day: str | None = None
) -> dict[str, dict[str, Any]]:
    """The state Slack sends with an action in question(): every stateful element, used or not."""
    return {
        block_id: {
            "topics": {"type": "checkboxes", "selected_options": options(*ticked)},
            "stage": {"type": "static_select", "selected_option": options("preparing")[0]},
        },
        "when": {"day": {"type": "datepicker", "selected_date": day}},
    }


def test_a_press_in_a_message_carries_the_state_of_its_elements_as_the_person_left_them(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    message = posted(local, ANN, question())
    sender.click(ANN, message, "done")
    assert bot.last["state"] == {"values": state([])}
    sender.select(ANN, message, "topics", ["goals", "careers"])
    assert bot.last["state"] == {"values": state(["goals", "careers"])}, "the tick's own too"
    sender.select(ANN, message, "day", "2026-03-20")
    sender.select(ANN, message, "topics", ["careers"])
    sender.select(ANN, message, "more", "help")
    sender.click(ANN, message, "done")
    assert bot.last["state"] == {"values": state(["careers"], day="2026-03-20")}
    assert [a["action_id"] for a in bot.last["actions"]] == ["done"]


def test_each_person_has_their_own_state_in_each_message(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    local.workspace.add_user("UBEN00001", "Ben Example", "ben@example.org")
    bot_user = local.workspace.bot_user
    local.workspace.add_channel("CPAIRS001", "pairs", False, [bot_user, ANN, "UBEN00001"])
    shared, other = posted(local, "CPAIRS001", question()), posted(local, "CPAIRS001", question())
    sender.select(ANN, shared, "topics", ["goals"])
    sender.click("UBEN00001", shared, "done")
    assert bot.last["state"]["values"] == state([]), "Ann's ticks are on her screen only"
    sender.click(ANN, other, "done")
    assert bot.last["state"]["values"] == state([])
    sender.click(ANN, shared, "done")
    assert bot.last["state"]["values"] == state(["goals"])


def test_a_message_updated_with_new_block_ids_shows_its_elements_afresh(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    message = posted(local, ANN, question())
    sender.select(ANN, message, "topics", ["goals"])
    web(local).chat_update(
        channel=message.channel, ts=message.ts, text="Question 4", blocks=question("ask-2")
    )
    sender.click(ANN, message, "done")
    assert bot.last["state"]["values"] == state([], block_id="ask-2")


def test_a_press_in_home_or_a_modal_carries_the_views_state_as_the_person_left_it(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    web(local).views_publish(user_id=ANN, view=home(*question()))
    sender.select_home(ANN, "topics", ["careers"])
    sender.click_home(ANN, "done")
    assert bot.last["view"]["state"] == {"values": state(["careers"])}
    web(local).views_open(trigger_id=trigger_of(sender, bot), view=modal(*question()))
    sender.select_modal(ANN, "day", "2026-03-20")
    sender.click_modal(ANN, "done")
    assert bot.last["view"]["state"] == {"values": state([], day="2026-03-20")}
    assert "state" not in bot.last, "a view's state is inside it"


def test_presses_at_one_frozen_moment_each_have_their_own_action_ts(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    message = posted(local, ANN, question())
    with freeze_time("2026-03-02 09:30:00"):
        sender.click(ANN, message, "done")
        sender.select(ANN, message, "topics", ["goals"])
        sender.click(ANN, message, "done")
        sent = [p["actions"][0]["action_ts"] for p in bot.received]
        assert all(re.fullmatch(r"1772443800\.\d{6}", ts) for ts in sent), sent
        assert sorted(set(sent), key=float) == sent
        # Sent again as it was (a replayed request), it is the same press.
        sender.again()
        assert bot.received[-1] == bot.received[-2]


def test_a_push_needs_a_trigger_from_within_an_open_modal(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    outside = refusal(
        lambda: web(local).views_push(trigger_id=trigger_of(sender, bot), view=modal(section("x")))
    )
    assert outside["error"] == "invalid_trigger_id"
    assert local.workspace.violations == [
        "views.push: views.push takes the trigger_id of an interaction within an open modal"
    ]
    local.workspace.violations.clear()


def test_views_update_keeps_the_view_in_place_and_checks_its_hash(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    root = open_console(local, sender, bot)
    old_hash = local.workspace.views[root]["hash"]
    updated = web(local).views_update(view_id=root, hash=old_hash, view=modal(section("New")))
    assert updated["view"]["id"] == root and updated["view"]["hash"] != old_hash
    stale = refusal(lambda: web(local).views_update(view_id=root, hash=old_hash, view=modal()))
    assert stale["error"] == "hash_conflict"


def every_input() -> dict[str, Any]:
    def labelled(block_id: str, element: dict[str, Any]) -> dict[str, Any]:
        label = {"type": "plain_text", "text": block_id}
        return {"type": "input", "block_id": block_id, "label": label, "element": element}

    return modal(
        labelled("goals", {"type": "plain_text_input", "action_id": "value"}),
        labelled(
            "stage",
            {
                "type": "static_select",
                "action_id": "stage_choice",
                "options": options("preparing", "negotiation"),
            },
        ),
        labelled("met_on", {"type": "datepicker", "action_id": "value"}),
        labelled("at", {"type": "timepicker", "action_id": "value"}),
        labelled("mentor", {"type": "users_select", "action_id": "value"}),
        labelled(
            "often",
            {
                "type": "radio_buttons",
                "action_id": "value",
                "options": options("weekly", "monthly"),
            },
        ),
        labelled(
            "topics",
            {"type": "checkboxes", "action_id": "value", "options": options("goals", "careers")},
        ),
        labelled(
            "evidence",
            {
                "type": "file_input",
                "action_id": "files",
                "filetypes": ["pdf", "csv"],
                "max_files": 2,
            },
        ),
        title="Import pairs",
    )


def test_a_submission_reports_every_input_as_slack_does_with_files_the_bot_can_fetch(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    web(local).views_open(trigger_id=trigger_of(sender, bot), view=every_input())
    pairs = sender.attach_file(ANN, "pairs.csv", b"mentor,mentee\n", "csv")
    submitted = sender.submit_view(
        ANN,
        {
            "goals": "Confidence",
            "stage_choice": "negotiation",  # by the element's action_id
            "met_on": "2026-01-12",
            "at": "09:30",
            "mentor": ANN,
            "often": "weekly",
            "topics": ["careers"],
            "evidence": [pairs],
        },
    )
    assert submitted.status == 200 and submitted.response_action is None
    values = bot.last["view"]["state"]["values"]
    assert values["goals"] == {"value": {"type": "plain_text_input", "value": "Confidence"}}
    assert values["stage"]["stage_choice"]["selected_option"]["value"] == "negotiation"
    assert values["met_on"]["value"]["selected_date"] == "2026-01-12"
    assert values["at"]["value"]["selected_time"] == "09:30"
    assert values["mentor"]["value"]["selected_user"] == ANN
    assert values["often"]["value"]["selected_option"]["value"] == "weekly"
    assert [o["value"] for o in values["topics"]["value"]["selected_options"]] == ["careers"]
    [file] = values["evidence"]["files"]["files"]
    assert (file["id"], file["name"], file["filetype"], file["mimetype"], file["size"]) == (
        pairs,
        "pairs.csv",
        "csv",
        "text/csv",
        14,
    )
    assert download(file["url_private_download"], local.token) == (200, b"mentor,mentee\n")
    assert web(local).files_info(file=pairs)["file"] == file
    assert local.workspace.open_modal_of(ANN) is None  # a bare acknowledgement closes it


def download(url: str, token: str | None) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as got:
            return got.status, got.read()
    except urllib.error.HTTPError as refused:
        refused.close()
        return refused.code, b""


def test_a_files_private_url_needs_the_bot_token_and_an_unknown_file_is_not_found(
    local: LocalSlack, sender: SignedSender
) -> None:
    file = web(local).files_info(file=sender.attach_file(ANN, "cv.pdf", b"%PDF-1.7"))["file"]
    assert download(file["url_private"], local.token) == (200, b"%PDF-1.7")
    assert download(file["url_private_download"], None)[0] == 403
    assert download(file["url_private_download"], "xoxb-wrong")[0] == 403
    unknown = file["url_private_download"].replace(file["id"], "F99999999")
    assert download(unknown, local.token)[0] == 404
    assert refusal(lambda: web(local).files_info(file="F99999999"))["error"] == "file_not_found"


def test_files_info_answers_by_slacks_schema(local: LocalSlack, sender: SignedSender) -> None:
    import jsonschema

    spec = published(OPENAPI)
    schema = spec["paths"]["/files.info"]["get"]["responses"]["200"]["schema"]
    answer = web(local).files_info(file=sender.attach_file(ANN, "notes.txt", b"hi")).data
    # Swagger 2's schemas are JSON Schema draft 4
    jsonschema.Draft4Validator(schema | {"definitions": spec["definitions"]}).validate(answer)


def test_a_file_input_takes_only_what_slacks_client_would_attach(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    web(local).views_open(trigger_id=trigger_of(sender, bot), view=every_input())
    image = sender.attach_file(ANN, "photo.png", b"\x89PNG")
    with pytest.raises(AssertionError, match="takes only"):
        sender.submit_view(ANN, {"evidence": [image]})
    many = [sender.attach_file(ANN, f"{n}.csv", b"x") for n in range(3)]
    with pytest.raises(AssertionError, match="max_files"):
        sender.submit_view(ANN, {"evidence": many})


@pytest.mark.parametrize(
    ("answer", "open_after"),
    [
        ({"response_action": "errors", "errors": {"note": "Too short"}}, ["root"]),
        ({"response_action": "update", "view": modal(section("Saved"))}, ["root"]),
        ({"response_action": "push", "view": modal(section("Next"))}, ["root", "new"]),
        ({"response_action": "clear"}, []),
        ({}, []),
    ],
)
def test_the_bots_answer_to_a_submission_closes_updates_or_stacks_the_modal(
    local: LocalSlack,
    sender: SignedSender,
    bot: Bot,
    answer: dict[str, Any],
    open_after: list[str],
) -> None:
    root = open_console(local, sender, bot)
    bot.answer = json.dumps(answer) if answer else ""
    submitted = sender.submit_view(ANN, {"note": "hi"})
    assert submitted.response_action == answer.get("response_action")
    assert submitted.errors == answer.get("errors", {})
    stack = local.workspace.modal_stack(root) or []
    assert ["root" if v == root else "new" for v in stack] == open_after
    if answer.get("response_action") == "update":
        assert local.workspace.views[root]["blocks"][0]["text"]["text"] == "Saved"


def test_errors_beside_a_block_that_is_not_an_input_are_a_violation(
    local: LocalSlack, sender: SignedSender, bot: Bot
) -> None:
    open_console(local, sender, bot)
    bot.answer = json.dumps({"response_action": "errors", "errors": {"nowhere": "x"}})
    sender.submit_view(ANN, {"note": "hi"})
    assert local.workspace.violations == [
        "view_submission answer: errors names 'nowhere', not an input block of the view"
    ]
    local.workspace.violations.clear()
