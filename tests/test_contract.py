"""The stand-in's copy of Slack's contract stays equal to Slack's published OpenAPI file."""

from __future__ import annotations

import json

from localslack import contract

WRAPPER = "slack_common_event_wrapper_schema.json"


def test_the_derived_contract_matches_slacks_openapi_description() -> None:
    assert json.loads(contract.CONTRACT.read_text()) == contract.derive(
        contract.published(contract.OPENAPI)
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


def test_the_events_the_stand_in_sends_have_slacks_envelope() -> None:
    import jsonschema

    from localslack.sender import message_event

    body = message_event("T1", "A1", "UBOT", "U1", "D1", "4", "1772532000.000001", "Ev0000000001")
    jsonschema.validate(json.loads(body), contract.published(WRAPPER))
