"""A participant's rights under UK GDPR: a copy of everything the bot holds about them (right of
access), and erasure, keeping only what the audit trails of concerns and requests must keep,
anonymised."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.errors import NotAParticipant, NotOnTheScheme
from bot.goals.model import Goal
from bot.notices import Deliveries, keys_of
from bot.pairs.model import Pair
from bot.pairs.service import end_pairing
from bot.participants.errors import NoSuchParticipant
from bot.participants.model import Participant
from bot.participants.notices import (
    HeldAbout,
    HeldConcern,
    HeldForm,
    HeldPair,
    HeldReply,
    HeldRequest,
    MyDataFile,
    MyDataSummary,
)
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.pulse.model import Question
from bot.reflections.model import Reflection
from bot.requests.model import Request
from bot.scheme import Programme
from bot.team import Team

# Why the pairing ended, for the team's records only: the partner is never told it.
ERASED = "participant erased"


@dataclass(frozen=True)
class Erasure:
    name: str  # the erased person's former name
    partners: tuple[str, ...]  # whose pairings ended with it, each told kindly with no reason


class PrivacyService:
    def __init__(
        self, programme: Programme, uow: UnitOfWorkFactory, deliveries: Deliveries, team: Team
    ):
        self._programme = programme
        self._uow = uow
        self._deliveries = deliveries
        self._team = team

    def my_data(self, slack_user_id: str) -> dict[str, Any]:
        """Everything held about the person (right of access)."""
        with self._uow() as uow:
            return _held_about(uow, slack_user_id)

    def send_my_data(self, slack_user_id: str, now: datetime) -> None:
        """Two files go to the person's own DM and nowhere else: a summary to read, in their
        language, and beside it the same as JSON, for other programs. They are made from what
        this transaction reads and kept in the outbox by it, so a file Slack does not take now
        is sent later, as it was when asked for."""
        with self._uow() as uow:
            data = _held_about(uow, slack_user_id)
            content = json.dumps(data, indent=2, ensure_ascii=False).encode()
            summary = MyDataSummary(
                slack_user_id, now, _summary(uow, self._programme, slack_user_id)
            )
            # Never expires: the person asked for it, and it is theirs however late it arrives.
            outgoing = [
                summary.to(slack_user_id),
                MyDataFile(slack_user_id, now, content).to(slack_user_id),
            ]
            uow.deliveries.add(outgoing, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(outgoing))

    def who(self, actor: str, slack_user_id: str) -> Participant:
        """The participant the team picked (by Slack id), before they confirm erasing them."""
        self._team.require_member(actor)
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
        if person is None:
            raise NotOnTheScheme(slack_user_id)
        return person

    def erase_for_team(self, actor: str, email: str, now: datetime) -> Erasure:
        """The console's erasure: checked against the team when the button is pressed."""
        self._team.require_member(actor)
        return self.erase(email, now)

    def erase(self, email: str, now: datetime) -> Erasure:
        """Erases a participant; returns their former name and their partner's, if any, for
        the operator's confirmation. Their pairing ends as the team's "End a pairing" ends one:
        the partner is told kindly, with no reason and without their name, by a word kept with
        the erasure (so it is sent once, whatever crashes) and kept nowhere with anything of
        the erased person's."""
        with self._uow() as uow:
            person = uow.participants.by_email(email)
            if person is None:
                raise NoSuchParticipant(email)
            pairs = uow.pairs.current_of(person.id)
            told = [t for p in pairs for t in end_pairing(uow, p, ERASED, now, leaving=person.id)]
            partners = tuple(p.name for pair in pairs if (p := _partner(uow, person, pair)))
            uow.erasure.erase_participant(person.id, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(told))
        return Erasure(person.name, partners)


def _held_about(uow: UnitOfWork, slack_user_id: str) -> dict[str, Any]:
    """Everything held about the person, by feature, in words they can read; their partner
    appears by name only."""
    person = uow.participants.by_slack_id(slack_user_id)
    if person is None:
        raise NotAParticipant()
    data: dict[str, Any] = {
        "you": _profile(person),
        "event_replies": {
            event: answer
            for (event, pid), answer in uow.rsvps.answers().items()
            if pid == person.id
        },
        "evaluations": {
            form: {"status": s.progress.status, "answers": s.progress.answers}
            for form, s in uow.evaluations.for_participant(person.id).items()
        },
        "concerns_you_raised": [
            {"raised": _iso(c.created_at), "text": c.text, "status": c.status}
            for c in uow.concerns.all()
            if c.reporter_id == person.id
        ],
        "requests_you_made": [_request_record(uow, r) for r in uow.requests.of(person.id)],
        "how_your_pairing_is_going": [_pulse_record(q) for q in uow.pulse.of(person.id)],
        "your_reflections": [_reflection_record(r) for r in uow.reflections.of(person.id)],
    }
    data["your_pairs"] = [_pair_record(uow, person, p) for p in uow.pairs.current_of(person.id)]
    return data


