"""Slack's Web API contract, as the stand-in checks it: each method and its required arguments.

`contract.json` is derived from Slack's published OpenAPI description
(../shared/slack-specs/slack_web_openapi_v2.json, MIT-licensed) so the stand-in also works where
that folder is absent; a test keeps the two equal. Methods newer than that 2020 description are
listed in NEWER_METHODS with their required arguments from Slack's reference pages.
Regenerate with: python -m localslack.contract ../shared/slack-specs/slack_web_openapi_v2.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CONTRACT = Path(__file__).parent / "contract.json"

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


if __name__ == "__main__":
    spec = json.loads(Path(sys.argv[1]).read_text())
    CONTRACT.write_text(json.dumps(derive(spec), indent=1) + "\n")
    print(f"wrote {CONTRACT}")
