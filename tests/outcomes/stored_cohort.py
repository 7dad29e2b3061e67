"""A cohort set up through the services, as the shipped programme's year would leave it: people
imported in October 2025, the baseline evaluation answered in November, pairs made in January
with their goals, meetings and check-ins, how each pairing is going asked after its first meeting
and again in May, the final evaluation answered in September 2026.

`thirteen_pairs` is big enough for the report to show its figures; the service tests' own cast
(two pairs) is not. Every answer goes through the evaluations' conversation, one message at a
time, as people give them in their DMs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.evaluations.model import Submitted, Summary
from bot.goals.model import Boundaries, GoalDraft
from bot.goals.notices import GoalQuestion
from bot.goals.service import GoalsService
from bot.participants.service import import_participants
from bot.pulse.notices import PulseQuestion
from bot.pulse.service import PulseService
from tests.cast import COHORT_PEOPLE
from tests.services import (
    GRACE,
    JAMIE,
    OLIVER,
    SUNITA,
    WORKSPACE,
    Scheme,
    WorkspaceDirectory,
)

BASELINE_OPENS = datetime(2025, 11, 17, 9, tzinfo=UTC)
BASELINE_ANSWERED = datetime(2025, 11, 18, 10, tzinfo=UTC)
PAIRED = datetime(2026, 1, 5, 10, tzinfo=UTC)
ACCEPTED = datetime(2026, 1, 5, 11, tzinfo=UTC)
AGREED = datetime(2026, 1, 7, 15, tzinfo=UTC)  # in Negotiation
GROWING = datetime(2026, 1, 9, 11, tzinfo=UTC)  # moved to Enabling Growth
GOAL_ASKED = datetime(2026, 1, 23, 11, tzinfo=UTC)  # Enabling Growth's first check-in, 14 days on
FIT_ASKED = datetime(2026, 3, 2, 10, tzinfo=UTC)  # a Monday, after each pair's first meeting
PULSE_ASKED = datetime(2026, 5, 4, 10, tzinfo=UTC)  # 63 days on
FINAL_OPENS = datetime(2026, 9, 1, 8, tzinfo=UTC)
FINAL_ANSWERED = datetime(2026, 9, 2, 10, tzinfo=UTC)
REPORTED = datetime(2026, 10, 5, 9, tzinfo=UTC)  # after the scheme's last day, 30 September

GOALS = [GoalDraft("Chair a team meeting"), GoalDraft("Apply for a band 7 post")]
BOUNDARIES = Boundaries("Every other Tuesday", "Not clinical cases", "Slack first")


@dataclass(frozen=True)
class Newcomer:
    slack_id: str
    name: str
    role: str

    @property
    def email(self) -> str:
        return self.name.lower().replace(" ", ".") + "@example.nhs.uk"


MENTEES = ("Alys Price", "Bethan Lloyd", "Carys Evans", "Dewi Morgan", "Eleri Jones") + (
    "Ffion Hughes",
    "Gwen Thomas",
    "Hywel Davies",
    "Iwan Roberts",
    "Lowri Powell",
    "Manon Rees",
)
MENTORS = ("Nia Parry", "Owain Griffiths", "Pryderi Lewis", "Rhian Owen", "Sioned Bevan") + (
    "Tomos Walters",
    "Wyn Edwards",
    "Ceri Howells",
    "Dylan Pugh",
    "Elin Vaughan",
    "Gareth Rowlands",
)
ID_PREFIX = {"mentee": "MTEE", "mentor": "MTOR"}
NEWCOMERS = tuple(
    Newcomer(f"U{ID_PREFIX[role]}{n:04d}", name, role)
    for role, names in (("mentee", MENTEES), ("mentor", MENTORS))
    for n, name in enumerate(names, 1)
)
# Each pair, its mentor first: the cast's two, then the newcomers'.
PAIRS = [(GRACE, SUNITA), (OLIVER, JAMIE)] + list(
    zip(
        (p.slack_id for p in NEWCOMERS if p.role == "mentor"),
        (p.slack_id for p in NEWCOMERS if p.role == "mentee"),
        strict=True,
    )
)
EMAILS = {p.slack_id: p.email for p in COHORT_PEOPLE} | {p.slack_id: p.email for p in NEWCOMERS}
EVERYONE = {slack_id for pair in PAIRS for slack_id in pair}
# Every person's name, email and Slack id: none of them may be in the report.
IDENTIFYING = [p.name for p in NEWCOMERS] + [p.email for p in NEWCOMERS] + sorted(EVERYONE)


def baseline_answers(score: int) -> tuple[str, ...]:
    """The baseline, mentee or mentor: confidence, five years, the launch (no), support
    (skipped), hours a month, hopes."""
    return (str(score), "3", "no", "skip", "6", "To lead a team")


def final_answers(role: str, score: int) -> tuple[str, ...]:
    """The final: the relationship's value, confidence (a mentee is then asked whether they
    applied for a role), the events, recommending, what to change (skipped)."""
    if role == "mentee":
        return ("4", str(score), "no", "4", "yes", "skip")
    return ("4", str(score), "4", "yes", "skip")


def answer(
    scheme: Scheme, slack_id: str, form_id: str, answers: Sequence[str], at: datetime
) -> None:
    """One person's form, one DM at a time, then Submit."""
    for text in ("start", *answers):
        answered = scheme.evaluations.message(slack_id, text, at)
    assert answered is not None and isinstance(answered.reply, Summary), answered
    done = scheme.evaluations.submit(slack_id, form_id, f"submit-{form_id}-{slack_id}", at)
    assert isinstance(done.reply, Submitted)


