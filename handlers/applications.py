"""Applications: the form (from the Home's Apply or Change, or `/mentoring apply`), kept while the
cohort's window is open; the team's Accept, Waitlist and Decline on the console; and
`/mentoring apply` and `team applications`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import Field
from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.applications.errors import Unanswerable
from bot.applications.model import Answers, Applicant
from bot.applications.rules import window_open
from bot.applications.service import ApplicationsService
from bot.matching.model import Band, MeetingFormat, Profession, Role
from bot.programme_forms import Slug
from bot.scheme import Nation
from handlers.commands import CommandCall, Commands, FeatureAnswer
from handlers.grammar import Grammar, alone
from handlers.home import Home
from handlers.i18n import _, language
from handlers.listeners import Listen, listen
from handlers.middleware import (
    Acting,
    ChosenOption,
    Payload,
    RowId,
    acting,
    open_modal,
    parse,
    part,
)
from handlers.views import applications as view

DECISIONS = re.compile("^(" + "|".join(view.DECISION_OF) + ")$")
NAME_MAX = 200  # as the applications table keeps a name


class ApplicationForm(Payload):
    """The form's answers as Slack sends them; anything the form could not have sent (an
    option outside its lists, text past its limits) is refused whole."""

    role: Role
    profession: Profession
    nation: Nation
    band: Band
    employer: str = Field("", max_length=view.EMPLOYER_MAX)
    line_manager_email: str = Field("", max_length=view.EMAIL_MAX)
    themes: tuple[Slug, ...] = ()
    format: MeetingFormat
    availability: tuple[Slug, ...] = ()
    capacity: int = Field(1, ge=1, le=99)
    never_pair: str = Field("", max_length=view.NEVER_PAIR_MAX)
    for_the_team: str = Field("", max_length=view.FOR_THE_TEAM_MAX)

    def answers(self) -> Answers:
        """Emails in lower case, the people not to be paired with one each however they are
        separated (lines, commas, spaces), each once."""
        never = re.split(r"[\s,;]+", self.never_pair.lower())
        return Answers(
            role=self.role,
            profession=self.profession,
            nation=self.nation,
            band=self.band,
            employer=self.employer,
            themes=self.themes,
            format=self.format,
            availability=self.availability,
            line_manager_email=self.line_manager_email.lower() or None,
            capacity=self.capacity,
            never_pair=tuple(dict.fromkeys(e for e in never if e)),
            for_the_team=self.for_the_team,
        )


class Ticked(Payload):
    """Checkboxes or a menu of several, as the view's state holds them."""

    selected_options: list[ChosenOption] = Field(default_factory=list, max_length=100)


class SlackProfile(Payload):
    email: str = ""
    real_name: str = ""
    display_name: str = ""


class SlackUser(Payload):
    """What users.info says of the person applying: who they are to the team."""

    name: str = ""
    real_name: str = ""
    profile: SlackProfile = SlackProfile()


class DecisionPressed(Payload):
    action_id: str = Field(pattern=DECISIONS.pattern)
    value: RowId  # the application's id


@dataclass(frozen=True)
class Applications:
    """What the applications' listeners and commands use."""

    applications: ApplicationsService
    home: Home


def register(app: App, commands: Commands, deps: Applications) -> None:
    listen(app, deps, LISTENERS)
    commands.answer(deps, COMMANDS)


def _open_form(applications: ApplicationsService, client: WebClient, me: Acting) -> None:
    """The form, with their answers in it if they have applied; refused kindly, saying when,
    outside the window."""
    mine = applications.mine(me.person, me.now)
    window = window_open(mine.window, mine.cohort, me.now)
    modal = view.application_modal(applications.programme, window, mine.cohort, mine.application)
    open_modal(client, me, modal)


def from_home(deps: Applications, ack: Ack, client: WebClient, context: BoltContext) -> None:
    ack()
    _open_form(deps.applications, client, acting(context))


def keep(deps: Applications, ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    """Kept (or changed) while the window is open, and thanked for in place of the form; what
    cannot be taken goes back to the form, each beside its answer. Their Home is drawn again
    with where it stands."""
    me = acting(context)
    answers = _form(me, body).answers()
    applicant = _applicant(client, me.person)
    if applicant is None:
        ack(response_action="errors", errors={"role": _(view.NO_EMAIL)})
        return
    try:
        kept = deps.applications.apply(applicant, answers, me.now)
    except Unanswerable as wrong:
        ack(response_action="errors", errors=view.beside_each(wrong))
        return
    ack(response_action="update", view=view.applied_modal(kept.cohort))
    deps.home.publish(client, me.person, me.now)


def _form(me: Acting, body: dict[str, Any]) -> ApplicationForm:
    """The single answers from the context, the several (themes, times) from the view's state,
    which the context does not hold."""
    state = part(part(part(body, "view"), "state"), "values")
    several = {block_id: _ticked(state, block_id) for block_id in ("themes", "availability")}
    return parse(ApplicationForm, {k: v for k, v in me.values.items() if v} | several)


def _ticked(state: dict[str, Any], block_id: str) -> list[str]:
    held = parse(Ticked, part(part(state, block_id), "value"))
    return [option.value for option in held.selected_options]


def _applicant(client: WebClient, person: str) -> Applicant | None:
    """Who is applying, from their Slack profile, reading in the language they read now; None
    when the profile shows no email, by which the team knows them."""
    user = parse(SlackUser, client.users_info(user=person)["user"])
    email = user.profile.email.strip().lower()
    if not email:
        return None
    profile = user.profile
    name = profile.real_name or user.real_name or profile.display_name or user.name or email
    return Applicant(email, name[:NAME_MAX], person, language())


def decide(
    deps: Applications, ack: Ack, action: dict, client: WebClient, context: BoltContext
) -> None:
    """Accept, Waitlist or Decline on the console: the applicant is told in their DM, once."""
    ack()
    me = acting(context)
    pressed = parse(DecisionPressed, action)
    decision = view.DECISION_OF[pressed.action_id]
    try:
        deps.applications.decide(me.person, pressed.value, decision, me.now)
    finally:
        # Refused too (decided by someone else just now): the console shows where it stands.
        deps.home.publish(client, me.person, me.now)


LISTENERS: list[Listen[Applications]] = [
    Listen(App.action, view.HOME_APPLY, from_home),
    Listen(App.view, view.APPLICATION_MODAL, keep),
    Listen(App.action, DECISIONS, decide),
]


# Its commands: what each reads as (GRAMMAR, composed into /mentoring by handlers/features.py),
# then who answers each (COMMANDS).


@dataclass(frozen=True)
class Apply:
    """`apply`: the form, with their answers in it if they have applied."""


@dataclass(frozen=True)
class TeamApplications:
    pass


def apply(deps: Applications, _command: Apply, call: CommandCall) -> None:
    _open_form(deps.applications, call.client, call.acting)


def team_applications(deps: Applications, _command: TeamApplications, call: CommandCall) -> str:
    applications = deps.applications.all(call.acting.person)
    return view.team_applications_message(applications, deps.applications.programme)


GRAMMAR: Grammar = {
    ("apply",): alone(Apply()),
    ("team", "applications"): alone(TeamApplications()),
}


COMMANDS: list[tuple[type, FeatureAnswer[Applications]]] = [
    (Apply, apply),
    (TeamApplications, team_applications),
]
