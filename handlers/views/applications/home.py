"""The applications feature's section of a person's App Home (composed by
handlers/views/home.py), with its action id: when applications open, Apply while they are open,
or the person's own application and where it stands, with Change until the window closes."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, SectionBlock

from bot.applications.service import MyApplication
from bot.scheme import Applications, Programme
from handlers.i18n import _
from handlers.views.applications.messages import ROLE_WORDS, YOUR_STATUS, when
from handlers.views.hub import Mine

HOME_APPLY = "application_apply_home"  # Apply, or Change my application: the same form


def home_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """Nothing when the cohort takes no applications, or when they have closed on someone who
    did not apply and has no need to be told (on the scheme, or on the team)."""
    found = mine.application
    if found is None or found.window is None:
        return []
    window = found.window
    if found.application is not None:
        return _yours(found, window, programme)
    if now < window.opens:
        text = _(
            "Applications to join the {cohort} cohort of the mentoring scheme open at {opens}."
        )
        return _section(text.format(cohort=found.cohort, opens=when(window.opens, programme)))
    if found.open_now:
        return _open(found, window, programme)
    if mine.calendar is not None or mine.on_team:
        return []
    text = _(
        "Applications to the {cohort} cohort of the mentoring scheme closed at {closes}. Please "
        "contact the project team if you would like to join a later cohort."
    )
    return _section(text.format(cohort=found.cohort, closes=when(window.closes, programme)))


def _open(found: MyApplication, window: Applications, programme: Programme) -> list[Block]:
    text = _(
        "*Join the mentoring scheme*\nApplications to the {cohort} cohort are open until "
        "{closes}. Anyone can apply, as a mentee or as a mentor."
    ).format(cohort=found.cohort, closes=when(window.closes, programme))
    button = ButtonElement(text=_("Apply…"), action_id=HOME_APPLY, style="primary")
    return _section(text, button)


def _yours(found: MyApplication, window: Applications, programme: Programme) -> list[Block]:
    application = found.application
    assert application is not None
    text = _("*Your application* to the {cohort} cohort, as a {role}: {status}.").format(
        cohort=found.cohort,
        role=_(ROLE_WORDS[application.answers.role]),
        status=_(YOUR_STATUS[application.status]),
    )
    if not found.open_now:
        return _section(text)
    until = _("You can change it until {closes}.").format(closes=when(window.closes, programme))
    button = ButtonElement(text=_("Change my application…"), action_id=HOME_APPLY)
    return _section(f"{text}\n{until}", button)


def _section(text: str, button: ButtonElement | None = None) -> list[Block]:
    blocks: list[Block] = [DividerBlock(), SectionBlock(block_id="home:application", text=text)]
    if button is not None:
        blocks.append(ActionsBlock(block_id="home:apply", elements=[button]))
    return blocks
