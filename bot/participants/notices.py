"""What the participants feature tells people, as data: a copy of their own records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.outbox import FileNotice


@dataclass(frozen=True)
class MyDataFile(FileNotice):
    """Everything the bot holds about one person (right of access), for their own DM only."""

    made_at: datetime
    content: bytes  # JSON

    @property
    def filename(self) -> str:
        return f"my-mentoring-data-{self.made_at:%Y%m%d%H%M%S}.json"
