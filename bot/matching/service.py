"""The steering group's match, for the project team: the suggestions for the cohort's accepted
applications as the group's choices so far leave them (bot/matching/working.py), and the
choices: approve some or all, swap a mentor in (seeing first what the whole match loses), leave
a mentee unmatched. Approved pairs are made as every pair is, through the participants' import
and the pairs' (introduced in their group DM and asked to accept); a mentee left unmatched is
told kindly, in their language, and their application put on the waiting list."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.applications.errors import UnknownApplication
from bot.applications.model import Application
from bot.matching.errors import NotInCohort
from bot.matching.model import Role, Suggestion, Swap
from bot.matching.notices import LeftUnmatched
from bot.matching.ports import MenteeChoice
from bot.matching.working import (
    Match,
    Standing,
    Stored,
    Working,
    allowed_mentors,
    kept_as_shown,
    match_of,
    mentor_of,
    preview,
    to_make,
    working,
)
from bot.notices import Deliveries, keys_of
from bot.pairs.errors import AlreadyPaired
from bot.pairs.service import PairingService
from bot.participants.service import ParticipantsService
from bot.ports import UnitOfWork
from bot.scheme import Programme
from bot.team import Team


@dataclass(frozen=True)
class SwapChoices:
    """Whom a mentee may be given instead: every allowed mentor with a place, best first."""

    standing: Standing
    mentors: tuple[Suggestion, ...]
    people: Mapping[str, Application]  # by email


@dataclass(frozen=True)
class SwapPreview:
    """A swap as the group sees it before (and once) it is made; its totals are the whole
    match's, the pairs already approved included."""

    swap: Swap
    people: Mapping[str, Application]  # by email


@dataclass(frozen=True)
class Approved:
    made: int  # pairs made now, each introduced
    waiting: int  # approved pairs whose mentor has another mentee first


class MatchingService:
    def __init__(
        self,
        programme: Programme,
        uow: Callable[[], UnitOfWork],
        deliveries: Deliveries,
        team: Team,
        participants: ParticipantsService,
        pairing: PairingService,
    ) -> None:
        self.programme = programme
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._participants = participants
        self._pairing = pairing

    def current(self, actor: str) -> Match | None:
        """The match as it stands; None while the cohort has no applications."""
        self._team.require_member(actor)
        with self._uow() as uow:
            found = self._read(uow)
        return match_of(found, self.programme.cohort) if found else None

    def swap_choices(self, actor: str, mentee: int) -> SwapChoices:
        self._team.require_member(actor)
        w = self._working()
        email = _mentee(w, mentee)
        match = match_of(w, self.programme.cohort)
        [standing] = [s for s in (*match.to_decide, *match.decided) if s.mentee.id == mentee]
        return SwapChoices(standing, allowed_mentors(w, email), w.people)

    def swap(self, actor: str, mentee: int, mentor: int) -> SwapPreview:
        """What giving the mentee this mentor would do: nothing is changed."""
        self._team.require_member(actor)
        w = self._working()
        return SwapPreview(preview(w, _mentee(w, mentee), _mentor(w, mentor)), w.people)

    def confirm_swap(self, actor: str, mentee: int, mentor: int, now: datetime) -> SwapPreview:
        """The mentee given this mentor (to approve later), and everyone the swap moves where
        its preview said."""
        self._team.require_member(actor)
        with self._uow() as uow:
            w = self._must_read(uow)
            email = _mentee(w, mentee)
            found = preview(w, email, _mentor(w, mentor))
            chosen = MenteeChoice(mentee, "swapped", mentor, actor, now)
            uow.match_choices.keep([chosen, *kept_as_shown(w, found.suggestions, now, [email])])
            uow.commit()
        return SwapPreview(found, w.people)

    def approve(self, actor: str, mentees: Collection[int] | None, now: datetime) -> Approved:
        """The mentees' pairs as shown (every pair shown, and any approved still to make, for
        None), then each pair made that can be."""
        self._team.require_member(actor)
        with self._uow() as uow:
            w = self._must_read(uow)
            emails = _approvable(w) if mentees is None else _named(w, mentees)
            approved = [
                MenteeChoice(w.people[e].id, "approved", w.people[mentor].id, actor, now)
                for e in emails
                if (mentor := mentor_of(w, e)) and w.kinds.get(e) != "approved"
            ]
            uow.match_choices.keep([*approved, *kept_as_shown(w, w.rest, now, emails)])
            uow.commit()
        return self._make(actor, now)

    def _make(self, actor: str, now: datetime) -> Approved:
        """As the command line's `match approve` does: the two join the cohort's participants,
        then are paired (and introduced) by the pairings import."""
        pairs, waiting = to_make(self._working())
        if not pairs:
            return Approved(0, waiting)
        self._participants.import_file(actor, _participants_file(pairs), now)
        rows = "".join(f"{t.applicant.email},{m.applicant.email}\n" for m, t in pairs)
        made = self._pairing.import_pairs("mentor_email,mentee_email\n" + rows, now)
        return Approved(made, waiting)

    def leave_unmatched(self, actor: str, mentee: int, now: datetime) -> Application:
        """No mentor for them this time: told kindly, once, and on the waiting list."""
        self._team.require_member(actor)
        with self._uow() as uow:
            w = self._must_read(uow)
            if _already_left(w, mentee):
                return next(a for a in w.stored.applications if a.id == mentee)
            email = _mentee(w, mentee)
            chosen = MenteeChoice(mentee, "unmatched", None, actor, now)
            uow.match_choices.keep([chosen, *kept_as_shown(w, w.rest, now, [email])])
            uow.applications.decide(mentee, "waitlisted", now)
            left = uow.applications.get(mentee)
            assert left is not None
            address = left.applicant.slack_user_id
            told = [LeftUnmatched(self.programme, left).to(address)] if address else []
            uow.deliveries.add(told, now)
            uow.commit()
        self._deliveries.flush(now, keys_of(told))
        return left

    # Reading ------------------------------------------------------------------------------

    def _working(self) -> Working:
        with self._uow() as uow:
            return self._must_read(uow)

    def _must_read(self, uow: UnitOfWork) -> Working:
        """The match, empty for a cohort without applications (so any named is unknown)."""
        nothing = Stored((), (), {}, {}, frozenset(), self.programme.matching)
        return self._read(uow) or working(nothing)

    def _read(self, uow: UnitOfWork) -> Working | None:
        """The cohort's applications, the group's choices and the pairs made (None: no
        applications, and nothing more is read)."""
        applications = tuple(uow.applications.all(self.programme.cohort))
        if not applications:
            return None
        people = {p.id: p for p in uow.participants.all()}
        current = uow.pairs.current()
        busy = Counter(people[i].email for pair in current for i in pair.members if i in people)
        made = {
            people[p.mentee_id].email: people[p.mentor_id].email
            for p in current
            if p.mentee_id in people and p.mentor_id in people
        }
        for person in people.values():
            if person.role == "mentee" and person.email not in made:
                pair = uow.pairs.latest_for(person.id)  # ended, or none
                if pair is not None and pair.mentor_id in people:
                    made[person.email] = people[pair.mentor_id].email
        stored = Stored(
            applications,
            tuple(uow.match_choices.all()),
            made,
            busy,
            uow.pairs.earlier_cohorts(),
            self.programme.matching,
        )
        return working(stored)


