"""Reading a programme file: its YAML as written (dates left as text, so pydantic names the
field when one is wrong), then checked whole as a Programme (bot/scheme.py), every problem named
by the field a person can find in the file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.scheme import Programme, ProgrammeError

# libyaml's loader where PyYAML was built with it (ten times faster: the file is read at every
# start), the pure-Python one otherwise; both resolve the same.
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _PlainLoader(_SafeLoader):
    """Leaves dates as text, so pydantic checks them and names the field when one is wrong."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


def load_programme(path: Path) -> Programme:
    return checked_programme(path, programme_settings(path))


def programme_settings(path: Path) -> dict[str, Any]:
    """The file's settings as it gives them (dates as text), before they are checked."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_PlainLoader)
    except OSError as error:
        raise ProgrammeError(
            f"{path}: cannot read the programme file ({error.strerror})."
        ) from None
    except yaml.YAMLError as error:
        raise ProgrammeError(f"{path}: not valid YAML ({_first_line(error)}).") from None
    if not isinstance(raw, dict):
        raise ProgrammeError(f"{path}: expected a mapping of settings at the top of the file.")
    return raw


def checked_programme(path: Path, raw: dict[str, Any]) -> Programme:
    """The settings as a programme, or every problem with them, each named by its field."""
    try:
        return Programme.model_validate(raw)
    except ValidationError as error:
        raise ProgrammeError(
            f"{path}: " + "; ".join(_describe(e, raw) for e in error.errors())
        ) from None


def _describe(error: Any, raw: dict) -> str:
    where = _field_path(error["loc"], raw)
    message = re.sub(r"^(Value error|Assertion failed), ", "", error["msg"])
    return f"{where}: {message}" if where else message


def _field_path(loc: tuple, raw: dict) -> str:
    """('events', 4, 'date', 'date') → events[launch].date, which a person can find in the file.

    Keys past the file's own leaves are pydantic's names for union members, so they are dropped.
    """
    parts: list[str] = []
    node: object = raw
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            item = node[key]
            label = item.get("id") if isinstance(item, dict) else None
            parts[-1] += f"[{label or key + 1}]"
            node = item
        elif isinstance(key, str) and isinstance(node, dict):
            parts.append(key)
            node = node.get(key)
    return ".".join(parts)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
