"""The application form: every answer the scheme asks for, prefilled with the person's own when
they change it. Each input's block id is the answer's name, so what cannot be taken is said
beside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_args

from slack_sdk.models.blocks import (
    Block,
    CheckboxesElement,
    InputBlock,
    InputInteractiveElement,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.applications.model import Answers, Application
from bot.matching.model import BANDS, MeetingFormat, Profession, Role
from bot.scheme import MOST_MENTEES, NATIONS, Applications, Choice, Programme
from handlers.i18n import _, language
from handlers.views.applications.messages import (
    FORMAT_WORDS,
    PROFESSION_WORDS,
    ROLE_CHOICES,
    band_words,
    when,
)
from handlers.views.common import done_modal, modal_title
from handlers.views.participants.messages import NATION_NAMES

APPLICATION_MODAL = "application_submit"

# What the form takes, and what a submission is held to: longer is not what the form sent.
EMPLOYER_MAX = 150
EMAIL_MAX = 320
NEVER_PAIR_MAX = 2000
FOR_THE_TEAM_MAX = 1000
# Block Kit shows at most 10 checkboxes; a longer list is a menu to pick several from.
CHECKBOXES_MAX = 10
OPTION_TEXT_MAX = 75


def application_modal(
    programme: Programme, window: Applications, cohort: str, mine: Application | None = None
) -> View:
    """The form for `cohort` in its `window`, with `mine`'s answers in it when they change their
    application."""
    answers = mine.answers if mine else None
    return View(
        type="modal",
        callback_id=APPLICATION_MODAL,
        # Translators: Slack allows at most 24 characters here.
        title=modal_title(_("Your application")),
        submit=_("Save changes") if mine else _("Send application"),
        close=_("Cancel"),
        blocks=[
            SectionBlock(text=_intro(when(window.closes, programme), cohort, mine)),
            *_about_you(answers),
            *_what_you_want(answers, window.themes, window.availability),
            *_private(answers),
        ],
    )


def applied_modal(cohort: str) -> View:
    """In place of the form once it is kept, wherever it was opened from."""
    return done_modal(
        _("Your application"),
        _(
            "Thank you: your application to the {cohort} cohort is with the project team. They "
            "will tell you here, in our DM, what they decide. Until applications close, you can "
            "change it on my Home tab or with `/mentoring apply`."
        ).format(cohort=cohort),
    )


def _intro(closes: str, cohort: str, mine: Application | None) -> str:
    if mine is None:
        return _(
            "Apply to join the {cohort} cohort of the mentoring scheme, as a mentee or a mentor. "
            "You can change your answers until {closes}."
        ).format(cohort=cohort, closes=closes)
    said = _(
        "Your application to the {cohort} cohort, as you last sent it. Change what you need to, "
        "then save. You can change it until {closes}."
    ).format(cohort=cohort, closes=closes)
    if mine.status == "submitted":
        return said
    again = _("The project team has decided on it already: if you change it, they will look again.")
    return f"{said} {again}"


def _about_you(a: Answers | None) -> list[Block]:
    return [
        _one(
            "role",
            _("Are you applying as a mentee or a mentor?"),
            _role_options(),
            _given(a, "role"),
        ),
        _menu("profession", _("Your profession"), _profession_options(), _given(a, "profession")),
        _menu("nation", _("Where do you work?"), _nation_options(), _given(a, "nation")),
        _menu(
            "band",
            _("Your Agenda for Change band"),
            [Option(text=band_words(b), value=b) for b in BANDS],
            _given(a, "band"),
            hint=_("If you are not on Agenda for Change, choose the band nearest your grade."),
        ),
        _text(
            "employer",
            _("Your employer"),
            a.employer if a else None,
            EMPLOYER_MAX,
            hint=_("Your NHS trust or health board, or who else you work for."),
            optional=False,
        ),
        # A plain input, not Slack's email one, which the local workspace's page cannot draw;
        # the address is checked when the form is sent.
        _text(
            "line_manager_email",
            _("Your line manager's work email"),
            a.line_manager_email if a else None,
            EMAIL_MAX,
            hint=_("So that you are never paired with your own line manager."),
        ),
    ]


def _what_you_want(a: Answers | None, themes: list[Choice], times: list[Choice]) -> list[Block]:
    return [
        _several(
            "themes",
            _("Leadership themes"),
            themes,
            a.themes if a else (),
            hint=_("Mentees: the themes you want to work on. Mentors: the themes you can offer."),
        ),
        _one("format", _("How would you like to meet?"), _format_options(), _given(a, "format")),
        _several(
            "availability", _("When could you usually meet?"), times, a.availability if a else ()
        ),
        _menu(
            "capacity",
            _("Mentors: how many mentees could you take?"),
            [Option(text=str(n), value=str(n)) for n in range(1, MOST_MENTEES + 1)],
            _given(a, "capacity") if _given(a, "role") == "mentor" else None,
            hint=_("Leave this empty if you are applying as a mentee."),
            optional=True,
        ),
    ]


def _private(a: Answers | None) -> list[Block]:
    return [
        _text(
            "never_pair",
            _("Anyone you should not be paired with"),
            "\n".join(a.never_pair) if a else None,
            NEVER_PAIR_MAX,
            hint=_("Their work email addresses, one a line. Nobody tells them."),
            multiline=True,
        ),
        _text(
            "for_the_team",
            _("Anything the project team should know"),
            a.for_the_team if a else None,
            FOR_THE_TEAM_MAX,
            hint=_(
                "Private to the project team: your mentor or mentee, and everyone else, never "
                "see it."
            ),
            multiline=True,
        ),
    ]


def _given(a: Answers | None, answer: str) -> str | None:
    """The answer they gave, when they change their application."""
    return str(getattr(a, answer)) if a else None


def _role_options() -> list[Option]:
    return [Option(text=_(ROLE_CHOICES[r]), value=r) for r in get_args(Role)]


def _profession_options() -> list[Option]:
    return [Option(text=_(PROFESSION_WORDS[p]), value=p) for p in get_args(Profession)]


def _nation_options() -> list[Option]:
    return [Option(text=_(NATION_NAMES[n]), value=n) for n in NATIONS]


def _format_options() -> list[Option]:
    return [Option(text=_(FORMAT_WORDS[f]), value=f) for f in get_args(MeetingFormat)]


def _chosen(options: Sequence[Option], value: str | None) -> Option | None:
    return next((o for o in options if o.value == value), None)


def _one(block_id: str, label: str, options: list[Option], value: str | None) -> InputBlock:
    element = RadioButtonsElement(
        action_id="value", options=options, initial_option=_chosen(options, value)
    )
    return InputBlock(block_id=block_id, label=label, element=element)


def _menu(
    block_id: str,
    label: str,
    options: list[Option],
    value: str | None,
    hint: str | None = None,
    optional: bool = False,
) -> InputBlock:
    element = StaticSelectElement(
        action_id="value",
        placeholder=_("Choose one"),
        options=options,
        initial_option=_chosen(options, value),
    )
    return InputBlock(block_id=block_id, label=label, hint=hint, optional=optional, element=element)


def _several(
    block_id: str,
    label: str,
    choices: list[Choice],
    chosen: tuple[str, ...],
    hint: str | None = None,
) -> InputBlock:
    """Checkboxes, so every choice is in sight; a menu to pick several from when there are
    more than Block Kit shows as boxes."""
    reads = language()
    options = [Option(text=c.text_in(reads)[:OPTION_TEXT_MAX], value=c.id) for c in choices]
    ticked = [o for o in options if o.value in chosen] or None
    element: InputInteractiveElement
    if len(options) <= CHECKBOXES_MAX:
        element = CheckboxesElement(action_id="value", options=options, initial_options=ticked)
    else:
        element = StaticMultiSelectElement(
            action_id="value",
            placeholder=_("Choose any that fit"),
            options=options,
            initial_options=ticked,
        )
    return InputBlock(block_id=block_id, label=label, hint=hint, element=element)


def _text(
    block_id: str,
    label: str,
    value: str | None,
    limit: int,
    hint: str | None = None,
    multiline: bool = False,
    optional: bool = True,
) -> InputBlock:
    element = PlainTextInputElement(
        action_id="value", initial_value=value or None, max_length=limit, multiline=multiline
    )
    return InputBlock(block_id=block_id, label=label, hint=hint, optional=optional, element=element)
