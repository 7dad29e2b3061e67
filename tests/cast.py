"""The people every test meets, in one place: a scenario over the whole app (tests/world.py), a
service test (tests/services.py) and a view's example (tests/accessibility/examples.py) name the
same person by the same Slack id, name and email.

The shipped programme (programme.yaml) names the project team and the approver by these ids too."""

from __future__ import annotations

from dataclasses import dataclass

from bot.participants.model import Participant, Role

GRACE, OLIVER = "UGRACE001", "UOLIVER01"  # mentors
SUNITA, JAMIE = "USUNITA01", "UJAMIE001"  # mentees
MENTORS, MENTEES = [GRACE, OLIVER], [SUNITA, JAMIE]
FIONA = "UFIONA001"  # in the workspace, not yet imported
OUTSIDER = "UOUTSIDE1"  # in the workspace, never on the scheme
STRANGER = "USTRANGE1"  # in the workspace, not on the scheme nor the team
CERYS = "UCERYS001"  # in the workspace, reads Slack in Welsh

# The shipped programme's project team, its private channel, and the approver of requests
# (Dr Morgan Ellis, who is not on the team).
TEAM_LEAD, TEAM_MEMBER, APPROVER = "UTEAM0001", "UTEAM0002", "UTEAM0003"
TOM = TEAM_MEMBER
TEAM_CHANNEL = "CTEAMPRIV1"


@dataclass(frozen=True)
class Person:
    slack_id: str
    name: str
    email: str
    role: Role
    timezone: str


# The cohort, as its participants file lists them. Jamie works from New York, so a scenario
# shows the scheme's times in a zone that is not the programme's.
COHORT_PEOPLE = (
    Person(GRACE, "Grace Mensah", "grace.mensah@example.nhs.uk", "mentor", "Europe/London"),
    Person(OLIVER, "Oliver Byrne", "oliver.byrne@example.nhs.uk", "mentor", "Europe/London"),
    Person(SUNITA, "Sunita Rao", "sunita.rao@example.nhs.uk", "mentee", "Europe/London"),
    Person(JAMIE, "Jamie Clarke", "jamie.clarke@example.nhs.uk", "mentee", "America/New_York"),
)
# The cohort's Slack members: (name, email, time zone) by Slack id.
COHORT = {p.slack_id: (p.name, p.email, p.timezone) for p in COHORT_PEOPLE}
NAMES = {p.slack_id: p.name for p in COHORT_PEOPLE}
EMAILS = {p.slack_id: p.email for p in COHORT_PEOPLE}

# The participants file: its Slack ids left for the bot to find by email.
COHORT_CSV = "name,email,role,slack_id\n" + "".join(
    f"{p.name},{p.email},{p.role},\n" for p in COHORT_PEOPLE
)
# How the pairs file pairs them.
PAIRS_CSV = (
    "mentor_email,mentee_email\n"
    f"{EMAILS[GRACE]},{EMAILS[SUNITA]}\n"
    f"{EMAILS[OLIVER]},{EMAILS[JAMIE]}\n"
)


def participant(slack_id: str, number: int) -> Participant:
    """One of the cohort as the bot holds them, with the number a test gives them."""
    [person] = [p for p in COHORT_PEOPLE if p.slack_id == slack_id]
    return Participant(number, person.name, person.email, person.role, slack_id)
