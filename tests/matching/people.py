"""Candidates for the matcher's tests, each different from the next only where a test says."""

from __future__ import annotations

from typing import Any

from bot.matching.model import Candidate, MatchingSettings, Weights


def mentee(name: str, **changes: Any) -> Candidate:
    """A band 6 radiographer in Wales, at a Trust of their own, who wants to lead change."""
    fields: dict[str, Any] = {
        "email": f"{name}@example.nhs.uk",
        "role": "mentee",
        "profession": "radiographer",
        "nation": "wales",
        "band": "6",
        "employer": f"{name.title()} Health Board",
        "themes": frozenset({"leading-change"}),
        "format": "either",
        "availability": frozenset({"weekday-daytime"}),
    }
    return Candidate(**(fields | changes))


def mentor(name: str, **changes: Any) -> Candidate:
    """A band 8a radiographer in Wales who offers what `mentee` wants, for one mentee."""
    return mentee(name, **({"role": "mentor", "band": "8a"} | changes))


def only(**weights: int) -> MatchingSettings:
    """Settings where only the criteria named count, with the weights given."""
    zero = dict.fromkeys(Weights.model_fields, 0)
    return MatchingSettings(weights=Weights(**(zero | weights)))
