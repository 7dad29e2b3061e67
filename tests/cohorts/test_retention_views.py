"""Retention as the team sees it: the console says when each cohort's personal data is erased
(or was, or that it is kept until they act), and the channel is told when it was, in the team's
language."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.cohorts.model import KeptCohort
from bot.cohorts.notices import CohortErased
from bot.cohorts.service import Retained
from handlers.i18n import in_language
from handlers.slack.rendering import render_message
from handlers.views import cohorts as view
from handlers.views.hub import Console
from tests.seen import words
from tests.services import shipped_programme

NOW = datetime(2027, 1, 4, 9, tzinfo=UTC)
RETAINED = [
    Retained(
        KeptCohort("2025-26", date(2026, 9, 30), date(2028, 9, 30)),
        datetime(2028, 10, 1, 8, tzinfo=UTC),
    ),
    Retained(KeptCohort("2024-25", None, None), None),
    Retained(
        KeptCohort(
            "2023-24",
            date(2024, 9, 30),
            date(2026, 9, 30),
            datetime(2026, 10, 1, 8, tzinfo=UTC),
            31,
        ),
        None,
    ),
]


def console_words() -> str:
    console = Console([], [], [], {}, [], retention=RETAINED)
    return words(view.console_section(console, shipped_programme(), NOW))


def test_the_console_says_when_each_cohort_s_personal_data_is_erased() -> None:
    said = console_words()

    assert "2025-26: personal data kept until Saturday 30 September 2028, then erased." in said
    assert "2024-25: personal data kept until the team erases it." in said
    assert (
        "2023-24: personal data erased on Thursday 1 October 2026; its counts and results are "
        "kept." in said
    )
    with in_language("cy"):
        assert "2025-26: cedwir y data personol tan ddydd Sadwrn 30 Medi 2028" in console_words()


def test_the_team_is_told_in_their_language_how_many_people_s_data_went() -> None:
    text, _ = render_message(CohortErased("2025-26", 26))
    assert text == (
        "2025-26's personal data was erased as the programme file says (26 people); its counts "
        "and results are kept."
    )
    assert "(1 person)" in render_message(CohortErased("2025-26", 1))[0]
    with in_language("cy"):
        assert render_message(CohortErased("2025-26", 26))[0].startswith(
            "Cafodd data personol 2025-26 ei ddileu fel mae ffeil y rhaglen yn ei ddweud (26 o bobl)"
        )
