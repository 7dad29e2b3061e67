"""Everything people read about participants: their own records, the operator's erasure, and
the import report's problems. Words, pure."""

from __future__ import annotations

from bot.concerns.model import ConcernStatus
from bot.evaluations.model import Status
from bot.goals.model import Goal
from bot.pairs.model import PairStatus
from bot.pairs.rules import STAGE_NAMES
from bot.participants.model import Participant, Role
from bot.participants.notices import HeldAbout, HeldPair, HeldRequest, MyDataFile, MyDataSummary
from bot.pulse.model import Kind as QuestionKind
from bot.pulse.model import Question
from bot.reflections.model import CLOSURE_PARTS, ClosurePart, Reflection
from bot.scheme import NATIONS, Nation
from handlers.i18n import LANGUAGES, N_, _, day, language, on_day
from handlers.slack.rendering import SharedFile, file_view
from handlers.views.goals.messages import progress_name
from handlers.views.pulse.messages import answer_words
from handlers.views.requests.messages import KIND_LABELS, STATUS_WORDS

# Each nation's name, translated with `_()` where it is shown (NATION_CHOICES' too)
NATION_NAMES: dict[Nation, str] = {
    "england": N_("England"),
    "wales": N_("Wales"),
    "scotland": N_("Scotland"),
    "northern_ireland": N_("Northern Ireland"),
}


NATION_CHOICES = [(nation, NATION_NAMES[nation]) for nation in NATIONS]


def language_set() -> str:
    # Translators: "English" is this catalogue's language: name your own.
    return _("From now on I'll write to you in English. To change: `/mentoring iaith cymraeg`.")


def language_now() -> str:
    return _(
        "I write to you in English. To read in Welsh, type `/mentoring iaith cymraeg` "
        "(or choose on your Home)."
    )


def nation_set(nation: Nation) -> str:
    return _("Thank you. I'll keep to {nation}'s bank holidays: I won't nudge you on them.").format(
        nation=_(NATION_NAMES[nation])
    )


def nation_now(nation: Nation | None, default: Nation) -> str:
    if nation:
        words = _(
            "I keep to {nation}'s bank holidays for you. To change it, type e.g. "
            "`/mentoring nation scotland` (England, Wales, Scotland or Northern Ireland)."
        )
    else:
        words = _(
            "I keep to {nation}'s bank holidays for you (the scheme's own, as you haven't told "
            "me yours). To change it, type e.g. `/mentoring nation scotland` (England, Wales, "
            "Scotland or Northern Ireland)."
        )
    return words.format(nation=_(NATION_NAMES[nation or default]))


def my_data_sent() -> str:
    return _("I've put a file in our direct messages with everything I hold about you.")


@file_view(MyDataFile)
def my_data_file(notice: MyDataFile) -> SharedFile:
    return SharedFile(notice.content, _("What the mentoring bot holds about you"))


# The summary beside it is a plain text file, not Slack mrkdwn: nothing in it is escaped, and
# nothing in it is read as markup.
ROLE_WORDS: dict[Role, str] = {"mentor": N_("mentor"), "mentee": N_("mentee")}


PAIR_STATUS_WORDS: dict[PairStatus, str] = {
    "awaiting": N_("waiting to start"),
    "active": N_("under way"),
    "ended": N_("ended"),
}


FORM_STATUS_WORDS: dict[Status, str] = {
    "invited": N_("not started"),
    "answering": N_("started"),
    "paused": N_("started"),
    "reviewing": N_("answered, not yet sent"),
    "submitted": N_("sent"),
}


CONCERN_STATUS_WORDS: dict[ConcernStatus, str] = {
    "open": N_("open"),
    "acknowledged": N_("acknowledged"),
    "resolved": N_("resolved"),
}


@file_view(MyDataSummary)
def my_data_summary(notice: MyDataSummary) -> SharedFile:
    held = notice.held
    text = "\n".join(
        [
            _("What the mentoring bot holds about you, {on_day}").format(
                on_day=on_day(notice.made_at.date())
            ),
            *_about_you(held.person),
            *_your_pairs(held.pairs),
            *_your_answers(held.pulse),
            *_your_reflections(held.reflections),
            *_your_records(held),
            "",
            _(
                "The JSON file beside this one holds the same, with each answer and each step, "
                "for other programs to read."
            ),
        ]
    )
    return SharedFile(
        (text + "\n").encode(),
        _("What the mentoring bot holds about you, in plain words"),
        comment=_(
            "Here is everything I hold about you: a summary to read, and the same as a file for "
            "other programs."
        ),
    )


def _about_you(person: Participant) -> list[str]:
    unknown = _("not known")
    lines = [
        "",
        _("About you"),
        _("- Name: {name}").format(name=person.name),
        _("- Email: {email}").format(email=person.email),
        _("- Role: {role}").format(role=_(ROLE_WORDS[person.role])),
        _("- Slack user: {slack_id}").format(slack_id=person.slack_user_id or unknown),
        _("- Time zone: {zone}").format(zone=person.tz or unknown),
        _("- Where you work: {nation}").format(
            nation=_(NATION_NAMES[person.nation]) if person.nation else unknown
        ),
        _("- Language: {language}").format(language=LANGUAGES.get(person.language or "", unknown)),
        _("- About you: {about}").format(about=person.about or _("none")),
    ]
    if person.paused_until:
        lines.append(_("- Check-ins paused until: {day}").format(day=day(person.paused_until)))
    return lines


