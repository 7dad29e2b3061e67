"""Reading what a person typed into a modal."""

from __future__ import annotations

from typing import Any


def submitted_values(view: dict[str, Any]) -> dict[str, str]:
    """{block_id: value} for inputs whose action_id is "value" (text, number, date, a choice)."""
    values: dict[str, str] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        field = actions.get("value", {})
        chosen = (field.get("selected_option") or {}).get("value")
        values[block_id] = str(
            field.get("value") or field.get("selected_date") or chosen or ""
        ).strip()
    return values
