"""Settings from the environment. With no Slack token, the bot runs on the local workspace."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.scheme import SHIPPED_PROGRAMME


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = Field(None, description="Set to use Socket Mode instead of HTTP")
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = "sqlite:///mentorbot.db"
    mentorbot_programme: Path = Field(
        SHIPPED_PROGRAMME,
        description="The programme file, or several (one per live cohort) separated by the OS "
        "path separator (':'), or a folder of them (*.yaml)",
    )
    port: int = 3000
    alert_channel: str | None = Field(
        None, description="The team's private channel id; default: the programme file's"
    )
    inbox_inline: bool = Field(
        True, description="Work on DMs in the web process; false: the clock process does"
    )
    slack_rate_limits: bool = Field(
        True,
        description="Keep under Slack's published rate limits; false for a workspace without "
        "them (the local one, tests)",
    )
    outbox_senders: int = Field(
        8, ge=1, le=32, description="Messages to different people sent side by side"
    )
    public_url: str | None = Field(
        None,
        description="Where the public reaches the web process, e.g. https://mentorbot.example.org:"
        " reminders then link to calendar files it serves, and people can subscribe to feeds",
    )

    @property
    def programme_places(self) -> list[Path]:
        """Each file or folder MENTORBOT_PROGRAMME names (mentorbot/cohorts_live.py reads them)."""
        return [Path(part) for part in str(self.mentorbot_programme).split(os.pathsep) if part]

    @property
    def local(self) -> bool:
        return not self.slack_bot_token
