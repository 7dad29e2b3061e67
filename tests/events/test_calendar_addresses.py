"""An event's calendar file holds its joining details, so it is served only where the deployment
has a public address (PUBLIC_URL), and only at an address no one can guess: one made with a
server key for the event's current date, which leads nowhere once the date changes."""

from __future__ import annotations

import re
import urllib.request
from datetime import UTC, datetime
from urllib.error import HTTPError

from bot.events.feeds import file_key, file_token
from tests.cast import SUNITA, TEAM_LEAD
from tests.events.conftest import PUBLIC_URL
from tests.seen import links, words
from tests.world import World, uk

LAUNCH = datetime(2025, 11, 13, 11, tzinfo=UTC)  # the programme file's date
EVENT_FILE = re.escape(PUBLIC_URL) + r"/calendar/events/[A-Za-z0-9_-]{43}\.ics"
# Straight to the web process, never through a proxy the environment names.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def status_of(world: World, path: str) -> int:
    try:
        with _DIRECT.open(world.http.base_url + path, timeout=5) as answer:
            return int(answer.status)
    except HTTPError as refused:
        return refused.code


def launch_file_path(world: World, starts_at: datetime) -> str:
    """The address the bot's own key gives the launch on that date."""
    key = file_key(world.bot_settings.slack_signing_secret or "")
    return f"/calendar/events/{file_token(key, 'launch', starts_at)}.ics"


def file_links(world: World, user: str, starts: str) -> list[str]:
    return [
        path.removeprefix(PUBLIC_URL)
        for m in world.dms(user)
        if words(m).startswith(starts)
        for path in links(m).values()
        if re.fullmatch(EVENT_FILE, path)
    ]


def test_without_a_public_address_no_calendar_file_or_feed_is_served(world: World) -> None:
    world.add_cohort()
    for path in (
        launch_file_path(world, LAUNCH),
        "/calendar/events/launch.ics",
        "/calendar/feed/" + "a" * 43 + ".ics",
    ):
        assert status_of(world, path) == 404, path


def test_an_events_file_is_served_at_its_secret_address_not_at_its_id(public_world: World) -> None:
    world = public_world
    world.add_cohort()
    world.walk_to(uk("2025-11-06 12:00"))
    [link] = file_links(world, SUNITA, "LMS Launch is ")
    assert link == launch_file_path(world, LAUNCH)
    assert status_of(world, link) == 200
    assert status_of(world, "/calendar/events/launch.ics") == 404


def test_a_new_date_gives_the_file_a_new_address_and_the_old_one_leads_nowhere(
    public_world: World,
) -> None:
    world = public_world
    world.add_cohort()
    world.walk_to(uk("2025-11-06 12:00"))
    [old] = file_links(world, SUNITA, "LMS Launch is ")
    world.command(TEAM_LEAD, "event date launch 2025-11-10 11:00-15:00")
    [new] = file_links(world, SUNITA, ":calendar: *LMS Launch* has a new date.")
    assert new != old
    assert (status_of(world, new), status_of(world, old)) == (200, 404)
