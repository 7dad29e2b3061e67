"""The Slack app manifest: valid by Slack's schema, and asking for exactly what the bot uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from localslack.contract import published

ROOT = Path(__file__).parent.parent
MANIFEST = json.loads((ROOT / "manifest.json").read_text())

# Each Web API method the bot calls, and the bot scopes Slack requires for it where the bot
# uses it (Slack's reference): DMs, pairs' group DMs, and the team's private channel.
SCOPE_OF = {
    "chat_postMessage": {"chat:write"},
    "chat_update": {"chat:write"},  # a request's message follows its answers
    "files_getUploadURLExternal": {"files:write"},
    "files_completeUploadExternal": {"files:write"},
    "conversations_history": {
        "im:history",
        "mpim:history",
        "groups:history",
    },  # reconciling a lost answer
    "conversations_open": {"im:write", "mpim:write"},
    "users_info": {"users:read"},
    "users_lookupByEmail": {"users:read.email"},
    "users_list": {"users:read", "users:read.email"},  # profile.email needs the second
    "views_open": set(),
    "views_publish": set(),
    "views_update": set(),
    "files_download": {"files:read"},  # a CSV attached in the console's import form
    "conversations_info": {"groups:read"},  # is the team's channel private?
    "conversations_members": {"groups:read"},  # who is on the project team
}


def methods_called() -> set[str]:
    """Bolt's client's methods (client.chat_postMessage(…)), and the messenger's calls by
    name (self._call("chat.postMessage", …))."""
    source = "\n".join(p.read_text() for p in (ROOT / "handlers").rglob("*.py"))
    by_client = set(re.findall(r"client\.([a-z]+_[A-Za-z0-9_]+)\(", source))
    by_name = re.findall(r"_call\(\s*\"([a-z]+)\.([A-Za-z]+)\"", source)
    downloads = {"files_download"} if "url_private_download" in source else set()
    return by_client | {f"{family}_{name}" for family, name in by_name} | downloads


def test_the_manifest_is_valid_by_slacks_schema() -> None:
    jsonschema.validate(MANIFEST, published("manifest.schema.2.0.0.json"))


def test_the_manifest_asks_for_exactly_the_scopes_the_bot_uses() -> None:
    called = methods_called()
    assert called <= SCOPE_OF.keys(), (
        f"add the scope for {called - SCOPE_OF.keys()} to SCOPE_OF and the manifest"
    )
    needed = set().union(*(SCOPE_OF[m] for m in called)) | {"commands"}
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed


def test_the_slash_command_and_interactivity_point_at_bolts_path() -> None:
    [command] = MANIFEST["features"]["slash_commands"]
    assert command["command"] == "/mentoring" and command["url"].endswith("/slack/events")
    assert command["should_escape"], "`team pair @mentor @mentee` needs mentions as <@U…> ids"
    assert MANIFEST["settings"]["interactivity"]["request_url"].endswith("/slack/events")


def test_the_bot_hears_dms_and_home_opening() -> None:
    """DMs, because evaluations are answered there; the Home tab, drawn when it is opened."""
    events = MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    assert events == ["app_home_opened", "message.im"]
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"]
    assert MANIFEST["settings"]["event_subscriptions"]["request_url"].endswith("/slack/events")
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"]


def test_the_shortcuts_are_those_the_bot_answers() -> None:
    from handlers.views import concerns, pairs

    shortcuts = {s["callback_id"]: s["type"] for s in MANIFEST["features"]["shortcuts"]}
    assert shortcuts == {
        pairs.MEETING_SHORTCUT: "global",
        concerns.TELL_SHORTCUT: "global",
        concerns.TELL_ABOUT_MESSAGE: "message",
    }
