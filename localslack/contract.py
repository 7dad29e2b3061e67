"""Slack's Web API contract, as the stand-in checks it: each method and its required arguments.

`contract.json` is derived from Slack's published OpenAPI description (carried in `specs/`,
MIT-licensed, with the other published contracts the tests use); a test keeps the two equal.
Methods newer than that 2020 description are listed in NEWER_METHODS with their required
arguments from Slack's reference pages. Regenerate with: python -m localslack.contract
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

CONTRACT = Path(__file__).parent / "contract.json"
SPECS = Path(__file__).parent / "specs"
OPENAPI = "slack_web_openapi_v2.json.gz"

NEWER_METHODS: dict[str, list[str]] = {
    "files.getUploadURLExternal": ["filename", "length"],
    "files.completeUploadExternal": ["files"],
}


def derive(openapi: dict) -> dict[str, list[str]]:
    """method → required arguments (the token travels in a header and is checked separately)."""
    methods: dict[str, list[str]] = {}
    for path, operations in openapi["paths"].items():
        required: set[str] = set()
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("required") and parameter["name"] != "token":
                    required.add(parameter["name"])
        methods[path.lstrip("/")] = sorted(required)
    return dict(sorted(methods.items()))


def load() -> dict[str, list[str]]:
    return json.loads(CONTRACT.read_text()) | NEWER_METHODS


def problems(method: str, params: dict[str, object], contract: dict[str, list[str]]) -> list[str]:
    """What is wrong with a call by Slack's contract; empty when it is a valid call."""
    if method not in contract:
        return [f"{method} is not a Slack Web API method"]
    return [
        f"{method} is missing its required argument {name!r}"
        for name in contract[method]
        if params.get(name) in (None, "")
    ]


def published(name: str) -> Any:
    """One of Slack's published contracts in `specs/` (a .gz one read as it is stored)."""
    path = SPECS / name
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return json.loads(data)


if __name__ == "__main__":
    CONTRACT.write_text(json.dumps(derive(published(OPENAPI)), indent=1) + "\n")
    print(f"wrote {CONTRACT}")
