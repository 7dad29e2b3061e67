"""What the participants feature tells people, as data: a copy of their own records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.outbox import FileNotice


@dataclass(frozen=True)
class MyDataFile(FileNotice):
    """Everything the bot holds about one person (right of access), for their own DM only."""

    kind: ClassVar[str] = "my-data"

    owner: str  # their Slack user id
    made_at: datetime
    content: bytes  # JSON

    @property
    def subject(self) -> str:
        return self.owner

    @property
    def key(self) -> str:
        return f"my-data:{self.owner}:{self.made_at:%Y%m%dT%H%M%S}"

    @property
    def filename(self) -> str:
        return f"my-mentoring-data-{self.made_at:%Y%m%d%H%M%S}.json"
