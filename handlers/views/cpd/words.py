"""Every word of the CPD record, in the reader's language, as one outline of headings,
paragraphs and tables that the DOCX and the PDF both draw, so the two say the same: who and
what it is for, the dated activities with their type of learning and hours, the hours of each
type, the reflections, and a draft statement of how the activities met the HCPC's standards of
CPD, marked as a draft for its owner to edit. What the person typed is shown as they typed it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.cpd.errors import NoActivityYet
from bot.cpd.model import (
    Activity,
    ClosurePart,
    CpdRecord,
    LearningTotal,
    LearningType,
    ReflectionMoment,
    StatementFacts,
)
from bot.cpd.rules import statement_facts
from bot.participants.model import Role
from handlers.i18n import N_, _, formatted, ngettext
from handlers.views.certificates.page import ROLE_NAMES
from handlers.views.common import error_words
from handlers.views.documents import printable

LEARNING_NAMES: dict[LearningType, str] = {
    "work_based": N_("Work-based learning"),
    "professional": N_("Professional activity"),
    "formal": N_("Formal / educational"),
    "self_directed": N_("Self-directed learning"),
    "other": N_("Other"),
}
MEETING_TITLES: dict[Role, str] = {
    "mentor": N_("Mentoring meeting with my mentee"),
    "mentee": N_("Mentoring meeting with my mentor"),
}
REFLECTION_TITLES: dict[ReflectionMoment, str] = {
    "meeting": N_("Reflection written after a meeting"),
    "closure": N_("Reflection written at Coming to Closure"),
}
# Standard 3, what the role brought: a first sentence for the owner to keep or change.
PRACTICE_BY_ROLE: dict[Role, str] = {
    "mentee": N_(
        "Being mentored gave me time to step back and reflect on how I lead, and to plan "
        "changes with someone who had done it before."
    ),
    "mentor": N_(
        "Mentoring a colleague developed my own leadership: listening well, asking open "
        "questions and giving honest, kind feedback."
    ),
}
# The closure's questions, each heading its answer.
PART_TITLES: dict[ClosurePart, str] = {
    "achieved": N_("What I achieved"),
    "learned": N_("What I learned"),
    "next_steps": N_("What next in my career"),
}
NO_TIME = "–"  # hours not recorded: a reflection


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0: the document's title; 1: a section; 2: within one


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False  # guidance to the owner, set apart (italic), not their words


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # each column's share of the width


Block = Heading | Paragraph | Table


def cpd_title(record: CpdRecord) -> str:
    return _("CPD record: {name}").format(name=printable(record.name))


def cpd_outline(record: CpdRecord) -> list[Block]:
    """The whole record, top to bottom, in the reader's language."""
    return [
        Heading(cpd_title(record), 0),
        *_about(record),
        Heading(_("Activities"), 1),
        _activities_table(record),
        Heading(_("Hours by type of learning"), 1),
        _totals_table(record.totals),
        Heading(_("Reflections"), 1),
        *_reflections(record),
        *_draft_statement(statement_facts(record)),
    ]


@error_words(NoActivityYet)
def no_activity_yet(_error: NoActivityYet) -> str:
    return _(
        "Your CPD record is empty for now. It fills up as you go to the scheme's events and "
        "log your mentoring meetings."
    )


def hours(minutes: int) -> str:
    """Hours as a decimal, to two places at most ("1.5", "0.75", "4"); a dash where no time is
    recorded."""
    return in_hours(minutes) if minutes else NO_TIME


def in_hours(minutes: int) -> str:
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def _about(record: CpdRecord) -> list[Block]:
    return [
        Paragraph(_("Scheme: {scheme}").format(scheme=printable(record.scheme))),
        Paragraph(_("Cohort: {cohort}").format(cohort=printable(record.cohort))),
        Paragraph(_("Role: {role}").format(role=_(ROLE_NAMES[record.role]))),
        Paragraph(_("Up to date on {day}").format(day=_long(record.as_of))),
        Paragraph(
            _(
                "The HCPC asks you to keep a continuous, up-to-date and accurate record of your "
                "CPD. This is what you did on the scheme: add it to your record of other CPD. "
                "Only you receive it."
            ),
            note=True,
        ),
    ]


def _activities_table(record: CpdRecord) -> Table:
    rows = tuple(
        (
            formatted(activity.on, "d MMM y"),
            _activity_words(activity, record.role),
            _(LEARNING_NAMES[activity.learning]),
            hours(activity.minutes),
        )
        for activity in record.activities
    )
    columns = (_("Date"), _("Activity"), _("Type of learning"), _("Hours"))
    return Table(columns, rows, (18, 50, 22, 10))


def _activity_words(activity: Activity, role: Role) -> str:
    if activity.kind == "meeting":
        title = _(MEETING_TITLES[role])
        if activity.topics.strip():
            topics = _("Topics: {topics}").format(topics=printable(activity.topics.strip()))
            return f"{title}\n{topics}"
        return title
    if activity.kind == "reflection" and activity.moment:
        return _(REFLECTION_TITLES[activity.moment])
    return printable(activity.title)


