"""The steering group's match as it stands: pure decisions over the cohort's applications, the
group's stored choices (bot/matching/ports.py) and the pairs already made.

A mentee is fixed to a mentor once their pair is made, approved or swapped in; those the group
left unmatched are on the waiting list. The others (the rest) are matched by the matcher over
the accepted mentees not fixed and the mentors' places left. Whenever the group acts, the rest's
match as it was shown is kept ("suggested"), and shown again while it is still as good as the
matcher's own (as many matched, as many points): a swap then moves only what its preview said
it would, and approving some pairs leaves the others where they were. When it is no longer as
good (someone left unmatched freed a mentor, the accepted changed), the matcher's is shown.

A mentor has up to MOST_MENTEES pairs at once, whatever the cohort (their capacity in this
cohort's application bounds the suggestions): an approved pair whose mentor has that many
already (pairs of an earlier cohort still going) waits, kept as approved, and is made once one
of theirs ends (Approve all tries again)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from bot.applications.model import Application
from bot.applications.rules import candidate
from bot.matching.model import (
    HARD_RULES,
    Blocked,
    Candidate,
    Cohort,
    HardRule,
    MatchingSettings,
    Suggestion,
    Suggestions,
    Swap,
    Unmatched,
)
from bot.matching.ports import ChoiceKind, MenteeChoice
from bot.matching.rules import broken_rules, score
from bot.matching.suggestions import suggest, swap
from bot.scheme import MOST_MENTEES

Assignment = Mapping[str, str | None]  # mentee's email → mentor's email (None: no mentor)


@dataclass(frozen=True)
class Stored:
    """What the match is worked out from, read in one transaction."""

    applications: tuple[Application, ...]  # the cohort's, whatever their status
    choices: tuple[MenteeChoice, ...]
    made: Mapping[str, str]  # mentee's email → mentor's: each mentee paired in this cohort
    busy: Mapping[str, int]  # each email's pairs now (a mentor's up to MOST_MENTEES)
    past: frozenset[tuple[str, str]]  # pairs of earlier cohorts, never made again
    settings: MatchingSettings


@dataclass(frozen=True)
class Standing:
    """One mentee's place in the match: their mentor (suggested, swapped in or approved) with
    why, or why they have none; `paired` once the pair is made; `waits` when its mentor
    has another mentee first (see the module's docstring)."""

    mentee: Application
    kind: ChoiceKind
    suggestion: Suggestion | None
    shortlist: tuple[Suggestion, ...] = ()
    unmatched: Unmatched | None = None
    paired: bool = False
    waits: bool = False


@dataclass(frozen=True)
class Match:
    """What the console and `/mentoring team match` show."""

    cohort: str
    to_decide: tuple[Standing, ...]  # swapped or suggested by mentee's name, then no mentor
    decided: tuple[Standing, ...]  # approved (made first), then left unmatched
    mentees: int  # accepted
    mentors: int  # accepted
    total: int  # the points of every pair approved, swapped in or suggested
    people: Mapping[str, Application]  # by email


@dataclass(frozen=True)
class Working:
    """The match worked out: who is fixed to whom, and the others' match."""

    stored: Stored
    people: Mapping[str, Application]  # by email
    fixed: Mapping[str, str]  # mentee's email → mentor's: made, approved or swapped in
    kinds: Mapping[str, ChoiceKind]  # the fixed mentees' choice (a made pair is approved)
    rest: Suggestions  # the others


def working(stored: Stored) -> Working:
    """The match as it stands (see the module's docstring): a choice that no longer holds (its
    mentor no longer accepted, a rule now broken) leaves its mentee to be matched again."""
    people = {a.applicant.email: a for a in stored.applications}
    by_id = {a.id: a for a in stored.applications}
    cohort = _accepted(stored)
    mentees = {c.email: c for c in cohort.mentees}
    mentors = {c.email: c for c in cohort.mentors}
    fixed = dict(stored.made)
    kinds: dict[str, ChoiceKind] = dict.fromkeys(stored.made, "approved")
    pinned: dict[str, str | None] = {}
    for choice in stored.choices:
        mentee = by_id.get(choice.mentee)
        mentor = by_id.get(choice.mentor) if choice.mentor else None
        email, mentor_email = (mentee.applicant.email if mentee else ""), _email(mentor)
        if email in fixed or email not in mentees:
            continue
        if choice.kind == "suggested":
            pinned[email] = mentor_email
        elif choice.kind != "unmatched" and _allowed(mentees[email], mentors, mentor_email, stored):
            fixed[email], kinds[email] = mentor_email or "", choice.kind
    rest = _without(cohort, fixed)
    return Working(stored, people, fixed, kinds, _as_good(rest, stored.settings, pinned))


def _accepted(stored: Stored) -> Cohort:
    chosen = sorted(
        (candidate(a) for a in stored.applications if a.status == "accepted"),
        key=lambda c: c.email,
    )
    return Cohort(
        tuple(c for c in chosen if c.role == "mentee"),
        tuple(c for c in chosen if c.role == "mentor"),
        stored.past,
    )


def _email(application: Application | None) -> str | None:
    return application.applicant.email if application else None


def _allowed(
    mentee: Candidate, mentors: Mapping[str, Candidate], mentor: str | None, stored: Stored
) -> bool:
    """Whether a choice stored still holds: its mentor still accepted, no rule broken."""
    found = mentors.get(mentor or "")
    return found is not None and not broken_rules(mentee, found, stored.past)


def _without(cohort: Cohort, fixed: Mapping[str, str]) -> Cohort:
    """The mentees not fixed, and each mentor with the places the fixed leave them."""
    taken = Counter(fixed.values())
    return Cohort(
        tuple(m for m in cohort.mentees if m.email not in fixed),
        tuple(replace(m, capacity=max(m.capacity - taken[m.email], 0)) for m in cohort.mentors),
        cohort.past,
    )


def _as_good(rest: Cohort, settings: MatchingSettings, pinned: Assignment) -> Suggestions:
    """The rest as last shown, while that is a match of exactly these mentees as good as the
    matcher's; otherwise the matcher's."""
    fresh = suggest(rest.mentees, rest.mentors, rest.past, settings)
    if set(pinned) != {m.email for m in rest.mentees}:
        return fresh
    shown = as_matched(fresh, pinned)
    if shown is None or (len(shown.pairs), shown.total) != (len(fresh.pairs), fresh.total):
        return fresh
    return shown


def as_matched(fresh: Suggestions, assignment: Assignment) -> Suggestions | None:
    """`fresh`'s cohort matched as `assignment` says, with each pair's reasons and each
    mentee's shortlist; None where it cannot be (a mentor gone or full, a rule broken)."""
    cohort, settings = fresh.cohort, fresh.settings
    mentors = {m.email: m for m in cohort.mentors}
    used: Counter[str] = Counter()
    pairs: list[Suggestion] = []
    for mentee in cohort.mentees:
        mentor = mentors.get(assignment.get(mentee.email) or "")
        if mentee.email not in assignment or assignment[mentee.email] is None:
            continue
        if mentor is None or broken_rules(mentee, mentor, cohort.past):
            return None
        used[mentor.email] += 1
        if used[mentor.email] > mentor.capacity:
            return None
        pairs.append(Suggestion(mentee, mentor, *score(mentee, mentor, settings)))
    why = {u.mentee.email: u for u in fresh.unmatched}
    matched = {p.mentee.email for p in pairs}
    unmatched = tuple(
        why.get(m.email) or _why_unmatched(m, cohort)
        for m in cohort.mentees
        if m.email not in matched
    )
    total = sum(p.points for p in pairs)
    weakest = min((p.points for p in pairs), default=None)
    return Suggestions(tuple(pairs), fresh.shortlists, unmatched, total, weakest, cohort, settings)


def _why_unmatched(mentee: Candidate, cohort: Cohort) -> Unmatched:
    """As the matcher says it: each mentor under every rule they break, and those who break
    none as full (their places are someone else's)."""
    counts: Counter[HardRule] = Counter()
    for mentor in cohort.mentors:
        broken = broken_rules(mentee, mentor, cohort.past)
        counts.update(broken or ("capacity",))
    blocked = tuple(Blocked(rule, counts[rule]) for rule in HARD_RULES if counts[rule])
    return Unmatched(mentee, len(cohort.mentors), blocked)


# What the group sees -----------------------------------------------------------------------


def match_of(w: Working, cohort: str) -> Match:
    stored, rest = w.stored, w.rest
    accepted = _accepted(stored)
    candidates = {c.email: c for c in (*accepted.mentees, *accepted.mentors)}
    shown = {s.mentee.email: s for s in rest.pairs}
    without = {u.mentee.email: u for u in rest.unmatched}
    fixed = [_fixed(w, email, candidates) for email in sorted(w.fixed) if email in w.people]
    open_ = [
        Standing(
            w.people[m.email],
            "suggested",
            shown.get(m.email),
            rest.shortlists[m.email],
            without.get(m.email),
        )
        for m in rest.cohort.mentees
    ]
    swapped = [s for s in fixed if s.kind == "swapped"]
    to_decide = sorted([*swapped, *open_], key=_to_decide_order)
    approved = [s for s in fixed if s.kind == "approved"]
    to_decide, approved = _waiting(stored.busy, to_decide, approved)
    decided = sorted(approved, key=lambda s: (not s.paired, _name_order(s))) + _left(w)
    return Match(
        cohort,
        tuple(to_decide),
        tuple(decided),
        len(accepted.mentees),
        len(accepted.mentors),
        sum(s.suggestion.points for s in (*to_decide, *approved) if s.suggestion),
        w.people,
    )


def _fixed(w: Working, email: str, candidates: Mapping[str, Candidate]) -> Standing:
    mentee, mentor = candidates.get(email), candidates.get(w.fixed[email])
    suggestion = None
    if mentee is not None and mentor is not None:
        suggestion = Suggestion(mentee, mentor, *score(mentee, mentor, w.stored.settings))
    paired = email in w.stored.made
    return Standing(w.people[email], w.kinds[email], suggestion, paired=paired)


def _name_order(s: Standing) -> tuple[str, str]:
    return s.mentee.applicant.name.casefold(), s.mentee.applicant.email


def _to_decide_order(s: Standing) -> tuple[bool, str, str]:
    return s.suggestion is None, *_name_order(s)


def _waiting(
    busy: Mapping[str, int], to_decide: list[Standing], approved: list[Standing]
) -> tuple[list[Standing], list[Standing]]:
    """Each pair not yet made marked as waiting where its mentor has MOST_MENTEES pairs
    already, or comes to that first: the approved, then the others, each by mentee's email
    (the order Approve all makes them in)."""
    taken = Counter(busy)
    marked: dict[int, Standing] = {}
    unmade = [s for s in approved if not s.paired]
    for group in (unmade, to_decide):
        for s in sorted(group, key=lambda s: s.mentee.applicant.email):
            if s.suggestion is None:
                continue
            mentor = s.suggestion.mentor.email
            marked[s.mentee.id] = replace(s, waits=taken[mentor] >= MOST_MENTEES)
            taken[mentor] += 1
    return (
        [marked.get(s.mentee.id, s) for s in to_decide],
        [marked.get(s.mentee.id, s) for s in approved],
    )


def _left(w: Working) -> list[Standing]:
    """The mentees left unmatched, on the waiting list (until accepted again)."""
    by_id = {a.id: a for a in w.stored.applications}
    left = [
        by_id[c.mentee]
        for c in w.stored.choices
        if c.kind == "unmatched" and c.mentee in by_id and by_id[c.mentee].status != "accepted"
    ]
    return [Standing(a, "unmatched", None) for a in sorted(left, key=lambda a: a.applicant.name)]


# What the group does -------------------------------------------------------------------------


def preview(w: Working, mentee: str, mentor: str) -> Swap:
    """What giving `mentee` the mentor `mentor` does to the match as shown (a mentee swapped
    or approved before is free to move again): totals count the pairs fixed besides."""
    shown = w.rest
    if mentee in w.fixed:
        before: dict[str, str | None] = {s.mentee.email: s.mentor.email for s in w.rest.pairs}
        before[mentee] = w.fixed[mentee]
        rest = _without(_accepted(w.stored), {m: t for m, t in w.fixed.items() if m != mentee})
        fresh = suggest(rest.mentees, rest.mentors, rest.past, w.rest.settings)
        shown = as_matched(fresh, before) or fresh
    found = swap(shown, mentee, mentor)
    besides = _fixed_points(w, skip=mentee)
    return replace(
        found, suggestions=replace(found.suggestions, total=found.suggestions.total + besides)
    )


def _fixed_points(w: Working, skip: str) -> int:
    accepted = _accepted(w.stored)
    candidates = {c.email: c for c in (*accepted.mentees, *accepted.mentors)}
    total = 0
    for mentee, mentor in w.fixed.items():
        if mentee != skip and mentee in candidates and mentor in candidates:
            total += score(candidates[mentee], candidates[mentor], w.stored.settings)[0]
    return total


def kept_as_shown(
    w: Working, suggestions: Suggestions, at: datetime, skip: Iterable[str] = ()
) -> list[MenteeChoice]:
    """The rest's match kept as `suggestions` has it, each mentee but those in `skip`."""
    mentor_of = {s.mentee.email: s.mentor.email for s in suggestions.pairs}
    skipped = set(skip)
    kept = []
    for mentee in suggestions.cohort.mentees:
        if mentee.email in skipped or mentee.email not in w.people:
            continue
        mentor = w.people.get(mentor_of.get(mentee.email) or "")
        kept.append(
            MenteeChoice(
                w.people[mentee.email].id, "suggested", mentor.id if mentor else None, None, at
            )
        )
    return kept


def mentor_of(w: Working, mentee: str) -> str | None:
    """The mentor `mentee` has in the match shown (fixed, or suggested), if any."""
    if mentee in w.fixed:
        return w.fixed[mentee]
    return next((s.mentor.email for s in w.rest.pairs if s.mentee.email == mentee), None)


def to_make(w: Working) -> tuple[list[tuple[Application, Application]], int]:
    """The approved pairs not yet made that can be made now (by mentee's email, a mentor once),
    and how many wait."""
    taken = Counter(w.stored.busy)
    made: list[tuple[Application, Application]] = []
    waiting = 0
    for mentee in sorted(m for m, kind in w.kinds.items() if kind == "approved"):
        mentor = w.fixed[mentee]
        if mentee in w.stored.made or taken[mentee]:
            continue
        if taken[mentor] >= MOST_MENTEES or mentor not in w.people:
            waiting += 1
            continue
        taken[mentor] += 1
        made.append((w.people[mentee], w.people[mentor]))
    return made, waiting


def allowed_mentors(w: Working, mentee: str) -> tuple[Suggestion, ...]:
    """Every mentor `mentee` may be given (no rule broken, a place left), most points first,
    then by email."""
    accepted = _accepted(w.stored)
    wanted = next((m for m in accepted.mentees if m.email == mentee), None)
    if wanted is None:
        return ()
    taken = Counter(t for m, t in w.fixed.items() if m != mentee)
    options = [
        Suggestion(wanted, mentor, *score(wanted, mentor, w.stored.settings))
        for mentor in accepted.mentors
        if mentor.capacity > taken[mentor.email] and not broken_rules(wanted, mentor, accepted.past)
    ]
    return tuple(sorted(options, key=lambda s: (-s.points, s.mentor.email)))