def join(scheme: Scheme) -> None:
    """The newcomers join the cohort, found in the workspace by their emails."""
    members = WORKSPACE | {p.email: (p.slack_id, "Europe/London") for p in NEWCOMERS}
    rows = "".join(f"{p.name},{p.email},{p.role},\n" for p in NEWCOMERS)
    import_participants(
        "name,email,role,slack_id\n" + rows,
        scheme.uow,
        WorkspaceDirectory(members),
        datetime(2025, 10, 1, 8, tzinfo=UTC),
    )


def pair_up(scheme: Scheme, goals: GoalsService) -> None:
    """Each pair accepts, sets two goals in Negotiation and grows; the first nine say at their
    first check-in that they achieved their first goal; pair n (from 1) logs n % 4 meetings, so
    every fourth logs none."""
    rows = "".join(f"{EMAILS[mentor]},{EMAILS[mentee]}\n" for mentor, mentee in PAIRS)
    scheme.pairing.import_pairs("mentor_email,mentee_email\n" + rows, PAIRED)
    for mentor, mentee in PAIRS:
        pair = scheme.pair_of(mentor)
        scheme.pairing.accept(mentor, pair.id, ACCEPTED)
        scheme.pairing.accept(mentee, pair.id, ACCEPTED)
        scheme.pairing.move_stage(mentor, "negotiation", ACCEPTED)
        goals.save(mentee, GOALS, BOUNDARIES, AGREED)
        scheme.pairing.move_stage(mentee, "enabling growth", GROWING)
    scheme.checkins.run_due(GOAL_ASKED)
    asked = {q.pair_id: q for _, q in scheme.messenger.of(GoalQuestion)}
    for mentor, mentee in PAIRS[:9]:
        question = asked[scheme.pair_of(mentor).id]
        goals.answer(mentee, question.checkin_id, "achieved", GOAL_ASKED)
    for n, (_, mentee) in enumerate(PAIRS, 1):
        for m in range(n % 4):
            met_on = date(2026, 2, 2) + timedelta(weeks=m)
            scheme.checkins.log_meeting(
                mentee, met_on, 45, "Career plans", GROWING + timedelta(weeks=4 + m)
            )


def say_how_it_goes(scheme: Scheme, pulse: PulseService) -> None:
    """Those whose pair met are asked about the fit (every mentor and the first six mentees
    say it is a good one, the other four mentees are not sure yet), then, 60 days on, for a
    pulse (each mentor 4, each mentee 5)."""
    for at, answers in (
        (
            FIT_ASKED,
            {"mentor": ["good_fit"] * 10, "mentee": ["good_fit"] * 6 + ["not_sure_yet"] * 4},
        ),
        (PULSE_ASKED, {"mentor": ["4"] * 10, "mentee": ["5"] * 10}),
    ):
        before = len(scheme.messenger.of(PulseQuestion))
        pulse.run_due(at)
        for to, question in scheme.messenger.of(PulseQuestion)[before:]:
            role = "mentor" if any(to == mentor for mentor, _ in PAIRS) else "mentee"
            pulse.answer(to, question.question_id, answers[role].pop(), at + timedelta(hours=1))
        assert answers == {"mentor": [], "mentee": []}, "each of the ten pairs that met asked"


@dataclass(frozen=True)
class Answers:
    """One person's confidence at the baseline and at the end (None: that form not answered),
    and whether they pressed Submit on the final form once they had answered it."""

    slack_id: str
    role: str
    baseline: int | None
    final: int | None
    submitted: bool = True


def _plan() -> list[Answers]:
    """Eleven mentees answer both forms (seven move from 2 to 4, three from 3 to 4, one stays
    at 3), one the baseline only, one neither; ten mentors answer both (four from 3 to 4, six
    stay at 4), one the final only, one the baseline and all of the final but never submits it,
    one neither."""
    mentees = [mentee for _, mentee in PAIRS]
    mentors = [mentor for mentor, _ in PAIRS]
    moves = [(2, 4)] * 7 + [(3, 4)] * 3 + [(3, 3)] + [(2, None), (None, None)]
    steady = [(3, 4)] * 4 + [(4, 4)] * 6 + [(None, 5), (3, 4), (None, None)]
    return [
        Answers(who, "mentee", before, after)
        for who, (before, after) in zip(mentees, moves, strict=True)
    ] + [
        Answers(who, "mentor", before, after, submitted=n != 11)
        for n, (who, (before, after)) in enumerate(zip(mentors, steady, strict=True))
    ]


PLAN = _plan()


def evaluate(scheme: Scheme, at: datetime, final: bool) -> None:
    """The baseline (or the final) opens, and each person answers it as PLAN says."""
    scheme.evaluations.run_due(FINAL_OPENS if final else BASELINE_OPENS)
    for person in PLAN:
        score = person.final if final else person.baseline
        if score is None:
            continue
        if not final:
            answer(scheme, person.slack_id, "baseline", baseline_answers(score), at)
        elif person.submitted:
            answer(scheme, person.slack_id, "final", final_answers(person.role, score), at)
        else:
            for text in ("start", *final_answers(person.role, score)):
                scheme.evaluations.message(person.slack_id, text, at)


def thirteen_pairs(scheme: Scheme) -> None:
    """The whole year for thirteen pairs, on the service tests' cast (imported already)."""
    join(scheme)
    evaluate(scheme, BASELINE_ANSWERED, final=False)
    pair_up(scheme, GoalsService(scheme.uow, scheme.deliveries, scheme.team))
    pulse = PulseService(scheme.programme, scheme.uow, scheme.deliveries, scheme.team, lambda: None)
    say_how_it_goes(scheme, pulse)
    evaluate(scheme, FINAL_ANSWERED, final=True)
