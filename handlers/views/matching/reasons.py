"""The words of a match suggestion: why a mentor suits a mentee, criterion by criterion; why a
mentee has no suggestion; what a swap costs; and what the steering group can put right. Pure:
each takes the matcher's facts and gives mrkdwn in the reader's language.

Theme names come from the programme file (`theme_names`: slug → name in the reader's
language), employers as people typed them: both are escaped. A person is named by `name_of`,
which gives them as mrkdwn (a mention, or an escaped name)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.matching.errors import NotInCohort, SwapBreaksRule
from bot.matching.model import (
    BandGap,
    Blocked,
    Candidate,
    Criterion,
    Formats,
    HardRule,
    MeetingFormat,
    Move,
    Nations,
    Profession,
    Professions,
    Reason,
    SharedThemes,
    SharedTimes,
    Suggestion,
    Swap,
    Unmatched,
)
from handlers.i18n import N_, _, ngettext
from handlers.views.mrkdwn import escape
from handlers.views.participants.messages import NATION_NAMES

# The words below are marked for the catalogue here and translated where they are shown.
CRITERION_NAMES: dict[Criterion, str] = {
    "themes": N_("Themes"),
    "seniority": N_("Seniority"),
    "format": N_("Format"),
    "nation": N_("Nation"),
    "profession": N_("Profession"),
    "availability": N_("Time to meet"),
}
FORMAT_WORDS: dict[MeetingFormat, str] = {
    "online": N_("online only"),
    "in_person": N_("in person only"),
    "either": N_("online or in person"),
}
PROFESSION_NAMES: dict[Profession, str] = {
    "radiographer": N_("radiographer"),
    "sonographer": N_("sonographer"),
    "nuclear_medicine": N_("nuclear medicine"),
    "other": N_("other profession"),
}
# The times of the week an application offers, as they follow "free"; any other is shown as
# its slug reads.
TIME_WORDS = {
    "weekday-daytime": N_("on weekdays in the daytime"),
    "weekday-evening": N_("on weekday evenings"),
    "weekend": N_("at weekends"),
}
# A hard rule as a reason a swap is refused.
RULE_WORDS: dict[HardRule, str] = {
    "same_person": N_("they are the same person"),
    "same_employer": N_("they work for the same employer"),
    "line_manager": N_("one is the other's line manager"),
    "named": N_("one asked not to be paired with the other"),
    "paired_before": N_("they were paired in an earlier cohort"),
    "not_more_senior": N_("the mentor is not in a higher band"),
    "capacity": N_("the mentor is full"),
}


def reason_line(reason: Reason, theme_names: Mapping[str, str]) -> str:
    """ "Themes: they share 2 of the 3 the mentee chose: ‘Leading change’, ‘Research’ (+10 of
    15)"."""
    return _("{criterion}: {why} (+{earned} of {possible})").format(
        criterion=_(CRITERION_NAMES[reason.criterion]),
        why=_why(reason, theme_names),
        earned=reason.earned,
        possible=reason.possible,
    )


def reason_lines(suggestion: Suggestion, theme_names: Mapping[str, str]) -> list[str]:
    """The suggestion's points in all, then each criterion's line."""
    possible = sum(reason.possible for reason in suggestion.reasons)
    total = _("{points} of {possible} points").format(points=suggestion.points, possible=possible)
    return [total, *(reason_line(reason, theme_names) for reason in suggestion.reasons)]


def _why(reason: Reason, theme_names: Mapping[str, str]) -> str:
    facts = reason.facts
    if isinstance(facts, SharedThemes):
        return _themes(facts, theme_names)
    if isinstance(facts, BandGap):
        return _bands(facts)
    if isinstance(facts, Formats):
        return _formats(facts)
    if isinstance(facts, Nations):
        return _nations(facts)
    if isinstance(facts, Professions):
        return _professions(facts)
    return _times(facts)


def _themes(facts: SharedThemes, theme_names: Mapping[str, str]) -> str:
    if not facts.wanted:
        return _("the mentee chose none")
    if not facts.shared:
        return _("the mentor offers none of those the mentee chose: {themes}").format(
            themes=_theme_list(facts.wanted, theme_names)
        )
    return _("they share {shared} of the {wanted} the mentee chose: {themes}").format(
        shared=len(facts.shared),
        wanted=len(facts.wanted),
        themes=_theme_list(facts.shared, theme_names),
    )


def _theme_list(slugs: tuple[str, ...], theme_names: Mapping[str, str]) -> str:
    return ", ".join(f"‘{escape(theme_names.get(slug, _readable(slug)))}’" for slug in slugs)


def _readable(slug: str) -> str:
    return slug.replace("_", " ").replace("-", " ").capitalize()


def _bands(facts: BandGap) -> str:
    bands = {"mentor": facts.mentor, "mentee": facts.mentee, "n": facts.gap}
    if facts.gap <= 0:
        return _(
            "band {mentor} mentor, band {mentee} mentee: the mentor is not more senior"
        ).format(**bands)
    if facts.gap < facts.least:
        return ngettext(
            "band {mentor} mentor, band {mentee} mentee: {n} band apart, short of the {least} asked for",
            "band {mentor} mentor, band {mentee} mentee: {n} bands apart, short of the {least} asked for",
            facts.gap,
        ).format(least=facts.least, **bands)
    return ngettext(
        "band {mentor} mentor, band {mentee} mentee: {n} band apart",
        "band {mentor} mentor, band {mentee} mentee: {n} bands apart",
        facts.gap,
    ).format(**bands)


