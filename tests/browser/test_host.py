"""`mentorbot run --host NAME` serves the page beyond loopback, and still answers only to its own
names (loopback's and NAME): a web page elsewhere that points a name of its own at the page's
address (DNS rebinding) is refused."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mentorbot.browse import Served, serving
from tests.browser.conftest import local_settings

# Another address of this machine, named as a person would name their machine's address.
NAMED = "127.0.0.2"


@pytest.fixture
def served_on_a_named_host(seeded: Path, tmp_path: Path) -> Iterator[Served]:
    state = Path(shutil.copytree(seeded, tmp_path / "state"))
    with serving(local_settings(), state, host=NAMED, port=0) as served:
        yield served


def status_with_host(served: Served, host: str) -> int:
    with httpx.Client(base_url=served.url, timeout=30) as page:
        return page.get("/", headers={"Host": host}).status_code


def test_the_page_answers_to_the_named_host_and_loopbacks_names(
    served_on_a_named_host: Served,
) -> None:
    port = httpx.URL(served_on_a_named_host.url).port
    for host in (f"{NAMED}:{port}", f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
        assert status_with_host(served_on_a_named_host, host) == 200, host


def test_a_rebound_host_is_refused_even_with_host(served_on_a_named_host: Served) -> None:
    port = httpx.URL(served_on_a_named_host.url).port
    for host in (f"evil.example:{port}", "evil.example", f"{NAMED}.evil.example:{port}", ""):
        assert status_with_host(served_on_a_named_host, host) == 403, host
