"""The Home's tests use the events feature's world with a public address too."""

from tests.events.conftest import public_world

__all__ = ["public_world"]
