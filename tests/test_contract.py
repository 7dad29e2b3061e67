"""The stand-in's copy of Slack's contract stays equal to Slack's published OpenAPI file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from localslack import contract

SPEC = Path(__file__).parent.parent.parent / "shared" / "slack-specs" / "slack_web_openapi_v2.json"


@pytest.mark.skipif(not SPEC.exists(), reason="Slack's OpenAPI file is in ../shared/slack-specs")
def test_the_derived_contract_matches_slacks_openapi_description() -> None:
    assert json.loads(contract.CONTRACT.read_text()) == contract.derive(
        json.loads(SPEC.read_text())
    )


def test_unknown_methods_and_missing_arguments_are_problems() -> None:
    methods = contract.load()
    assert contract.problems("chat.postMessage", {"channel": "D1", "text": "hi"}, methods) == []
    assert contract.problems("chat.postMesage", {}, methods) == [
        "chat.postMesage is not a Slack Web API method"
    ]
    assert contract.problems("chat.postMessage", {"text": "hi"}, methods) == [
        "chat.postMessage is missing its required argument 'channel'"
    ]
    assert contract.problems("files.completeUploadExternal", {"files": "[]"}, methods) == []
