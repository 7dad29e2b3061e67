"""What applying reads as wherever it is shown: the answers' words (roles, professions, bands,
formats, a status), the window's dates, and the team's decision as the applicant hears it in
their DM. Typed answers (a name, an employer, the note to the team) are escaped wherever shown."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import Block, SectionBlock

from bot.applications.model import Application, ApplicationStatus
from bot.applications.notices import ApplicationDecided
from bot.matching.model import Band, MeetingFormat, Profession, Role
from bot.scheme import Applications, Programme
from handlers.i18n import N_, _, clock_time, day, language
from handlers.slack.rendering import message_view
from handlers.views.mrkdwn import escape

ROLE_CHOICES: dict[Role, str] = {
    "mentee": N_("A mentee: I would like a mentor"),
    "mentor": N_("A mentor: I would like to mentor someone"),
}
ROLE_WORDS: dict[Role, str] = {"mentee": N_("mentee"), "mentor": N_("mentor")}
PROFESSION_WORDS: dict[Profession, str] = {
    "radiographer": N_("Radiographer"),
    "sonographer": N_("Sonographer"),
    "nuclear_medicine": N_("Nuclear medicine practitioner"),
    "other": N_("Another profession"),
}
FORMAT_WORDS: dict[MeetingFormat, str] = {
    "online": N_("Online"),
    "in_person": N_("In person"),
    "either": N_("Either: online or in person"),
}

# Where an application stands, as its owner reads it on their Home.
YOUR_STATUS: dict[ApplicationStatus, str] = {
    "submitted": N_("with the project team, who will tell you here what they decide"),
    "accepted": N_("accepted"),
    "waitlisted": N_("on the waiting list"),
    "declined": N_("not offered a place this time"),
}
# The same, as the team reads it on the console.
STATUS_WORDS: dict[ApplicationStatus, str] = {
    "submitted": N_("to decide"),
    "accepted": N_("accepted"),
    "waitlisted": N_("waitlisted"),
    "declined": N_("declined"),
}

# What the team's decision means to the applicant, and what happens next: each whole, so a
# translation can say it its own way.
ACCEPTED: dict[Role, str] = {
    "mentee": N_(
        "Good news: the project team has accepted your application to be a mentee in the "
        "{cohort} cohort of the mentoring scheme. What happens next: the steering group will "
        "match you with a mentor. I'll introduce you to them here once you are paired. There is "
        "nothing else you need to do for now."
    ),
    "mentor": N_(
        "Good news: the project team has accepted your application to be a mentor in the "
        "{cohort} cohort of the mentoring scheme. What happens next: the steering group will "
        "match you with your mentees. I'll introduce you to each one here once you are paired. "
        "There is nothing else you need to do for now."
    ),
}
WAITLISTED = N_(
    "Thank you for applying to the {cohort} cohort of the mentoring scheme. For now, the project "
    "team has put you on the waiting list. Your application stays on the list, and I'll tell you "
    "here if a place comes up."
)
DECLINED = N_(
    "Thank you for applying to the {cohort} cohort of the mentoring scheme, and for the time you "
    "gave to it. I'm sorry: the project team can't offer you a place this time. If you would like "
    "to talk about it, please write to them at {email}."
)


def band_words(band: Band) -> str:
    return _("Band {band}").format(band=band)


def when(at: datetime, programme: Programme) -> str:
    """'17:00 on Thursday 31 July 2025', in the programme's zone."""
    local = at.astimezone(programme.zone)
    return _("{time} on {day}").format(time=clock_time(local), day=day(local.date()))


def theme_names(themes: tuple[str, ...], window: Applications | None) -> str:
    """The themes chosen, by their names in the reader's language (an id no longer in the
    programme file as it is), escaped."""
    names = []
    for theme_id in themes:
        choice = window.theme(theme_id) if window else None
        names.append(choice.text_in(language()) if choice else theme_id)
    return escape(", ".join(names))


def team_contact(programme: Programme) -> str:
    """Where an applicant writes to the team: its contact address, or its lead's, or the first
    member's."""
    team = programme.project_team
    return programme.contacts.project_team or team.lead or team.members[0].email


@message_view(ApplicationDecided)
def application_decided(n: ApplicationDecided) -> tuple[str, list[Block]]:
    text = decision_words(n.application, n.programme)
    return text, [SectionBlock(text=text)]


def decision_words(application: Application, programme: Programme) -> str:
    cohort = application.cohort
    if application.status == "accepted":
        return _(ACCEPTED[application.answers.role]).format(cohort=cohort)
    if application.status == "waitlisted":
        return _(WAITLISTED).format(cohort=cohort)
    return _(DECLINED).format(cohort=cohort, email=escape(team_contact(programme)))
