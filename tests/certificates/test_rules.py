"""Certificates: who completed a cohort, what their certificate says, and its verification code:
stable, one per person and key, read however it is typed, refused kindly when it cannot be one,
and never verified once altered."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bot.certificates.errors import NotACode
from bot.certificates.model import Certificate, Cohort, Participation, Verified
from bot.certificates.rules import (
    ALPHABET,
    certificate_for,
    check_character,
    code_for,
    completed,
    parse_code,
    verify,
)

KEY = b"the scheme's secret key, 32 byte"
OTHER_KEY = b"another scheme's key, also 32 by"
COHORT = Cohort(
    "SoR Leadership Mentoring Scheme 2025-26", "2025-26", date(2026, 9, 30), "Europe/London"
)
DURING = datetime(2026, 6, 1, 12, tzinfo=UTC)
# 23:30 on 30 September in UTC is already 1 October in London: the scheme is over there.
JUST_AFTER = datetime(2026, 9, 30, 23, 30, tzinfo=UTC)
STILL_LAST_DAY = datetime(2026, 9, 30, 22, 30, tzinfo=UTC)

GRACE = Participation(
    person_id=7,
    name="Grace Okafor",
    role="mentee",
    language="en",
    paired_on=date(2025, 11, 20),
    closure_on=date(2026, 6, 10),
    pairing_ended_on=None,
    meetings=(date(2025, 12, 1), date(2026, 2, 2), date(2026, 5, 5)),
    events_attended=(date(2025, 10, 21), date(2026, 7, 1)),
)


# Who completed ----------------------------------------------------------------------------------


def test_someone_paired_who_met_and_reached_closure_completed() -> None:
    assert completed(GRACE, COHORT, DURING)


def test_someone_never_paired_or_who_never_met_did_not_complete() -> None:
    assert not completed(replace(GRACE, paired_on=None), COHORT, JUST_AFTER)
    assert not completed(replace(GRACE, meetings=()), COHORT, JUST_AFTER)


def test_without_closure_a_pair_completes_when_the_scheme_ends_with_it_still_going() -> None:
    going = replace(GRACE, closure_on=None)
    assert not completed(going, COHORT, DURING)
    assert not completed(going, COHORT, STILL_LAST_DAY)
    assert completed(going, COHORT, JUST_AFTER)
    assert completed(replace(going, pairing_ended_on=date(2026, 10, 3)), COHORT, JUST_AFTER)


def test_a_pairing_ended_before_the_last_day_without_closure_did_not_complete() -> None:
    left = replace(GRACE, closure_on=None, pairing_ended_on=date(2026, 3, 1))
    assert not completed(left, COHORT, JUST_AFTER)


def test_the_certificate_runs_from_the_first_day_taken_part_to_the_last() -> None:
    certificate = certificate_for(GRACE, COHORT, KEY, DURING)
    assert certificate == Certificate(
        person_id=7,
        name="Grace Okafor",
        role="mentee",
        scheme="SoR Leadership Mentoring Scheme 2025-26",
        cohort="2025-26",
        first_day=date(2025, 10, 21),
        last_day=date(2026, 7, 1),
        meetings=3,
        language="en",
        code=code_for(KEY, "2025-26", 7),
    )


def test_someone_who_did_not_complete_has_no_certificate() -> None:
    assert certificate_for(replace(GRACE, meetings=()), COHORT, KEY, JUST_AFTER) is None


# Codes ------------------------------------------------------------------------------------------


def test_a_code_is_the_prefix_and_three_groups_of_four_of_crockford_base32() -> None:
    code = code_for(KEY, "2025-26", 7)
    prefix, *groups = code.split("-")
    assert prefix == "LMS"
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert not set("ILOU") & set("".join(groups))


def test_a_code_is_the_same_every_time_and_another_for_another_person_cohort_or_key() -> None:
    code = code_for(KEY, "2025-26", 7)
    assert code == code_for(KEY, "2025-26", 7)
    others = {
        code_for(KEY, "2025-26", 8),
        code_for(KEY, "2026-27", 7),
        code_for(OTHER_KEY, "2025-26", 7),
    }
    assert code not in others and len(others) == 3


def test_codes_are_spread_over_many_people_without_a_clash() -> None:
    codes = {code_for(KEY, "2025-26", person) for person in range(5000)}
    assert len(codes) == 5000


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        code_for(b"password", "2025-26", 7)


@pytest.mark.parametrize(
    "typed",
    [
        "{code}",
        "{lower}",
        "  {lower}  ",
        "{bare}",
        "{spaced}",
        "{squeezed}",
        "lms {spaced}",
        "LMS_{bare}",
    ],
)
def test_a_code_is_read_however_it_is_typed(typed: str) -> None:
    code = code_for(KEY, "2025-26", 7)
    bare = code.removeprefix("LMS-")
    forms = {
        "code": code,
        "lower": code.lower(),
        "bare": bare,
        "spaced": bare.replace("-", " "),
        "squeezed": code.replace("-", ""),
    }
    assert parse_code(typed.format(**forms)) == code


def test_the_letters_people_mistake_for_digits_are_read_as_the_digits() -> None:
    body = "0110" + "ABCD" + "EFG"
    code = "LMS-" + "-".join([body[:4], body[4:8], body[8:] + check_character(body)])
    assert parse_code(code.replace("0110", "OIlo")) == code


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "length"),
        ("LMS-7K3Q-9XWD", "length"),
        ("LMS-7K3Q-9XWD-2MHP-AAAA", "length"),
        ("https://example.org/certificates/", "length"),
        ("LMS-7K3Q-9XWD-2MH!", "character"),
        ("LMS-7K3Q-9XWD-2MHU", "character"),
    ],
)
def test_what_cannot_be_a_code_is_refused_saying_why(typed: str, reason: str) -> None:
    with pytest.raises(NotACode) as refused:
        parse_code(typed)
    assert refused.value == NotACode(reason)  # type: ignore[arg-type]
    assert (refused.value.prefix, refused.value.length) == ("LMS", 12)


def test_any_one_character_mistyped_is_caught_by_the_check_character() -> None:
    code = code_for(KEY, "2025-26", 7)
    body = code.removeprefix("LMS-").replace("-", "")
    for position, original in enumerate(body):
        for other in ALPHABET.replace(original, ""):
            typo = body[:position] + other + body[position + 1 :]
            with pytest.raises(NotACode) as refused:
                parse_code(typo)
            assert refused.value.reason == "check"


def test_two_neighbours_swapped_are_caught_by_the_check_character_but_0_and_z() -> None:
    """Luhn mod 32 misses only 0 and Z swapped: doubling 0 and Z adds to the sum what they add
    undoubled."""
    missed = set()
    for first, second in itertools.permutations(ALPHABET, 2):
        data = f"7K3{first}{second}9XWD2M"
        swapped = f"7K3{second}{first}9XWD2M" + check_character(data)
        try:
            parse_code(swapped)
            missed.add(first + second)
        except NotACode:
            pass
    assert missed == {"0Z", "Z0"}


# Verifying --------------------------------------------------------------------------------------

ISSUED = [
    c
    for p in (GRACE, replace(GRACE, person_id=8, name="Sunita Rao", role="mentor"))
    if (c := certificate_for(p, COHORT, KEY, DURING))
]


def test_a_genuine_code_shows_the_name_role_and_cohort_only() -> None:
    typed = ISSUED[1].code.lower().replace("-", " ")
    assert verify(typed, KEY, ISSUED) == Verified("Sunita Rao", "mentor", "2025-26")


def test_a_code_altered_to_pass_the_check_character_verifies_nothing() -> None:
    body = ISSUED[0].code.removeprefix("LMS-").replace("-", "")
    data = ("Z" if body[0] != "Z" else "Y") + body[1:11]
    tampered = data + check_character(data)
    assert parse_code(tampered)  # it looks like a code
    assert verify(tampered, KEY, ISSUED) is None


def test_a_code_made_with_another_key_verifies_nothing() -> None:
    forged = code_for(OTHER_KEY, "2025-26", 7)
    assert verify(forged, KEY, ISSUED) is None


def test_a_certificate_whose_stored_code_was_changed_is_not_found_by_it() -> None:
    altered = [replace(ISSUED[0], code=code_for(OTHER_KEY, "2025-26", 99))]
    assert verify(altered[0].code, KEY, altered) is None
