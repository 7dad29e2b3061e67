"""Slack's user directory, for importing participants."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.participants.ports import SlackMember

# users.list's page: Slack recommends "100-200 results at a time"
# (https://api.slack.com/apis/pagination).
PAGE_SIZE = 200
# Looking people up one by one costs a users.lookupByEmail each (Tier 3: 50 a minute) and a
# users.info (Tier 4: 100) for each newcomer's locale. Up to 40 such calls fit in a minute's
# allowance of both, so none waits, and they cost no more calls than listing a workspace of 8,000
# members at 200 a page (users.list, Tier 2: 20 a minute). Beyond that the lookups start to wait
# for their allowance, while a list of any workspace the scheme is likely to live in does not.
LOOKUPS_AT_MOST = 40


class SlackDirectory:
    def __init__(self, client: WebClient):
        self._client = client

    def members_by_email(
        self, emails: Collection[str], newcomers: Collection[str]
    ) -> dict[str, SlackMember]:
        """One users.list pass for a large import, then a lookup for anyone it missed (a
        profile may not show its email); a small import looks each one up."""
        wanted, new = set(emails), set(newcomers)
        found = self._listed(wanted) if len(wanted) + len(new) > LOOKUPS_AT_MOST else {}
        for email in sorted(wanted - found.keys()):
            member = self._looked_up(email, with_locale=email in new)
            if member:
                found[email] = member
        return found

    def _listed(self, wanted: set[str]) -> dict[str, SlackMember]:
        """The wanted members, read off every page of the workspace's users."""
        found: dict[str, SlackMember] = {}
        for page in self._client.users_list(limit=PAGE_SIZE, include_locale=True):
            for user in page.get("members", []):
                email = listed_email(user)
                if email in wanted:
                    found[email] = SlackMember(user["id"], user.get("tz"), user.get("locale"))
        return found

    def _looked_up(self, email: str, with_locale: bool) -> SlackMember | None:
        try:
            user = self._client.users_lookupByEmail(email=email)["user"]
        except SlackApiError as error:
            if error.response.get("error") == "users_not_found":
                return None
            raise
        locale = self.locale(user["id"]) if with_locale else None
        return SlackMember(user["id"], user.get("tz"), locale)

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


def listed_email(user: dict[str, Any]) -> str | None:
    """The email a listed user can be imported by, in lower case: none for a deactivated
    account or a bot (users.list includes both), nor where the profile shows no email."""
    if user.get("deleted") or user.get("is_bot"):
        return None
    return str(user.get("profile", {}).get("email") or "").lower() or None