def _totals_table(totals: tuple[LearningTotal, ...]) -> Table:
    rows = [
        (_(LEARNING_NAMES[total.learning]), str(total.activities), hours(total.minutes))
        for total in totals
    ]
    count = sum(total.activities for total in totals)
    rows.append((_("Total"), str(count), hours(sum(total.minutes for total in totals))))
    columns = (_("Type of learning"), _("Activities"), _("Hours"))
    return Table(columns, tuple(rows), (50, 25, 25))


def _reflections(record: CpdRecord) -> list[Block]:
    if not record.reflections:
        return [Paragraph(_("You have not written a reflection yet."), note=True)]
    blocks: list[Block] = []
    for reflection in record.reflections:
        title = _(REFLECTION_TITLES[reflection.moment])
        blocks.append(Heading(f"{_long(reflection.on)}: {title}", 2))
        if not reflection.parts:
            blocks.append(Paragraph(printable(reflection.text)))
        for part, words in reflection.parts:
            blocks.append(Paragraph(f"{_(PART_TITLES[part])}: {printable(words)}"))
    return blocks


def _draft_statement(facts: StatementFacts) -> list[Block]:
    return [
        Heading(_("Draft statement: yours to edit"), 1),
        Paragraph(
            _(
                "This is a draft to start you off. Put it into your own words and add examples "
                "from your work before you use it in a CPD profile. The words in square "
                "brackets are prompts for you to replace."
            ),
            note=True,
        ),
        Heading(_("Summary of practice"), 2),
        Paragraph(
            _("[Describe your role, where you work, and the people you work with and care for.]")
        ),
        Heading(_("Standard 1: a continuous, up-to-date and accurate record"), 2),
        Paragraph(_record_kept(facts)),
        Heading(_("Standard 2: a mixture of learning activities"), 2),
        Paragraph(_mixture(facts)),
        Heading(_("Standard 3: the quality of my practice and service delivery"), 2),
        Paragraph(_practice(facts)),
        Heading(_("Standard 4: the benefit to service users"), 2),
        Paragraph(
            _(
                "Better leadership helps my team give safe, kind and timely care. [Say how "
                "service users benefited from what you changed: for example, shorter waits, "
                "clearer information, or a calmer department.]"
            )
        ),
    ]


def _record_kept(facts: StatementFacts) -> str:
    sentences = []
    if facts.first_day and facts.last_day:
        sentences.append(_took_part(facts.first_day, facts.last_day, facts.scheme))
    if facts.meetings:
        met = ngettext(
            "We had {n} mentoring meeting, {hours} hours in all.",
            "We had {n} mentoring meetings, {hours} hours in all.",
            facts.meetings,
        )
        sentences.append(met.format(n=facts.meetings, hours=in_hours(facts.meeting_minutes)))
    if facts.events:
        went = ngettext(
            "I went to {n} scheme event.",
            "I went to {n} scheme events.",
            facts.events,
        )
        sentences.append(went.format(n=facts.events))
    if facts.trainings:
        trained = ngettext(
            "I went to {n} training session.", "I went to {n} training sessions.", facts.trainings
        )
        sentences.append(trained.format(n=facts.trainings))
    sentences.append(_("I kept this record as I went, and it lists each activity by date."))
    return " ".join(sentences)


def _took_part(first: date, last: date, scheme: str) -> str:
    """When they took part: from one day to another, or the one day of a record that has only
    one (a reflection at the close, say, and nothing else yet)."""
    if first == last:
        return _("On {day} I took part in the {scheme}.").format(
            day=_long(first), scheme=printable(scheme)
        )
    return _("From {first} to {last} I took part in the {scheme}.").format(
        first=_long(first), last=_long(last), scheme=printable(scheme)
    )


def _mixture(facts: StatementFacts) -> str:
    names = ", ".join(_(LEARNING_NAMES[learning]).lower() for learning in facts.learning)
    if facts.is_mixture:
        return _("My activities were a mixture of types of learning: {types}.").format(types=names)
    return _(
        "These activities are one type of learning: {types}. [Add CPD of another type from "
        "your work, to show a mixture.]"
    ).format(types=names)


def _practice(facts: StatementFacts) -> str:
    sentences = [_(PRACTICE_BY_ROLE[facts.role])]
    if facts.topics:
        topics = "; ".join(printable(topic) for topic in facts.topics)
        sentences.append(_("Our meetings covered: {topics}.").format(topics=topics))
    if facts.reflected_at_closure:
        sentences.append(_closure_says(facts.closure_parts))
    sentences.append(
        _("[Give an example of something you now do differently at work, and what it changed.]")
    )
    return " ".join(sentences)


def _closure_says(parts: tuple[ClosurePart, ...]) -> str:
    """What the reflection at the close says, by the questions it answered: never that it says
    what they learned when they wrote only what they achieved, or what next."""
    if "learned" in parts or not parts:
        return _("My reflection at Coming to Closure says what I learned.")
    if "achieved" in parts:
        return _("My reflection at Coming to Closure says what I achieved.")
    return _("My reflection at Coming to Closure says what I plan next in my career.")


def _long(on: date) -> str:
    return formatted(on, "d MMMM y")
