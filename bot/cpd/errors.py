"""What a person can put right about their CPD record, as data. handlers/views/cpd/words.py
words it."""

from __future__ import annotations

from bot.errors import UserError


class NoActivityYet(UserError):
    """Someone asked for their CPD record before anything was in it: no event attended, no
    meeting logged, no reflection written yet. It fills as they take part."""
