"""The 2026-27 cohort the steering group matches, for the service and scenario tests: two mentors
(Rhys takes one mentee, Sara two) and four mentees, who apply in the window of
tests/applications/window.py and are accepted.

What the matcher makes of them: Anwen, Bryn and Cai each have a mentor suggested, two of them
Sara's; Dewi has none, since Rhys works where she does and Sara is in her band. Dewi reads
Welsh."""

from __future__ import annotations

from dataclasses import replace

from bot.applications.model import Answers, Applicant
from bot.applications.service import ApplicationsService
from tests.applications.window import DURING

RHYS = Applicant("rhys.morgan@example.nhs.uk", "Rhys Morgan", "UMATCH001", "en")
SARA = Applicant("sara.khan@example.nhs.uk", "Sara Khan", "UMATCH002", "en")
ANWEN = Applicant("anwen.price@example.nhs.uk", "Anwen Price", "UMATCH003", "en")
BRYN = Applicant("bryn.jones@example.nhs.uk", "Bryn Jones", "UMATCH004", "en")
CAI = Applicant("cai.evans@example.nhs.uk", "Cai Evans", "UMATCH005", "en")
DEWI = Applicant("dewi.lloyd@example.nhs.uk", "Dewi Lloyd", "UMATCH006", "cy")
MENTORS = (RHYS, SARA)
MENTEES = (ANWEN, BRYN, CAI, DEWI)
EVERYONE = (*MENTORS, *MENTEES)

MENTEE = Answers(
    role="mentee",
    profession="radiographer",
    nation="wales",
    band="6",
    employer="Cardiff and Vale UHB",
    themes=("leading-change", "career"),
    format="either",
    availability=("weekday-daytime",),
)
ANSWERS = {
    RHYS: replace(MENTEE, role="mentor", band="8a", employer="Swansea Bay UHB"),
    SARA: replace(
        MENTEE,
        role="mentor",
        band="8b",
        nation="england",
        employer="Leeds Teaching Hospitals",
        themes=("quality", "leading-change"),
        format="online",
        capacity=2,
    ),
    ANWEN: MENTEE,
    BRYN: replace(MENTEE, employer="Hywel Dda UHB", themes=("quality",), format="online"),
    CAI: replace(MENTEE, employer="Betsi Cadwaladr UHB", themes=("leading-change",)),
    DEWI: replace(MENTEE, band="8b", employer="Swansea Bay UHB"),
}


def accepted(applications: ApplicationsService, actor: str) -> dict[str, int]:
    """Everyone applies and is accepted; their application ids, by email."""
    ids = {}
    for person in EVERYONE:
        kept = applications.apply(person, ANSWERS[person], DURING)
        applications.decide(actor, kept.id, "accept", DURING)
        ids[person.email] = kept.id
    return ids
