"""Who may act on a concern: pure rules, as data. (Why a pair needs the team's attention is the
pairs' rule, tested in tests/pairs/test_rules.py.)"""

from __future__ import annotations

from bot.concerns.rules import can_act


def test_a_resolved_concern_is_left_alone_and_an_acknowledged_one_not_acknowledged_twice() -> None:
    assert can_act("resolved", "take") == "already_resolved"
    assert can_act("acknowledged", "acknowledge") == "already_acknowledged"
    assert can_act("acknowledged", "take") is None
    assert can_act("open", "acknowledge") is None
