"""A web process that answers before any clock has started: in production the web and the clock
are separate processes, and the clock stores the programme file's dates when it starts. Each
process reads the programme itself, so a Home or a command answered first is already right."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory

from bot.events.feeds import file_key, file_token
from bot.participants.service import import_participants
from handlers.slack.directory import SlackDirectory
from handlers.slack.http import BoltHttpServer
from localslack.sender import SignedSender
from localslack.server import LocalSlack
from mentorbot.app import build
from mentorbot.settings import Settings
from tests.cast import COHORT, COHORT_CSV, SUNITA, TEAM_LEAD
from tests.seen import words
from tests.world import World, uk


@pytest.fixture
def web_only(slack: LocalSlack, settings: Settings) -> Iterator[World]:
    """The bot built and answering Slack, its timeline never started (no clock has run), and
    the cohort imported, on 10 November 2025 (the launch is on the 13th)."""
    with freeze_time(uk("2025-11-10 10:00"), tz_offset=0) as clock:
        assert isinstance(clock, FrozenDateTimeFactory)
        bot = build(settings)
        http = BoltHttpServer(bot.bolt).start()
        sender = SignedSender(slack, http.url, settings.slack_signing_secret or "")
        world = World(bot, slack, http, sender, clock, settings)
        for user_id, (name, email, tz) in COHORT.items():
            slack.workspace.add_user(user_id, name, email, tz)
        import_participants(COHORT_CSV, bot.uow, SlackDirectory(bot.client), world.now())
        try:
            yield world
        finally:
            http.stop()
            bot.close()


def events_shown_on_home(world: World, user: str) -> str:
    assert world.sender.open_home(user).status == 200
    home = world.slack.workspace.home_view(user)
    assert home is not None, "no Home was published"
    return " ".join(
        str((b.get("text") or {}).get("text", "")) for b in home["blocks"] if b["type"] == "section"
    )


def test_the_home_and_the_events_command_answer_from_the_programme_before_any_clock(
    web_only: World,
) -> None:
    events = web_only.command(SUNITA, "events")
    assert "Launch" in events and "13 November 2025" in events
    home = events_shown_on_home(web_only, SUNITA)
    assert "Your next events" in home and "13 November" in home
    web_only.bot.start_timeline(paused=True)  # the clock starts: nothing anyone sees changes
    assert web_only.command(SUNITA, "events") == events
    assert events_shown_on_home(web_only, SUNITA) == home


def test_a_date_the_team_sets_before_the_clock_starts_is_kept_when_it_does(
    web_only: World,
) -> None:
    done = web_only.command(TEAM_LEAD, "event date launch 2025-11-20 11:00-15:00")
    assert "20 November 2025" in done
    web_only.bot.start_timeline(paused=True)
    events = web_only.command(SUNITA, "events")
    assert "20 November 2025" in events and "13 November 2025" not in events


def test_the_request_form_offers_the_programmes_events_before_the_clock_starts(
    web_only: World,
) -> None:
    web_only.command_opens_modal(SUNITA, "request adjustment")
    assert "Launch" in words(web_only.modal(SUNITA))


def test_an_events_calendar_file_is_found_before_any_clock(web_only: World) -> None:
    key = file_key(web_only.bot_settings.slack_signing_secret or "")
    launch = datetime(2025, 11, 13, 11, tzinfo=UTC)
    invite = web_only.bot.services.events.feeds.event_file(file_token(key, "launch", launch))
    assert invite is not None and invite.event.id == "launch"
