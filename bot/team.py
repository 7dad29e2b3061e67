"""Who is on the project team: the programme file's list of members."""

from __future__ import annotations

from bot.errors import TeamOnly
from bot.programme import Programme


class Team:
    def __init__(self, programme: Programme):
        self._ids = {m.slack_id for m in programme.project_team.members if m.slack_id}
        self.channel = programme.project_team.private_channel

    def is_member(self, slack_user_id: str) -> bool:
        return slack_user_id in self._ids

    def require_member(self, slack_user_id: str) -> None:
        if not self.is_member(slack_user_id):
            raise TeamOnly()
