"""Everything people read about pairs and check-ins: words and Block Kit, pure."""

from __future__ import annotations

from datetime import date, datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
    StaticSelectElement,
)

from bot.pairs.checkins import PairSummary
from bot.pairs.model import Attention, Pair
from bot.pairs.notices import (
    AcceptanceNudge,
    CheckInPrompt,
    PairEnded,
    PairIntroduction,
    PairStarted,
    StageMoved,
)
from bot.pairs.rules import STAGE_NAMES
from bot.pairs.service import PairView
from bot.participants.model import Participant, Role
from bot.scheme import STAGES, Stage
from handlers.i18n import N_, _, day, formatted, ngettext
from handlers.slack.rendering import message_view
from handlers.views.goals.messages import set_goals_button
from handlers.views.mrkdwn import escape

ACCEPT = "pair_accept"


CONCERN = "pair_concern"


MET_YES = "checkin_yes"


MET_NOT_YET = "checkin_not_yet"


SOMETHING_WRONG = "checkin_wrong"


MEETING_SHORTCUT = "log_meeting"


STAGE_PROMPTS: dict[Stage, str] = {
    "preparing": N_(
        "*Preparing*: take time to get to know each other and each other's work and context, and be clear about what you both expect."
    ),
    "negotiation": N_(
        "*Negotiation*: agree the learning goals, and your boundaries: availability, topics, how to contact each other. Record them with `/mentoring goals`."
    ),
    "enabling_growth": N_(
        "*Enabling Growth*: the longest stage, where most of the work happens: talk regularly, and the project team is there if you need it."
    ),
    "coming_to_closure": N_(
        "*Coming to Closure*: look back at your goals, celebrate what you have learned and achieved, and talk about next steps."
    ),
}


ROLE_NAMES: dict[Role, str] = {"mentor": N_("mentor"), "mentee": N_("mentee")}


def stages_explained() -> str:
    return _(
        "Mentoring relationships tend to move through four stages, at your own pace, sometimes back and forth: {stages}."
    ).format(stages=" → ".join(_(name) for name in STAGE_NAMES.values()))


def _stage_prompt(stage: Stage) -> str:
    return _(STAGE_PROMPTS[stage])


def stage_name(stage: Stage) -> str:
    return _(STAGE_NAMES[stage])


def _role_name(role: Role) -> str:
    return _(ROLE_NAMES[role])


# Notices ------------------------------------------------------------------------------------------


@message_view(PairIntroduction)
def introduction(n: PairIntroduction) -> tuple[str, list[Block]]:
    text = _(
        "The steering group has paired {mentor} (mentor) with {mentee} (mentee). Please each accept the pairing."
    ).format(mentor=escape(n.mentor.name), mentee=escape(n.mentee.name))
    return text, [
        HeaderBlock(text=_("Meet your mentoring partner")),
        SectionBlock(
            text=MarkdownTextObject(
                text=_("The steering group has paired you:\n{mentor}\n{mentee}").format(
                    mentor=_who(n.mentor), mentee=_who(n.mentee)
                )
            )
        ),
        SectionBlock(
            text=MarkdownTextObject(text=stages_explained() + "\n" + _stage_prompt("preparing"))
        ),
        SectionBlock(
            text=MarkdownTextObject(
                text=_(
                    "Please each accept the pairing. If something worries you, tell the project team privately: your partner will not see it."
                )
            )
        ),
        _pair_buttons(n.pair_id),
    ]


@message_view(AcceptanceNudge)
def acceptance_nudge(n: AcceptanceNudge) -> tuple[str, list[Block]]:
    text = _(
        "A gentle reminder: you have been paired with {partner}. Please accept the pairing, or tell the project team privately if something worries you."
    ).format(partner=escape(n.partner.name))
    return text, [SectionBlock(text=MarkdownTextObject(text=text)), _pair_buttons(n.pair_id)]


@message_view(PairStarted)
def pair_started(n: PairStarted) -> tuple[str, list[Block]]:
    text = _(
        "You have both accepted: welcome, {mentor} and {mentee}! You start in {stage}."
    ).format(
        mentor=escape(n.mentor.name), mentee=escape(n.mentee.name), stage=stage_name("preparing")
    )
    checking_in = _("I'll check in with you both every so often.")
    return text, [
        SectionBlock(
            text=MarkdownTextObject(text=f"{text}\n{_stage_prompt('preparing')}\n{checking_in}")
        ),
    ]