def _summary(uow: UnitOfWork, programme: Programme, slack_user_id: str) -> HeldAbout:
    """What `_held_about` holds, as the summary tells it: counts where the file has each item
    (the pair's goals, and the person's own answers on how their pairing is going, in full),
    and the programme's events and forms themselves, so the summary names them by their titles
    in the reader's language."""
    person = uow.participants.by_slack_id(slack_user_id)
    assert person is not None, "read just before, in the same transaction"
    answers = uow.rsvps.answers()
    return HeldAbout(
        person,
        tuple(_pair_summary(uow, person, p) for p in uow.pairs.current_of(person.id)),
        tuple(
            HeldReply(e, answer)
            for e in programme.events
            if (answer := answers.get((e.id, person.id)))
        ),
        tuple(
            HeldForm(
                form, s.progress.status, sum(v is not None for v in s.progress.answers.values())
            )
            for form_id, s in uow.evaluations.for_participant(person.id).items()
            if (form := programme.evaluations.form(form_id))
        ),
        tuple(
            HeldConcern(c.created_at, c.text, c.status)
            for c in uow.concerns.all()
            if c.reporter_id == person.id
        ),
        tuple(
            HeldRequest(
                r.id,
                r.created_at,
                r.kind,
                programme.event(r.event_id) if r.event_id else None,
                r.details,
                r.status,
            )
            for r in uow.requests.of(person.id)
        ),
        tuple(uow.pulse.of(person.id)),
        tuple(uow.reflections.of(person.id)),
    )


def _pair_summary(uow: UnitOfWork, person: Participant, pair: Pair) -> HeldPair:
    partner = _partner(uow, person, pair)
    goals = uow.goals.for_pair(pair.id)
    return HeldPair(
        partner.name if partner else None,
        pair.status,
        pair.stage,
        len(uow.meetings.for_pair(pair.id)),
        len(uow.checkins.for_pair(pair.id)),
        not uow.boundaries.get(pair.id).is_empty,
        tuple(goals),
    )


def _request_record(uow: UnitOfWork, request: Request) -> dict[str, Any]:
    """A request the person made, with each step since and what was written to them."""
    return {
        "number": request.id,
        "asked": _iso(request.created_at),
        "kind": request.kind,
        "event": request.event_id,
        "details": request.details,
        "status": request.status,
        "steps": [
            {"what": e.action, "when": _iso(e.at), "note": e.note}
            for e in uow.requests.history(request.id)
        ],
    }


def _profile(person: Participant) -> dict[str, Any]:
    """The person as the scheme knows them, every stored field named for a reader."""
    return {
        "name": person.name,
        "email": person.email,
        "role": person.role,
        "slack_user_id": person.slack_user_id,
        "time_zone": person.tz,
        "nation": person.nation,
        "language": person.language,
        "about": person.about,
        "check_ins_paused_until": _iso(person.paused_until),
    }


def _pair_record(uow: UnitOfWork, person: Participant, pair: Pair) -> dict[str, Any]:
    """The person's current pairing: its stages, the pair's goals and boundaries, meetings and
    check-ins."""
    partner = _partner(uow, person, pair)
    boundaries = uow.boundaries.get(pair.id)
    return {
        "partner": partner.name if partner else None,
        "stage": pair.stage,
        "status": pair.status,
        "stages": [
            {"stage": c.stage, "from": _iso(c.changed_at)} for c in uow.pairs.stage_history(pair.id)
        ],
        "goals": [_goal_record(g) for g in uow.goals.for_pair(pair.id)],
        "boundaries": {
            "availability": boundaries.availability,
            "topics": boundaries.topics,
            "contact": boundaries.contact,
        },
        "meetings": [
            {"on": _iso(m.met_on), "minutes": m.minutes, "topics": m.topics}
            for m in uow.meetings.for_pair(pair.id)
        ],
        "check_ins": [
            {"sent": _iso(c.sent_at), "answer": c.answer} for c in uow.checkins.for_pair(pair.id)
        ],
    }


def _goal_record(goal: Goal) -> dict[str, Any]:
    """One of the pair's goals, with the mentee's confidence and each check-in's answer."""
    return {
        "what": goal.what,
        "how_you_will_know": goal.how_known,
        "by_when": _iso(goal.by_when),
        "confidence_at_the_start": goal.confidence_start,
        "confidence_at_the_close": goal.confidence_end,
        "progress": goal.progress,
        "story": [{"on": _iso(s.said_at), "progress": s.progress} for s in goal.story],
    }


def _pulse_record(question: Question) -> dict[str, Any]:
    """A question on how their pairing was going (the fit, or a pulse) and their answer."""
    return {
        "asked": _iso(question.asked_at),
        "question": question.kind,
        "answer": question.fit or question.score,
        "answered": _iso(question.answered_at),
    }


def _reflection_record(reflection: Reflection) -> dict[str, Any]:
    """A reflection they wrote: at the close (its three answers) or after a meeting."""
    if reflection.moment == "closure":
        words: dict[str, Any] = {
            "achieved": reflection.achieved,
            "learned": reflection.learned,
            "next_steps": reflection.next_steps,
        }
    else:
        words = {"meeting_on": _iso(reflection.met_on), "text": reflection.text}
    return {
        "moment": reflection.moment,
        "written": _iso(reflection.written_at),
        "changed": _iso(reflection.updated_at),
        **words,
    }


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else None


def _partner(uow: UnitOfWork, person: Participant, pair: Pair) -> Participant | None:
    """The other member of the person's pair (None: the partner is gone)."""
    return uow.participants.get(pair.mentee_id if person.id == pair.mentor_id else pair.mentor_id)
