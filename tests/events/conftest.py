"""A world whose deployment has a public address (PUBLIC_URL): the same bot, restarted with the
setting, its web process serving calendar files and feeds beside Slack's requests."""

from __future__ import annotations

import pytest

from tests.world import World, restart

PUBLIC_URL = "https://mentorbot.example.org"


@pytest.fixture
def public_world(world: World) -> World:
    world.bot_settings = world.bot_settings.model_copy(update={"public_url": PUBLIC_URL})
    restart(world)
    return world