def _your_pairs(pairs: tuple[HeldPair, ...]) -> list[str]:
    if not pairs:
        return ["", _("Your pair"), _("- You are not in a pair.")]
    return [line for pair in pairs for line in _your_pair(pair)]


def _your_pair(pair: HeldPair) -> list[str]:
    return [
        "",
        _("Your pair"),
        _("- Partner: {name}").format(name=pair.partner or _("not known")),
        _("- Stage: {stage} ({status})").format(
            stage=_(STAGE_NAMES[pair.stage]), status=_(PAIR_STATUS_WORDS[pair.status])
        ),
        _("- Meetings logged: {n}").format(n=pair.meetings),
        _("- Check-ins: {n}").format(n=pair.check_ins),
        _("- Your boundaries: recorded")
        if pair.boundaries
        else _("- Your boundaries: not recorded"),
        *(_goal(n, goal) for n, goal in enumerate(pair.goals, 1)),
    ]


def _goal(n: int, goal: Goal) -> str:
    """One of the pair's goals, in the words the pair wrote it, and how far it has come."""
    progress = progress_name(goal.progress)
    if goal.by_when is None:
        return _("- Goal {n}: {what} ({progress})").format(n=n, what=goal.what, progress=progress)
    return _("- Goal {n}: {what} (by {day}; {progress})").format(
        n=n, what=goal.what, day=day(goal.by_when), progress=progress
    )


# Each question on how their pairing is going, as their summary lists it with their answer
QUESTION_WORDS: dict[QuestionKind, str] = {
    "fit": N_("- The fit after your first meeting, asked {day}: {answer}"),
    "pulse": N_("- A pulse, asked {day}: {answer}"),
}


def _your_answers(questions: tuple[Question, ...]) -> list[str]:
    """Their own answers on how their pairing is going: the fit, then each pulse."""
    lines = [
        _(QUESTION_WORDS[q.kind]).format(
            day=day(q.asked_at.date()),
            answer=answer_words(q) if q.answered else _("not answered"),
        )
        for q in questions
    ]
    return ["", _("How your pairing is going: your answers"), *(lines or [_("- None.")])]


def _your_reflections(reflections: tuple[Reflection, ...]) -> list[str]:
    """What they wrote at the close and after meetings, in their own words."""
    lines = ["", _("Your reflections")]
    for r in reflections:
        if r.moment == "closure":
            lines.append(_("- At the close, written {day}:").format(day=day(r.written_at.date())))
            lines += [
                _(CLOSURE_PART_WORDS[part]).format(words=words)
                for part in CLOSURE_PARTS
                if (words := r.closure.part(part))
            ]
        else:
            met_on = r.met_on or r.written_at.date()
            lines.append(
                _("- After your meeting {on_day}: {words}").format(
                    on_day=on_day(met_on), words=r.text
                )
            )
    return lines if reflections else [*lines, _("- None.")]


# Each part of the closure's reflection, as the summary lists it under its day
CLOSURE_PART_WORDS: dict[ClosurePart, str] = {
    "achieved": N_("  What you achieved: {words}"),
    "learned": N_("  What you learned: {words}"),
    "next_steps": N_("  What next in your career: {words}"),
}


def _your_records(held: HeldAbout) -> list[str]:
    """Their replies, evaluations, and what they raised or asked for, in their own words."""
    none = _("- None.")
    replies = {"yes": _("coming"), "no": _("not coming")}
    lines = ["", _("Your replies to events")]
    lines += [
        f"- {r.event.in_language(language()).title}: {replies.get(r.answer, r.answer)}"
        for r in held.event_replies
    ] or [none]
    lines += ["", _("Your evaluations")]
    lines += [
        _("- {form}: {status}; answers given: {n}").format(
            form=f.form.title_in(language()), status=_(FORM_STATUS_WORDS[f.status]), n=f.answered
        )
        for f in held.forms
    ] or [none]
    lines += ["", _("Concerns you raised")]
    lines += [
        _("- {day} ({status}): {words}").format(
            day=day(c.raised.date()), status=_(CONCERN_STATUS_WORDS[c.status]), words=c.text
        )
        for c in held.concerns
    ] or [none]
    lines += ["", _("Requests you made")]
    lines += [
        _("- #{number}, {kind}, {day} ({status}): {words}").format(
            number=r.number,
            kind=_asked(r),
            day=day(r.asked.date()),
            status=_(STATUS_WORDS[r.status]),
            words=r.details,
        )
        for r in held.requests
    ] or [none]
    return lines


def _asked(request: HeldRequest) -> str:
    """What was asked for, and the event it is about, by its title in the reader's language."""
    kind = _(KIND_LABELS[request.kind])
    event = request.event
    return f"{kind}, {event.in_language(language()).title}" if event else kind
