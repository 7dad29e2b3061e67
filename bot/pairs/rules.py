"""The pure rules about pairs: a stage as people type it, who may be paired (and a pairings file,
all or nothing), when each pair's next moment falls, and why a pair needs the team's attention."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from bot.pairs.errors import (
    AlreadyPaired,
    AlsoPairedOnLine,
    CannotPair,
    MentorFull,
    NoPairs,
    PairColumnsMissing,
    PairingFault,
    PairRepeated,
    UnknownEmail,
    WrongRole,
)
from bot.pairs.model import Attention, Pair, PairMoment, PairRow, PairState
from bot.participants.errors import ImportProblem, ImportRejected
from bot.participants.model import Participant, Role
from bot.scheme import MOST_MENTEES, STAGES, CheckIns, PulseSettings, Stage
from bot.worktime import Calendar, Whereabouts

MAX_MEETING_MINUTES = 8 * 60
WORKING_DAYS_A_WEEK = 5
MEETING_TOPICS_MAX = 500


def N_(message: str) -> str:
    """Marks a word for the message catalogue, translated where a view shows it (the bot package
    does not import handlers, whose i18n has the same marker)."""
    return message


# Each stage's name as people read it (a view translates it with `_()`)
STAGE_NAMES: dict[Stage, str] = {
    "preparing": N_("Preparing"),
    "negotiation": N_("Negotiation"),
    "enabling_growth": N_("Enabling Growth"),
    "coming_to_closure": N_("Coming to Closure"),
}
# The names a Welsh speaker types, understood as well as the English ones
WELSH_STAGE_NAMES: dict[Stage, str] = {
    "preparing": "Paratoi",
    "negotiation": "Negodi",
    "enabling_growth": "Galluogi Twf",
    "coming_to_closure": "Dod i Ben",
}


def parse_stage(text: str) -> Stage | None:
    """'enabling growth', 'Enabling-Growth', 'growth', 'galluogi twf', '3' → 'enabling_growth'."""
    words = text.strip().lower().replace("-", " ").replace("_", " ")
    if words.isdigit() and 1 <= int(words) <= len(STAGES):
        return STAGES[int(words) - 1]
    for names in (STAGE_NAMES, WELSH_STAGE_NAMES):
        for stage, name in names.items():
            if words and (words == name.lower() or words in name.lower().split()):
                return stage
    return None


def pairing_faults(
    mentor: Participant,
    mentee: Participant,
    paired: Mapping[int, int],
    in_file: Mapping[int, Sequence[int]] | None = None,
) -> list[PairingFault]:
    """Why these two cannot be made a pair: roles, a mentee already paired, a mentor who has
    MOST_MENTEES already (each as their role, wherever they are named). `paired` counts each
    participant's current pairs; importing a file, `in_file` gives the earlier lines naming
    each participant."""
    roles: tuple[tuple[Participant, Role], ...] = ((mentor, "mentor"), (mentee, "mentee"))
    faults: list[PairingFault] = [
        WrongRole(person.name, person.role, needed)
        for person, needed in roles
        if person.role != needed
    ]
    earlier = in_file or {}
    for person in (mentor, mentee):
        lines = earlier.get(person.id, ())
        if person.role == "mentor":
            if paired.get(person.id, 0) + len(lines) >= MOST_MENTEES:
                faults.append(MentorFull(person.name, MOST_MENTEES, lines[-1] if lines else None))
        elif paired.get(person.id, 0):
            faults.append(AlreadyPaired(person.name))
        elif lines:
            faults.append(AlsoPairedOnLine(person.name, lines[0]))
    return faults


def partners_to_name(
    pairs: Iterable[Pair], people: Mapping[int, Participant]
) -> dict[tuple[int, int], str]:
    """(pair id, participant id) → the partner's name, for each person in several current
    pairs (a mentor with several mentees): what a message to them about one pair names, where
    one to someone with a single pair needs no name."""
    pairs = list(pairs)
    count = Counter(member for pair in pairs for member in pair.members)
    named: dict[tuple[int, int], str] = {}
    for pair in pairs:
        for member, other in ((pair.mentor_id, pair.mentee_id), (pair.mentee_id, pair.mentor_id)):
            if count[member] > 1 and other in people:
                named[(pair.id, member)] = people[other].name
    return named


def check_pairings(
    text: str, people: Iterable[Participant], paired: Mapping[int, int]
) -> list[PairRow]:
    """The steering group's pairings file (mentor_email, mentee_email), all or nothing. `paired`
    counts each participant's current (active or awaiting) pairs."""
    by_email = {p.email: p for p in people}
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "mentor_email" not in columns or "mentee_email" not in columns:
        raise ImportRejected([PairColumnsMissing(1)])
    rows: list[PairRow] = []
    problems: list[ImportProblem] = []
    first_seen: dict[tuple[str, str], int] = {}  # (mentor's email, mentee's email) → line
    in_file: dict[int, list[int]] = {}  # participant id → the earlier lines pairing them
    for line, emails in _pairing_lines(reader):
        unknown = [UnknownEmail(line, email) for email in emails if email not in by_email]
        if unknown:
            problems += unknown
            continue
        mentor, mentee = by_email[emails[0]], by_email[emails[1]]
        row_problems = _row_problems(line, mentor, mentee, paired, first_seen.get(emails), in_file)
        if emails not in first_seen:
            first_seen[emails] = line
            for person in (mentor, mentee):
                in_file.setdefault(person.id, []).append(line)
        if row_problems:
            problems += row_problems
        else:
            rows.append(PairRow(line, mentor, mentee))
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([NoPairs(None)])
    return rows


