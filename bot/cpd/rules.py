"""The pure rules of a CPD record: each activity's type of learning, the record built from what
the person did up to `now`, its hours per type of learning, and the facts its draft statement
is written from.

Types of learning, as the HCPC names them (work-based learning, professional activity, formal /
educational, self-directed learning, other): a training session is formal / educational (a
course); the scheme's other events (its launch, networking, the final celebration) are a
professional activity (taking part in a professional body's scheme); a meeting is work-based
learning for a mentee (coaching from others) and a professional activity for a mentor
(mentoring a colleague); a written reflection is work-based learning (reflective practice)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.cpd.errors import NoActivityYet
from bot.cpd.model import (
    LEARNING_TYPES,
    Activity,
    ActivityKind,
    CpdRecord,
    CpdSources,
    LearningTotal,
    LearningType,
    ReflectionMoment,
    StatementFacts,
)
from bot.errors import within
from bot.participants.model import Role

# Activities on the same day: an event or training first, then a meeting, then what was written.
KIND_ORDER: tuple[ActivityKind, ...] = ("event", "training", "meeting", "reflection")
# Each kind's type of learning, but a meeting's, which is the role's.
LEARNING_OF_KIND: dict[ActivityKind, LearningType] = {
    "event": "professional",
    "training": "formal",
    "reflection": "work_based",
}
# A reflection after a meeting is a few lines; the closure's may say more.
REFLECTION_MAX: dict[ReflectionMoment, int] = {"meeting": 1000, "closure": 3000}
# The draft statement names a few of the meetings' topics, not all: the person picks and adds.
STATEMENT_TOPICS = 6


def learning_type(kind: ActivityKind, role: Role) -> LearningType:
    """An activity's type of learning (the module's docstring says why each)."""
    if kind == "meeting":
        return "professional" if role == "mentor" else "work_based"
    return LEARNING_OF_KIND[kind]


def reflection_text(moment: ReflectionMoment, typed: str) -> str:
    """A reflection as kept: stripped, TooLong past its moment's limit."""
    return within("reflection", typed, REFLECTION_MAX[moment])


def cpd_record(sources: CpdSources, now: datetime) -> CpdRecord:
    """The person's record of everything done up to `now`: events that have ended, meetings and
    reflections on days up to today (in the programme's zone), by date. NoActivityYet when
    there is nothing yet."""
    zone = ZoneInfo(sources.zone)
    today = now.astimezone(zone).date()
    done = tuple(sorted(_activities(sources, now, zone, today), key=_in_order))
    if not done:
        raise NoActivityYet()
    reflections = sorted((r for r in sources.reflections if r.on <= today), key=lambda r: r.on)
    return CpdRecord(
        name=sources.name,
        role=sources.role,
        scheme=sources.scheme,
        cohort=sources.cohort,
        as_of=today,
        activities=done,
        reflections=tuple(reflections),
        totals=totals(done),
    )


def totals(activities: Iterable[Activity]) -> tuple[LearningTotal, ...]:
    """The activities and minutes of each type of learning there is, in the HCPC's order."""
    listed = list(activities)
    return tuple(
        LearningTotal(learning, len(of_type), sum(a.minutes for a in of_type))
        for learning in LEARNING_TYPES
        if (of_type := [a for a in listed if a.learning == learning])
    )


def statement_facts(record: CpdRecord) -> StatementFacts:
    """What the draft statement rests on, from the record alone."""
    activities = record.activities
    meetings = [a for a in activities if a.kind == "meeting"]
    return StatementFacts(
        role=record.role,
        scheme=record.scheme,
        first_day=activities[0].on if activities else None,
        last_day=activities[-1].on if activities else None,
        meetings=len(meetings),
        meeting_minutes=sum(m.minutes for m in meetings),
        events=sum(a.kind == "event" for a in activities),
        trainings=sum(a.kind == "training" for a in activities),
        learning=tuple(total.learning for total in record.totals),
        topics=_distinct_topics(m.topics for m in meetings),
        reflected_at_closure=any(r.moment == "closure" for r in record.reflections),
        reflections_after_meetings=sum(r.moment == "meeting" for r in record.reflections),
        closure_parts=tuple(
            part for r in record.reflections if r.moment == "closure" for part, _words in r.parts
        ),
    )


def _activities(
    sources: CpdSources, now: datetime, zone: ZoneInfo, today: date
) -> Iterator[Activity]:
    role = sources.role
    for event in sources.attended:
        if event.ends_at <= now:
            kind: ActivityKind = "training" if event.is_training else "event"
            minutes = int((event.ends_at - event.starts_at).total_seconds()) // 60
            on = event.starts_at.astimezone(zone).date()
            yield Activity(on, kind, learning_type(kind, role), minutes, title=event.title)
    for meeting in sources.meetings:
        if meeting.met_on <= today:
            learning = learning_type("meeting", role)
            yield Activity(
                meeting.met_on, "meeting", learning, meeting.minutes, topics=meeting.topics
            )
    for reflection in sources.reflections:
        if reflection.on <= today:
            learning = learning_type("reflection", role)
            yield Activity(reflection.on, "reflection", learning, 0, moment=reflection.moment)


def _in_order(activity: Activity) -> tuple[date, int, str]:
    return activity.on, KIND_ORDER.index(activity.kind), activity.title


def _distinct_topics(typed: Iterable[str]) -> tuple[str, ...]:
    """Each meeting's topics once (the same words in another case are the same), first met
    first, as many as the statement names."""
    seen: dict[str, str] = {}
    for topics in typed:
        stripped = topics.strip()
        if stripped:
            seen.setdefault(stripped.casefold(), stripped)
    return tuple(seen.values())[:STATEMENT_TOPICS]
