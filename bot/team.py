"""Who is on the project team: the programme file's members, and whoever is in the team's
private channel."""

from __future__ import annotations

from collections.abc import Callable

from bot.errors import TeamOnly
from bot.scheme import Programme


class Team:
    def __init__(
        self,
        programme: Programme,
        channel: str | None = None,
        channel_members: Callable[[str], set[str]] | None = None,
    ):
        self._ids = {m.slack_id for m in programme.project_team.members if m.slack_id}
        self.channel = channel or programme.project_team.private_channel
        self.lead = next(
            (
                m.slack_id
                for m in programme.project_team.members
                if m.email == programme.project_team.lead
            ),
            None,
        )
        self._channel_members = channel_members

    def is_member(self, slack_user_id: str) -> bool:
        if slack_user_id in self._ids:
            return True
        return self._channel_members is not None and slack_user_id in self._channel_members(
            self.channel
        )

    def require_member(self, slack_user_id: str) -> None:
        if not self.is_member(slack_user_id):
            raise TeamOnly()
