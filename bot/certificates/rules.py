"""The pure rules about certificates: who completed a cohort, their certificate, and its
verification code (made, read as people type it, and checked).

A code is derived, never stored as a secret: HMAC-SHA256 under the scheme's secret key, of the
certificate's stable id (its cohort and person), cut to 55 bits and written as 11 characters of
Crockford's base32 (digits and capitals without I, L, O and U, so nothing reads as another),
then one check character (Luhn mod 32: any one character mistyped, and any two neighbours
swapped but 0 and Z, are caught before anything is looked up), in groups of four after the prefix:
"LMS-7K3Q-9XWD-2MHP". Without the key nobody can make a code that verifies; with 2^55 codes,
guessing one is hopeless."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.certificates.errors import NotACode
from bot.certificates.model import (
    CODE_PREFIX,
    Certificate,
    Cohort,
    Participation,
    Verified,
)

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
DATA_CHARACTERS = 11  # 55 bits of the HMAC
GROUP = 4
MIN_KEY_BYTES = 16
# What people type for a character a code never has: Crockford's reading of the confusable ones.
CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile(r"[\s\-_.]+")


def completed(participation: Participation, cohort: Cohort, now: datetime) -> bool:
    """Whether someone completed the cohort, and so receives a certificate: they were paired,
    their pair logged at least one meeting, and either the pair reached Coming to Closure or
    the scheme's last day has passed with the pairing still going on it (a pairing the team
    ended after the last day still counts; one ended before, without reaching closure, does
    not)."""
    if participation.paired_on is None or not participation.meetings:
        return False
    if participation.closure_on is not None:
        return True
    scheme_over = now.astimezone(ZoneInfo(cohort.zone)).date() > cohort.ends_on
    ended = participation.pairing_ended_on
    return scheme_over and (ended is None or ended >= cohort.ends_on)


def certificate_for(
    participation: Participation, cohort: Cohort, key: bytes, now: datetime
) -> Certificate | None:
    """The person's certificate if they completed the cohort (`completed`), else None. Its dates
    run from the first day they took part (paired, or an event attended before) to the last (a
    meeting, an event, or reaching closure)."""
    paired_on = participation.paired_on
    if paired_on is None or not completed(participation, cohort, now):
        return None
    days = [paired_on, *participation.meetings, *participation.events_attended]
    last_days = [*days, *filter(None, [participation.closure_on])]
    return Certificate(
        person_id=participation.person_id,
        name=participation.name,
        role=participation.role,
        scheme=cohort.scheme,
        cohort=cohort.id,
        first_day=min(days),
        last_day=max(last_days),
        meetings=len(participation.meetings),
        language=participation.language,
        code=code_for(key, cohort.id, participation.person_id),
    )


def code_for(key: bytes, cohort: str, person_id: int) -> str:
    """The verification code of the certificate of `person_id` in `cohort`: the same every time
    for the same key, another for another person, cohort or key."""
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"a certificate key needs at least {MIN_KEY_BYTES} bytes")
    stable_id = json.dumps(["certificate", cohort, person_id]).encode()
    digest = hmac.new(key, stable_id, hashlib.sha256).digest()
    bits = int.from_bytes(digest[:7], "big") >> (7 * 8 - DATA_CHARACTERS * 5)
    data = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(DATA_CHARACTERS)))
    return _printed(data + check_character(data))


def parse_code(typed: str) -> str:
    """A code as printed, from what someone typed: any case, spaces or dashes anywhere, the
    prefix or not, O for 0 and I or L for 1. NotACode (saying why) when it cannot be one."""
    squeezed = SEPARATORS.sub("", typed).upper()
    # No code's own characters begin with L, so a leading "LMS" is always the prefix.
    body = squeezed.removeprefix(CODE_PREFIX).translate(CONFUSABLE)
    if len(body) != DATA_CHARACTERS + 1:
        raise NotACode("length")
    if any(character not in ALPHABET for character in body):
        raise NotACode("character")
    if _luhn_sum(body, doubled_first=False) % len(ALPHABET):
        raise NotACode("check")
    return _printed(body)


def verify(typed: str, key: bytes, issued: Iterable[Certificate]) -> Verified | None:
    """What anyone checking `typed` may see: the name, role and cohort of the certificate among
    `issued` whose code, made afresh with `key`, it is; None when it is no certificate's (a code
    altered to pass the check character lands here). NotACode when it cannot be a code."""
    code = parse_code(typed)
    for certificate in issued:
        made = code_for(key, certificate.cohort, certificate.person_id)
        if hmac.compare_digest(made, code):
            return verified(certificate)
    return None


def verified(certificate: Certificate) -> Verified:
    return Verified(certificate.name, certificate.role, certificate.cohort)


def check_character(data: str) -> str:
    """Luhn mod 32's check character for `data`, so that the whole sums to 0 mod 32."""
    return ALPHABET[-_luhn_sum(data, doubled_first=True) % len(ALPHABET)]


def _luhn_sum(characters: str, *, doubled_first: bool) -> int:
    """Luhn mod N's sum, from the right: every other character's value doubled (the rightmost
    when `doubled_first`), a doubled value's base-N digits added."""
    base = len(ALPHABET)
    total = 0
    for position, character in enumerate(reversed(characters)):
        value = ALPHABET.index(character) * (2 if (position % 2 == 0) == doubled_first else 1)
        total += value // base + value % base
    return total


def _printed(body: str) -> str:
    groups = [body[i : i + GROUP] for i in range(0, len(body), GROUP)]
    return "-".join([CODE_PREFIX, *groups])