def _application(w: Working, application_id: int) -> Application:
    found = next((a for a in w.stored.applications if a.id == application_id), None)
    if found is None:
        raise UnknownApplication(application_id)
    return found


def _of(w: Working, application_id: int, role: Role) -> str:
    """The email of an accepted application in `role`; one already paired is refused."""
    found = _application(w, application_id)
    email = found.applicant.email
    if role == "mentee" and email in w.stored.made:
        raise AlreadyPaired(found.applicant.name)
    if found.status != "accepted" or found.answers.role != role:
        raise NotInCohort(email, role)
    return email


def _mentee(w: Working, application_id: int) -> str:
    return _of(w, application_id, "mentee")


def _mentor(w: Working, application_id: int) -> str:
    return _of(w, application_id, "mentor")


def _approvable(w: Working) -> list[str]:
    """Every mentee with a mentor shown and no pair made: suggested, swapped in, or approved
    and still to make."""
    shown = [s.mentee.email for s in w.rest.pairs]
    return sorted({*shown, *(m for m in w.fixed if m not in w.stored.made)})


def _named(w: Working, mentees: Collection[int]) -> list[str]:
    """The mentees named, but any already paired (approving again changes nothing)."""
    emails = []
    for application_id in mentees:
        if _application(w, application_id).applicant.email not in w.stored.made:
            emails.append(_mentee(w, application_id))
    return emails


def _already_left(w: Working, application_id: int) -> bool:
    found = _application(w, application_id)
    return found.status == "waitlisted" and any(
        c.mentee == application_id and c.kind == "unmatched" for c in w.stored.choices
    )


def _participants_file(pairs: list[tuple[Application, Application]]) -> str:
    """The approved as the participants file the team would have written: found in Slack by
    their id where they applied there, by email where the team's file brought them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "role", "slack_id", "nation"])
    people = {a.id: a for pair in pairs for a in pair}
    for a in people.values():
        person = a.applicant
        writer.writerow(
            [
                person.name,
                person.email,
                a.answers.role,
                person.slack_user_id or "",
                a.answers.nation,
            ]
        )
    return out.getvalue()
