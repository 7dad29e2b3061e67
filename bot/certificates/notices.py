"""What the certificates feature tells people, as data: a person's certificate of participation,
a file for their own DM only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from bot.certificates.model import Certificate
from bot.notices import FileNotice


@dataclass(frozen=True)
class CertificateFile(FileNotice):
    """The certificate as its owner asked for it, drawn as a PDF when it is sent, in the
    certificate's language. `public_url`: where the public checks its code, if anywhere."""

    kind: ClassVar[str] = "certificate"

    owner: str  # their Slack user id
    made_at: datetime
    certificate: Certificate
    public_url: str | None = None

    @property
    def subject(self) -> str:
        return self.owner

    @property
    def key(self) -> str:
        return f"certificate:{self.owner}:{self.made_at:%Y%m%dT%H%M%S}"

    @property
    def filename(self) -> str:
        # Its time too: the messenger finds an earlier attempt by the file's name.
        return f"mentoring-certificate-{self.certificate.cohort}-{self.made_at:%Y%m%d%H%M%S}.pdf"
