"""A cohort taking applications, for the views' and the scenario's tests: the shipped programme
with a window of its own (three themes, in English and Welsh), and what people answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bot.applications.model import Answers, Applicant, Application, ApplicationStatus
from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME, Applications, Choice, Programme

COHORT = "2026-27"
# The world's clock starts on 1 October 2025: the window opens the Monday after, for three weeks,
# written as the programme file writes it, in UK summer time.
BST = timezone(timedelta(hours=1))
OPENS = datetime(2025, 10, 6, 9, tzinfo=BST)
CLOSES = datetime(2025, 10, 24, 17, tzinfo=BST)
DURING = datetime(2025, 10, 8, 9, tzinfo=UTC)
AFTER = datetime(2025, 10, 27, 10, tzinfo=UTC)
WINDOW = Applications(
    opens=OPENS,
    closes=CLOSES,
    themes=[
        Choice(id="leading-change", en="Leading change", cy="Arwain newid"),
        Choice(id="quality", en="Quality improvement", cy="Gwella ansawdd"),
        Choice(id="career", en="Career progression", cy="Datblygu gyrfa"),
    ],
)


def taking_applications(window: Applications = WINDOW) -> Programme:
    return load_programme(SHIPPED_PROGRAMME).model_copy(
        update={"applications": window, "cohort": COHORT}
    )


MENTEE = Answers(
    role="mentee",
    profession="radiographer",
    nation="wales",
    band="6",
    employer="Cardiff and Vale UHB",
    themes=("leading-change", "career"),
    format="either",
    availability=("weekday-daytime",),
    line_manager_email="rhian.evans@wales.nhs.uk",
    never_pair=("owen.jones@wales.nhs.uk",),
    for_the_team="I work compressed hours: no meetings on Fridays, please.",
)
MENTOR = Answers(
    role="mentor",
    profession="sonographer",
    nation="england",
    band="8a",
    employer="Leeds Teaching Hospitals",
    themes=("quality",),
    format="online",
    availability=("weekday-evening", "weekend"),
    capacity=2,
)


def application(
    n: int,
    answers: Answers = MENTEE,
    status: ApplicationStatus = "submitted",
    name: str = "Anwen Price",
    at: datetime = DURING,
) -> Application:
    applicant = Applicant(f"applicant{n}@example.nhs.uk", name, f"UAPPLY{n:03d}", "cy")
    return Application(n, COHORT, applicant, answers, status, at, at)
