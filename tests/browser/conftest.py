"""The local workspace's page, served for real: the demo's first fortnight is seeded once per
run into a folder, and each test starts from a copy of it (so each also resumes a kept
workspace, as `mentorbot run` does after a stop)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorbot.browse import Served, serving
from mentorbot.settings import Settings

TEAM_LEAD = "UTEAM0001"  # Priya Anand, in the shipped programme file
SUNITA, JAMIE, ALED = "UDEMO0004", "UDEMO0005", "UDEMO0006"
GRACE, OLIVER, FIONA = "UDEMO0001", "UDEMO0002", "UDEMO0003"


def local_settings() -> Settings:
    return Settings(_env_file=None, slack_bot_token=None, slack_signing_secret=None)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    state = tmp_path_factory.mktemp("seeded")
    with serving(local_settings(), state, port=0):
        pass
    return state


@pytest.fixture
def workspace(seeded: Path, tmp_path: Path) -> Iterator[Served]:
    state = tmp_path / "state"
    shutil.copytree(seeded, state)
    with serving(local_settings(), state, port=0, pace=0.05) as served:
        yield served
