"""Slack's user directory, for importing participants."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError


class SlackDirectory:
    def __init__(self, client: WebClient):
        self._client = client

    def lookup_by_email(self, email: str) -> tuple[str, str | None] | None:
        try:
            user = self._client.users_lookupByEmail(email=email)["user"]
        except SlackApiError as error:
            if error.response.get("error") == "users_not_found":
                return None
            raise
        return user["id"], user.get("tz")

    def time_zone(self, slack_user_id: str) -> str | None | bool:
        try:
            user = self._client.users_info(user=slack_user_id)["user"]
        except SlackApiError as error:
            if error.response.get("error") == "user_not_found":
                return False
            raise
        return user.get("tz")

    def locale(self, slack_user_id: str) -> str | None:
        user = self._client.users_info(user=slack_user_id, include_locale=True)["user"]
        return user.get("locale")

    def channel_members(self, channel: str) -> set[str]:
        members: set[str] = set()
        for page in self._client.conversations_members(channel=channel, limit=200):
            members.update(page.get("members", []))
        return members

    def is_private(self, channel: str) -> bool:
        info = self._client.conversations_info(channel=channel)["channel"]
        return bool(info.get("is_private") or info.get("is_group"))
