"""Waiting for what a person would see: the one way tests wait for work done out of sight (a
listener after its ack, a process, a connection), never for a length of time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def settle(until: Callable[[], T | None], what: str, attempts: int = 500, pause: float = 0.01) -> T:
    """Asks `until` again after each short pause until it gives something (what a person would
    see), and returns that. Counts attempts, not clock time: a frozen clock does not stop it, and
    a busy machine only takes longer to get through them."""
    for _ in range(attempts):
        if found := until():
            return found
        time.sleep(pause)
    raise AssertionError(f"never happened: {what}")