@message_view(CheckInPrompt)
def checkin_prompt(n: CheckInPrompt) -> tuple[str, list[Block]]:
    question = (
        _("Have you met since {day}?").format(day=formatted(n.since, "EEEE d MMMM"))
        if n.since
        else _("Have you met yet?")
    )
    opening = _("A gentle reminder from your last check-in.") + " " if n.follow_up else ""
    text = f"{opening}{question}"
    value = str(n.checkin_id)
    return text, [
        SectionBlock(
            text=MarkdownTextObject(text=f"{opening}*{question}*\n{_stage_prompt(n.stage)}")
        ),
        ActionsBlock(
            block_id=f"checkin:{n.checkin_id}",
            elements=[
                ButtonElement(text=_("Yes"), action_id=MET_YES, value=value, style="primary"),
                ButtonElement(text=_("Not yet"), action_id=MET_NOT_YET, value=value),
                ButtonElement(
                    text=_("Something's wrong"),
                    action_id=SOMETHING_WRONG,
                    value=f"pair:{n.pair_id}",  # the concern is about this pair
                ),
            ],
        ),
        ActionsBlock(block_id=f"stage:{n.pair_id}", elements=[stage_select(n.pair_id, n.stage)]),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=_(
                        "“Something's wrong” goes privately to the project team; your partner will not see it."
                    )
                )
            ]
        ),
    ]


@message_view(StageMoved)
def stage_moved(n: StageMoved) -> tuple[str, list[Block]]:
    text = _("{person} moved your pair to {stage}.").format(
        person=escape(n.moved_by), stage=stage_name(n.stage)
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f"{text}\n{_stage_prompt(n.stage)}"))
    ]
    if n.stage == "negotiation":
        blocks.append(ActionsBlock(elements=[set_goals_button(n.pair_id)]))
    return text, blocks


@message_view(PairEnded)
def pair_ended(n: PairEnded) -> tuple[str, list[Block]]:
    if n.partner is None:  # they have left the scheme: nobody is told who, or why
        text = _(
            "Your mentoring pairing has now ended. Thank you for the time you have given it. "
            "The project team will be in touch about what happens next; you can always reach them with `/mentoring concern`."
        )
    else:
        text = _(
            "Your mentoring pairing with {partner} has now ended. Thank you for the time you have given it. "
            "The project team will be in touch about what happens next; you can always reach them with `/mentoring concern`."
        ).format(partner=escape(n.partner.name))
    return text, [SectionBlock(text=MarkdownTextObject(text=text))]


# Replies to commands and buttons --------------------------------------------------------------------


def my_pairs_message(views: list[PairView], now: datetime) -> str:
    """`/mentoring pair`'s answer: each of their pairs (a mentor may have several)."""
    return "\n\n".join(my_pair_message(v, now) for v in views)


def my_pair_message(view: PairView, now: datetime, on_home: bool = False) -> str:
    """The pair as `/mentoring pair` answers, and as the Home's pair section shows it (`on_home`:
    without pointing to the Home, whose goals section is just below)."""
    if view.pair.status == "ended":
        return pairing_ended_words()
    lines = [
        _("*Your partner:* {name} ({role})").format(
            name=escape(view.partner.name), role=_role_name(view.partner.role)
        ),
        _stage_line(view),
    ]
    if not on_home:
        lines.append(_("*Your goals and boundaries:* on your Home, or `/mentoring goals`"))
    if view.meetings:
        lines.append(_("*Meetings ({n}):*").format(n=len(view.meetings)))
        lines += [
            f"• {formatted(m.met_on, 'dd MMM y')}, {_length(m.minutes)}"
            + (f": {escape(m.topics)}" if m.topics else "")
            for m in view.meetings[-5:]
        ]
    else:
        lines.append(_("*Meetings:* none logged yet; use `/mentoring met YYYY-MM-DD 45m topics`"))
    if view.me.paused_until and view.me.paused_until > now.date():
        lines.append(
            _("_Your check-ins are paused until {date}._").format(
                date=formatted(view.me.paused_until, "dd MMMM y")
            )
        )
    if view.pair.paused_until and view.pair.paused_until > now.date():
        lines.append(
            _("_The project team has paused this pair's check-ins until {date}._").format(
                date=formatted(view.pair.paused_until, "dd MMMM y")
            )
        )
    return "\n".join(lines)


def _stage_line(view: PairView) -> str:
    """The pair's stage since when, and whether it is still waiting to start."""
    pair = view.pair
    words = _waiting_for(view) if pair.status == "awaiting" else _("*Stage:* {stage} since {date}")
    return words.format(
        stage=stage_name(pair.stage),
        date=formatted(view.stage_since, "dd MMMM y"),
        partner=escape(view.partner.name),
    )


