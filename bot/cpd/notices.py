"""What the CPD feature tells people, as data: a person's CPD record, as a Word document they can
edit and as a PDF, each a file for their own DM only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.cpd.model import CpdRecord
from bot.notices import FileNotice


@dataclass(frozen=True)
class _CpdFile(FileNotice):
    """The record as it stood when its owner asked, drawn when it is sent, in `language`."""

    extension: ClassVar[str]

    owner: str  # their Slack user id
    made_at: datetime
    record: CpdRecord
    language: str  # "en" or "cy"

    @property
    def subject(self) -> str:
        return self.owner

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.owner}:{self.made_at:%Y%m%dT%H%M%S}"

    @property
    def filename(self) -> str:
        # Its time too: the messenger finds an earlier attempt by the file's name.
        stamp = f"{self.made_at:%Y%m%d%H%M%S}"
        return f"cpd-record-{self.record.cohort}-{stamp}.{self.extension}"


@dataclass(frozen=True)
class CpdDocx(_CpdFile):
    """The record as a Word document: its owner edits the draft statement in it."""

    kind: ClassVar[str] = "cpd-docx"
    extension: ClassVar[str] = "docx"


@dataclass(frozen=True)
class CpdPdf(_CpdFile):
    """The same record as a PDF, to keep or send as it is."""

    kind: ClassVar[str] = "cpd-pdf"
    extension: ClassVar[str] = "pdf"
