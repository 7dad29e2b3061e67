"""The features whose commands make up `/mentoring`: each offers its GRAMMAR (the words its
commands begin with, and how the rest is read) beside its COMMANDS (who answers each), in
handlers/<feature>.py. A new feature's commands join here."""

from __future__ import annotations

from handlers import (
    applications,
    certificates,
    concerns,
    cpd,
    evaluations,
    events,
    goals,
    matching,
    outcomes,
    pairs,
    participants,
    pulse,
    reflections,
    requests,
)
from handlers.grammar import router

GRAMMARS = (
    events.GRAMMAR,
    pairs.GRAMMAR,
    goals.GRAMMAR,
    concerns.GRAMMAR,
    requests.GRAMMAR,
    participants.GRAMMAR,
    pulse.GRAMMAR,
    evaluations.GRAMMAR,
    applications.GRAMMAR,
    matching.GRAMMAR,
    certificates.GRAMMAR,
    cpd.GRAMMAR,
    outcomes.GRAMMAR,
    reflections.GRAMMAR,
)
parse_command = router(*GRAMMARS)