def _pairing_lines(reader: csv.DictReader[str]) -> Iterator[tuple[int, tuple[str, str]]]:
    """Each line that is not blank: its number in the file, and its (mentor, mentee) emails."""
    for record in reader:
        fields = {(k or "").strip().lower(): (v or "").strip().lower() for k, v in record.items()}
        if any(fields.values()):
            yield reader.line_num, (fields.get("mentor_email", ""), fields.get("mentee_email", ""))


def _row_problems(
    line: int,
    mentor: Participant,
    mentee: Participant,
    paired: Mapping[int, int],
    first_line: int | None,
    in_file: dict[int, list[int]],
) -> list[ImportProblem]:
    """The same pair again (whose people are then not "also paired": it is one pair), and the
    pairing rule's faults."""
    if first_line is not None:
        return [PairRepeated(line, first_line)]
    faults = pairing_faults(mentor, mentee, paired, in_file)
    return [CannotPair(line, fault) for fault in faults]


def next_check_in(
    state: PairState, rules: CheckIns, calendar: Calendar, now: datetime
) -> datetime | None:
    """When the pair's next check-in may be sent, if one is still to come."""
    return next(
        (m.at for m in pending_moments(state, rules, calendar, now) if m.kind == "check_in"),
        None,
    )


def pending_moments(
    state: PairState, rules: CheckIns, calendar: Calendar, now: datetime
) -> list[PairMoment]:
    """What the pair is waiting for next, each at the time it may be sent."""
    pair, latest = state.pair, state.latest
    if pair.status == "awaiting":
        if pair.acceptance_nudged_at is None:
            at = calendar.working_time(pair.created_at + rules.acceptance_nudge_after, state.places)
            return [PairMoment(pair.id, "acceptance_nudge", at)]
        return []
    if pair.status != "active" or pair.activated_at is None:
        return []
    if latest is not None and latest.sent_at is None:
        return [PairMoment(pair.id, "deliver", latest.created_at)]  # made, but never confirmed sent
    base = latest.sent_at if latest and latest.sent_at else pair.activated_at
    due = base + rules.cadence[pair.stage]
    if state.paused_until is not None:
        resume = calendar.start_of(state.paused_until).astimezone(UTC)
        due = max(due, resume)
    next_check_in = calendar.working_time(due, state.places)
    if calendar.day_of(next_check_in) > calendar.last_day:
        return []  # the scheme is over: no more nudges
    moments = [PairMoment(pair.id, "check_in", next_check_in)]
    if latest and latest.sent_at and latest.answer is None and latest.followed_up_at is None:
        follow_up = calendar.working_time(latest.sent_at + rules.follow_up_after, state.places)
        if follow_up < moments[0].at:
            moments.insert(0, PairMoment(pair.id, "follow_up", follow_up))
    return moments


def due_moments(
    states: Iterable[PairState], rules: CheckIns, calendar: Calendar, now: datetime
) -> list[PairMoment]:
    """For each pair, the one thing due now: a new check-in supersedes a follow-up of the last."""
    due: list[PairMoment] = []
    for state in states:
        ready = [m for m in pending_moments(state, rules, calendar, now) if m.at <= now]
        if ready:
            due.append(ready[-1])
    return due


def quiet_after(settings: PulseSettings, checkins: CheckIns) -> int:
    """How many working days without a meeting flag a pair: the pulse section's number, or the
    check-ins' duration in working days, five a week (six weeks: 30)."""
    if settings.quiet_after_working_days is not None:
        return settings.quiet_after_working_days
    weeks = checkins.attention_without_meeting / timedelta(weeks=1)
    return max(1, round(weeks * WORKING_DAYS_A_WEEK))


def quiet_from(state: PairState, working_days: int, calendar: Calendar) -> datetime | None:
    """When an active pair has gone `working_days` without a meeting for both of its members,
    each counting their own nation's working days (a bank holiday of one's nation is no day
    without a meeting for them): at the team's first working moment after the later of the
    two's last such day, and not before a pause ends. None for a pair not under way, or once
    the scheme is over."""
    pair = state.pair
    if pair.status != "active" or pair.activated_at is None:
        return None
    since = state.last_meeting or calendar.day_of(pair.activated_at)
    places = state.places or (Whereabouts(calendar.zone.key),)
    last = max(calendar.working_day_after(since, working_days, p.nation) for p in places)
    at = calendar.start_of(last + timedelta(days=1))
    if state.paused_until is not None:
        at = max(at, calendar.start_of(state.paused_until))
    at = calendar.working_time(at.astimezone(UTC), [Whereabouts(calendar.zone.key)])
    return None if calendar.day_of(at) > calendar.last_day else at


def needs_attention(
    state: PairState, rules: CheckIns, quiet_days: int, calendar: Calendar, now: datetime
) -> Attention | None:
    """Why the team should look at this pair, or None: its check-ins answered "Not yet" in a
    row, or no meeting for `quiet_days` working days (`quiet_after`, `quiet_from`). The team's
    overview and its notice (bot/concerns/automatic.py) both ask this, so they never disagree.
    Not while its check-ins are paused: the pair asked for time away (or the team gave it), so
    neither silence nor an earlier "Not yet" is news then; from the day the pause ends it is
    flagged again if it still has cause."""
    pair = state.pair
    if pair.status != "active" or pair.activated_at is None:
        return None
    if state.paused_until is not None and state.paused_until > calendar.day_of(now):
        return None
    answers = [c.answer for c in state.checkins if c.answer]
    streak = rules.attention_after_not_yet
    if len(answers) >= streak and all(a == "not_yet" for a in answers[-streak:]):
        return Attention("not_yet", streak)
    at = quiet_from(state, quiet_days, calendar)
    if at is None or at > now:
        return None
    since = calendar.start_of(state.last_meeting) if state.last_meeting else pair.activated_at
    return Attention("quiet", (now - since).days // 7)