def _waiting_for(view: PairView) -> str:
    """Who the pairing is waiting for, told to one of the two: it starts once both accept."""
    if view.pair.accepted_by(view.me.id):
        return _("*Stage:* {stage} since {date} (waiting for {partner} to accept)")
    if view.pair.accepted_by(view.partner.id):
        return _(
            "*Stage:* {stage} since {date} ({partner} has accepted; your pairing starts as soon "
            "as you accept too)"
        )
    return _("*Stage:* {stage} since {date} (waiting for you both to accept)")


def team_pairs_message(pairs: list[PairSummary]) -> str:
    if not pairs:
        return _(
            "There are no pairs yet. Import the steering group's pairings or use `/mentoring team pair @mentor @mentee`."
        )
    lines = [ngettext("*{n} pair*", "*{n} pairs*", len(pairs)).format(n=len(pairs))]
    for s in pairs:
        mentor, mentee, state = escape(s.mentor), escape(s.mentee), _pair_state(s)
        if s.attention:
            line = _("• :warning: needs attention: {why}. *{mentor}* & *{mentee}*: {state}").format(
                why=attention_words(s.attention), mentor=mentor, mentee=mentee, state=state
            )
        else:
            line = f"• *{mentor}* & *{mentee}*: {state}"
        lines.append(line)
    return "\n".join(lines)


def _pair_state(s: PairSummary) -> str:
    """Where a pair is, for the team: who has still to accept, or its stage and meetings."""
    if s.pair.status == "awaiting":
        waiting = [escape(name) for name in s.not_accepted]  # one or both of the pair
        if len(waiting) == 1:
            return _("awaiting acceptance from {person}").format(person=waiting[0])
        first, second = waiting
        return _("awaiting acceptance from {first} and {second}").format(first=first, second=second)
    stage, n = stage_name(s.pair.stage), s.open_checkins
    if s.last_meeting:
        return ngettext(
            "{stage}, last met {date}, {n} open check-in",
            "{stage}, last met {date}, {n} open check-ins",
            n,
        ).format(stage=stage, date=formatted(s.last_meeting, "dd MMM y"), n=n)
    return ngettext(
        "{stage}, no meeting logged, {n} open check-in",
        "{stage}, no meeting logged, {n} open check-ins",
        n,
    ).format(stage=stage, n=n)


def attention_words(attention: Attention) -> str:
    """Why a pair needs the team's attention, to follow "needs attention: "."""
    if attention.kind == "not_yet":
        return _("answered “Not yet” {n} times in a row").format(n=attention.count)
    return _("no meeting logged for {n} weeks").format(n=attention.count)


def answered(person: Participant, pair: Pair, answer: str) -> tuple[str, list[Block]]:
    """The check-in as it reads once answered: the answer, and the stage menu still at hand."""
    words = {
        "yes": _("{person} answered: Yes, we've met. Thank you!"),
        "not_yet": _("{person} answered: Not yet. That's fine; I'll ask again next time."),
    }[answer]
    text = words.format(person=escape(person.name))
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(block_id=f"stage:{pair.id}", elements=[stage_select(pair.id, pair.stage)]),
    ]


def meeting_logged(met_on: date, minutes: int) -> str:
    return _("Logged: you met on {day} for {length}. Thank you!").format(
        day=day(met_on), length=_length(minutes)
    )


def _pair_buttons(pair_id: int) -> ActionsBlock:
    return ActionsBlock(
        block_id=f"pair:{pair_id}",
        elements=[
            ButtonElement(text=_("Accept"), action_id=ACCEPT, value=str(pair_id), style="primary"),
            ButtonElement(text=_("I have a concern"), action_id=CONCERN, value=str(pair_id)),
        ],
    )


def _who(person: Participant) -> str:
    about = f": {escape(person.about)}" if person.about else ""
    return f"• *{escape(person.name)}* ({_role_name(person.role)}){about}"


def _length(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = (
        _("{hours} h").format(hours=hours) if hours else "",
        _("{minutes} min").format(minutes=rest) if rest else "",
    )
    return " ".join(part for part in parts if part)


def pairing_ended_words() -> str:
    """A pairing that has ended, to either of the two: whyever it ended, no reason and no name."""
    return _(
        "Your mentoring pairing has ended. The project team will be in touch about what happens "
        "next; you can always reach them with `/mentoring concern`."
    )


STAGE_SELECT = "pair_stage"


def stage_select(pair_id: int, current: Stage) -> StaticSelectElement:
    options = [Option(text=stage_name(s), value=f"{pair_id}:{s}") for s in STAGES]
    return StaticSelectElement(
        action_id=STAGE_SELECT,
        placeholder=_("Change stage"),
        options=options,
        initial_option=options[STAGES.index(current)],
    )
