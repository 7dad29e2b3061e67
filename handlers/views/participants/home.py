"""The participants feature's section of a person's App Home (composed by handlers/views/home.py),
with its action ids."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    Option,
    SectionBlock,
    StaticSelectElement,
)

from bot.scheme import Nation, Programme
from handlers.i18n import LANGUAGES, _
from handlers.views.concerns.messages import RAISE
from handlers.views.hub import Mine
from handlers.views.participants.messages import NATION_CHOICES
from handlers.views.requests.messages import ask_button

HOME_MY_DATA = "home_my_data"


HOME_NATION = "home_nation"


HOME_LANGUAGE = "home_language"


def _language(reads: str) -> list[Block]:
    # Each language named in itself, so anyone finds their own whatever the Home is in
    tongues = [Option(text=name, value=code) for code, name in LANGUAGES.items()]
    return [
        DividerBlock(),
        # Not translated: both languages' words, so whoever cannot read this Home finds theirs
        SectionBlock(
            block_id="home:language",
            text="*Language · Iaith*",
            accessory=StaticSelectElement(
                action_id=HOME_LANGUAGE,
                placeholder="Language · Iaith",
                options=tongues,
                initial_option=next(t for t in tongues if t.value == reads),
            ),
        ),
    ]


def _yours(nation: Nation) -> list[Block]:
    choices = [Option(text=_(name), value=key) for key, name in NATION_CHOICES]
    return [
        DividerBlock(),
        SectionBlock(
            block_id="home:nation",
            text=_("*Where you work:* no nudges on your own bank holidays."),
            accessory=StaticSelectElement(
                action_id=HOME_NATION,
                placeholder=_("Your nation"),
                options=choices,
                initial_option=next(c for c in choices if c.value == nation),
            ),
        ),
        ActionsBlock(
            block_id="home:yours",
            elements=[
                ButtonElement(text=_("Tell the project team privately"), action_id=RAISE),
                ask_button(),
                ButtonElement(text=_("My data"), action_id=HOME_MY_DATA),
            ],
        ),
    ]


def home_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """Where they work, and the buttons that are theirs: tell the team, ask, their data."""
    return _yours(mine.nation or programme.default_nation)


def language_section(mine: Mine, programme: Programme, now: datetime) -> list[Block]:
    """The language they read, which anyone may choose, on the scheme or not."""
    return _language(mine.language)
