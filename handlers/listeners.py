"""A feature's listeners: module-level functions, each taking the feature's dependencies first,
listed in one flat table that `listen` registers. Binding the dependencies here (not closing over
them) lets each listener be read alone, named in a traceback, called alone in a test, and type
checked against the dependencies its feature gives it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from re import Pattern
from typing import Any, Concatenate, Generic, TypeVar

from slack_bolt import App

D = TypeVar("D")
# A listener: the feature's dependencies, then the arguments Bolt gives it by name.
Listener = Callable[Concatenate[D, ...], None]
# What a listener listens on: App.action, App.view, App.shortcut or App.event.
On = Callable[[App, str | Pattern[str]], Callable[..., Any]]


@dataclass(frozen=True)
class Listen(Generic[D]):
    """One row: on what, for which id (or pattern), the listener that acks, and any that run
    after the ack (Bolt's lazy listeners, for work past Slack's 3 seconds)."""

    on: On
    id: str | Pattern[str]
    ack: Listener[D]
    lazy: tuple[Listener[D], ...] = ()


def listen(app: App, deps: D, table: Iterable[Listen[D]]) -> None:
    """Registers every row of a feature's table, in order (Bolt answers with the first match)."""
    for row in table:
        lazy = [partial(later, deps) for later in row.lazy]
        row.on(app, row.id)(ack=partial(row.ack, deps), lazy=lazy)
