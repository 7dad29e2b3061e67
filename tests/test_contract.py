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


WRAPPER = SPEC.parent / "slack_common_event_wrapper_schema.json"


@pytest.mark.skipif(
    not WRAPPER.exists(), reason="Slack's Events API wrapper schema is in ../shared/slack-specs"
)
def test_the_events_the_stand_in_sends_have_slacks_envelope() -> None:
    import jsonschema

    from localslack.sender import message_event

    body = message_event("T1", "A1", "UBOT", "U1", "D1", "4", "1772532000.000001", "Ev0000000001")
    jsonschema.validate(json.loads(body), json.loads(WRAPPER.read_text()))