def _formats(facts: Formats) -> str:
    formats = {"mentee": _(FORMAT_WORDS[facts.mentee]), "mentor": _(FORMAT_WORDS[facts.mentor])}
    if facts.compatible:
        return _("mentee {mentee}, mentor {mentor}: they can meet").format(**formats)
    return _("mentee {mentee}, mentor {mentor}: no way of meeting suits both").format(**formats)


def _nations(facts: Nations) -> str:
    if not facts.in_person:
        return _("one of them meets only online, so where each works does not matter")
    if facts.mentee == facts.mentor:
        return _("both work in the same nation ({nation}), so they could meet in person").format(
            nation=_(NATION_NAMES[facts.mentee])
        )
    return _("mentee {mentee}, mentor {mentor}: too far apart to meet in person").format(
        mentee=_(NATION_NAMES[facts.mentee]), mentor=_(NATION_NAMES[facts.mentor])
    )


def _professions(facts: Professions) -> str:
    if facts.mentee == facts.mentor:
        return _("both in the same profession, {profession}").format(
            profession=_(PROFESSION_NAMES[facts.mentee])
        )
    return _("mentee {mentee}, mentor {mentor}").format(
        mentee=_(PROFESSION_NAMES[facts.mentee]), mentor=_(PROFESSION_NAMES[facts.mentor])
    )


def _times(facts: SharedTimes) -> str:
    if not facts.wanted:
        return _("the mentee gave no times")
    if not facts.shared:
        return _("no time when both are free; the mentee is free {times}").format(
            times=_time_list(facts.wanted)
        )
    return _("both are free {times}").format(times=_time_list(facts.shared))


def _time_list(slugs: tuple[str, ...]) -> str:
    return ", ".join(_(TIME_WORDS[s]) if s in TIME_WORDS else escape(_readable(s)) for s in slugs)


def unmatched_line(unmatched: Unmatched) -> str:
    """ "Not matched: of 8 mentors, 3 work for the same employer (Cardiff and Vale UHB); 1 has
    a line-management link with them; 4 are full." """
    if not unmatched.mentors:
        return _("Not matched: there are no mentors in this cohort.")
    reasons = "; ".join(_blocked(b, unmatched.mentee) for b in unmatched.blocked)
    return ngettext(
        "Not matched: of {n} mentor, {reasons}.",
        "Not matched: of {n} mentors, {reasons}.",
        unmatched.mentors,
    ).format(n=unmatched.mentors, reasons=reasons)


def _blocked(blocked: Blocked, mentee: Candidate) -> str:
    n = blocked.mentors
    words = {
        "same_person": ngettext("{n} is this same person", "{n} are this same person", n),
        "same_employer": ngettext(
            "{n} works for the same employer ({employer})",
            "{n} work for the same employer ({employer})",
            n,
        ),
        "line_manager": ngettext(
            "{n} has a line-management link with them",
            "{n} have a line-management link with them",
            n,
        ),
        "named": ngettext(
            "{n} is on their or the mentor's do-not-pair list",
            "{n} are on their or the mentors' do-not-pair lists",
            n,
        ),
        "paired_before": ngettext(
            "{n} was paired with them in an earlier cohort",
            "{n} were paired with them in an earlier cohort",
            n,
        ),
        "not_more_senior": ngettext(
            "{n} is not in a higher band", "{n} are not in a higher band", n
        ),
        "capacity": ngettext("{n} is full", "{n} are full", n),
    }[blocked.rule]
    return words.format(n=n, employer=escape(mentee.employer.strip()))


def swap_lines(swap: Swap, name_of: Callable[[Candidate], str]) -> list[str]:
    """What giving a mentee another mentor does to the whole match: its points, anyone left
    without a mentor, and every other mentee it moves."""
    after = swap.suggestions.total
    lines = [
        _("Giving {mentee} {mentor} as their mentor:").format(
            mentee=name_of(swap.mentee), mentor=name_of(swap.mentor)
        ),
        _("Points in all: {after} instead of {before}.").format(
            after=after, before=after + swap.points_lost
        )
        if swap.points_lost
        else _("Points in all: {after}, as before.").format(after=after),
    ]
    if swap.matched_lost > 0:
        lines.append(
            ngettext(
                "{n} more mentee is left without a mentor.",
                "{n} more mentees are left without a mentor.",
                swap.matched_lost,
            ).format(n=swap.matched_lost)
        )
    others = (move for move in swap.moves if move.mentee != swap.mentee)
    return lines + [_move(move, name_of) for move in others]


def _move(move: Move, name_of: Callable[[Candidate], str]) -> str:
    mentee = name_of(move.mentee)
    if move.after is None:
        return _("{mentee} is left without a mentor.").format(mentee=mentee)
    if move.before is None:
        return _("{mentee} gets {after}.").format(mentee=mentee, after=name_of(move.after))
    return _("{mentee} moves from {before} to {after}.").format(
        mentee=mentee, before=name_of(move.before), after=name_of(move.after)
    )


def not_in_cohort(error: NotInCohort) -> str:
    if error.role == "mentee":
        return _("{email} is not one of this cohort's mentees.").format(email=escape(error.email))
    return _("{email} is not one of this cohort's mentors.").format(email=escape(error.email))


def swap_breaks_rule(error: SwapBreaksRule) -> str:
    return _("That pair is never suggested: {rules}.").format(
        rules="; ".join(_(RULE_WORDS[rule]) for rule in error.rules)
    )
