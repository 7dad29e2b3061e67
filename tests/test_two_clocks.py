"""Two clock processes starting at the same moment on a new database: neither crashes (they
take turns to migrate, and to adopt the programme file), and nothing is sent twice."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest

from localslack.server import LocalSlack
from mentorbot.settings import Settings
from tests.cast import COHORT

START_A_CLOCK = """
from mentorbot.app import build
from mentorbot.settings import Settings
bot = build(Settings(_env_file=None))
bot.start_timeline(paused=True)
bot.scheduler.run_due()
bot.close()
"""


@pytest.mark.both_databases  # each database makes them take turns its own way
def test_two_clocks_starting_together_neither_crash_nor_send_twice(
    slack: LocalSlack, settings: Settings
) -> None:
    for user_id, (name, email, tz) in COHORT.items():
        slack.workspace.add_user(user_id, name, email, tz)
    env = os.environ | {
        "SLACK_BOT_TOKEN": settings.slack_bot_token or "",
        "SLACK_SIGNING_SECRET": settings.slack_signing_secret or "",
        "SLACK_API_URL": settings.slack_api_url,
        "DATABASE_URL": settings.database_url,
    }
    clocks = [
        subprocess.Popen(
            [sys.executable, "-c", START_A_CLOCK], env=env, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    for clock in clocks:
        _, errors = clock.communicate(timeout=120)
        assert clock.returncode == 0, errors
        assert "Traceback" not in errors
    posted = Counter(
        (m.channel, (m.metadata or {}).get("event_payload", {}).get("key"))
        for m in slack.workspace.messages
    )
    assert all(count == 1 for count in posted.values())
