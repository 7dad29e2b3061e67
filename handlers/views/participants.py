"""Everything people read about their own records: words, pure."""

from __future__ import annotations


def my_data_sent() -> str:
    return "I've put a file in our direct messages with everything I hold about you."
