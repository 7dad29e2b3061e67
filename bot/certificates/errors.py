"""What a person can put right about certificates, as data: a code typed that cannot be one.
handlers/views/certificates/page.py words it."""

from __future__ import annotations

from typing import Literal

from bot.certificates.model import CODE_PREFIX
from bot.errors import UserError

# Why typed text is not a code: too short or too long; a letter or sign no code has; or its last
# character does not match the rest (a typo: one character changed, or two swapped).
CodeFault = Literal["length", "character", "check"]


class NotACode(UserError):
    """Typed text that is not a certificate code. A code is `prefix` then `length` letters and
    digits in groups of four ("LMS-7K3Q-9XWD-2MHP"); `reason` says what is wrong with this one.
    The typed text is not kept: it may be anything someone pasted."""

    prefix = CODE_PREFIX
    length = 12

    def __init__(self, reason: CodeFault):
        super().__init__(reason)
        self.reason: CodeFault = reason
