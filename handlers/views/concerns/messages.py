"""Everything about concerns and alerts that people read: words and Block Kit, pure."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.concerns.model import Concern, Refusal
from bot.concerns.notices import (
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
    ConcernResolved,
    LowScore,
    PairMayNeedAWord,
    PairNeedsAttention,
    ReportersPair,
    SentCheckIn,
)
from bot.concerns.service import AlertView
from bot.pairs.rules import STAGE_NAMES
from bot.participants.model import Participant, Role
from bot.scheme import Programme
from handlers.i18n import N_, _, clock_time, formatted, language
from handlers.slack.rendering import message_view
from handlers.views.common import quoted
from handlers.views.mrkdwn import escape
from handlers.views.pairs.messages import attention_words

ACKNOWLEDGE = "concern_ack"


TAKE = "concern_take"


RESOLVE = "concern_resolve"


RAISE = "concern_raise"


# The words below are marked for the catalogue here and translated where they are shown.
SOURCES = {
    "pairing": N_("the pairing introduction (“I have a concern”)"),
    "checkin": N_("a check-in (“Something's wrong”)"),
    "command": "/mentoring concern",
    "dm": N_("a direct message to the bot"),
    "home": N_("the bot's Home tab"),
    "shortcut": N_("the “Tell the project team privately” shortcut"),
    "message": N_("the “Tell the project team about this message” shortcut"),
}


TELL_SHORTCUT = "tell_the_team"


TELL_ABOUT_MESSAGE = "tell_the_team_about_message"


ABOUT_MESSAGE = N_("About this message: {link}")


URGENCY_WORDS = {
    "urgent": N_("Urgent: today, please"),
    "soon": N_("Soon: this week"),
    "not_urgent": N_("Not urgent"),
}


# The urgency in a word or two, where a line says whose concern it is.
URGENCY_IN_SHORT = {"urgent": N_("urgent"), "soon": N_("soon"), "not_urgent": N_("not urgent")}


STATUS_WORDS = {
    "open": N_(":red_circle: open"),
    "acknowledged": N_(":large_orange_circle: acknowledged"),
    "resolved": N_(":white_check_mark: resolved"),
}


ANSWER_WORDS = {"yes": N_("Yes"), "not_yet": N_("Not yet")}


REFUSAL_WORDS: dict[Refusal, str] = {
    "already_resolved": N_("This concern is already resolved."),
    "already_acknowledged": N_("This concern has already been acknowledged."),
}


ROLE_NAMES: dict[Role, str] = {"mentor": N_("mentor"), "mentee": N_("mentee")}


NOT_ON_THE_SCHEME = N_("someone not on the scheme")


@message_view(ConcernForTeam)
def concern_for_team(n: ConcernForTeam) -> tuple[str, list[Block]]:
    c = n.concern
    who = (
        _("{name} ({role})").format(name=escape(n.reporter.name), role=_role(n.reporter.role))
        if n.reporter
        else _(NOT_ON_THE_SCHEME)
    )
    pair = (
        _("{pair}, stage {stage}").format(
            pair=_pair_names(n.pair), stage=_(STAGE_NAMES[n.pair.stage])
        )
        if n.pair
        else _("not in a pair")
    )
    # Once acknowledged, the escalation reads as the alert does: its worry is over.
    if n.escalated_to and c.status == "open":
        heading = _(
            "{person} not yet acknowledged: :lock: Concern #{number} from {who} ({urgency})"
        )
    elif n.escalated and c.status == "open":
        heading = _("Not yet acknowledged: :lock: Concern #{number} from {who} ({urgency})")
    else:
        heading = _(":lock: Concern #{number} from {who} ({urgency})")
    text = heading.format(
        person=f"<@{n.escalated_to}>", number=c.id, who=who, urgency=_(URGENCY_IN_SHORT[c.urgency])
    )
    source = _(SOURCES[c.source]) if c.source in SOURCES else escape(c.source)
    details = [
        _("*Pair:* {pair}").format(pair=pair),
        _("*Urgency:* {urgency}").format(urgency=_(URGENCY_WORDS[c.urgency])),
        _("*May we contact them?* {contact}").format(
            contact=escape(c.contact) or _("No, please do not contact them")
        ),
        _("*Raised from:* {source}").format(source=source),
    ]
    if n.pair and n.pair.recent_checkins:
        checkins = "; ".join(_checkin(c, n.programme) for c in n.pair.recent_checkins)
        details.append(_("*Recent check-ins:* {checkins}").format(checkins=checkins))
    return text, [
        SectionBlock(text=MarkdownTextObject(text=f"*{text}*\n" + "\n".join(details))),
        *quoted(c.text),  # in as many sections as the words need, never cut short
        *alert_controls(c),
    ]


def _pair_names(pair: ReportersPair) -> str:
    """'Grace Mensah (mentor) & Sunita Rao (mentee)'; one erased since reads as '?'."""
    return _("{mentor} (mentor) & {mentee} (mentee)").format(
        mentor=_name(pair.mentor), mentee=_name(pair.mentee)
    )


def _name(person: Participant | None) -> str:
    return escape(person.name) if person else "?"


def _role(role: Role) -> str:
    return _(ROLE_NAMES[role])


def _checkin(checkin: SentCheckIn, programme: Programme | None) -> str:
    """'03 Feb: Not yet': the day in the programme's zone, as the alerts list says it (in an
    alert kept before alerts carried the programme, the day as stored)."""
    answer = ANSWER_WORDS.get(checkin.answer or "")
    sent_at = checkin.sent_at.astimezone(programme.zone) if programme else checkin.sent_at
    sent = formatted(sent_at, "dd MMM")
    return f"{sent}: {_(answer) if answer else _('no answer')}"


def alert_controls(c: Concern) -> list[Block]:
    status = _(STATUS_WORDS[c.status])
    if c.assignee:
        status = _("{status}, with {person}").format(status=status, person=f"<@{c.assignee}>")
    state = _("Status: {status}").format(status=status)
    blocks: list[Block] = [ContextBlock(elements=[MarkdownTextObject(text=state)])]
    if c.status != "resolved":
        buttons = [
            ButtonElement(text=_("I'll take this"), action_id=TAKE, value=str(c.id)),
            ButtonElement(text=_("Resolved"), action_id=RESOLVE, value=str(c.id)),
        ]
        if c.status == "open":
            buttons.insert(
                0,
                ButtonElement(
                    text=_("Acknowledge"), action_id=ACKNOWLEDGE, value=str(c.id), style="primary"
                ),
            )
        blocks.append(ActionsBlock(block_id=f"concern:{c.id}", elements=buttons))
    return blocks


@message_view(ConcernReceived)
def concern_received(n: ConcernReceived) -> tuple[str, list[Block]]:
    contact = (
        _("They will contact you as you asked: {contact}.").format(contact=escape(n.contact))
        if n.contact
        else _(
            "You asked not to be contacted; you can always write again with `/mentoring concern`."
        )
    )
    text = _(
        "Thank you for telling us. The project team has your concern and a member of the team "
        "will read it within {hours} working hours; I'll tell you here when they have. "
        "{contact} Nobody else can see it."
    ).format(hours=f"{n.respond_within_hours:g}", contact=contact)
    return text, [SectionBlock(text=MarkdownTextObject(text=text))]


@message_view(ConcernAcknowledged)
def concern_acknowledged(n: ConcernAcknowledged) -> tuple[str, list[Block]]:
    if n.by:
        text = _(
            "{name} from the project team has read your concern and is looking after it. "
            "Thank you for raising it."
        ).format(name=escape(n.by))
    else:
        text = _(
            "A member of the project team has read your concern and is looking after it. "
            "Thank you for raising it."
        )
    return text, [SectionBlock(text=MarkdownTextObject(text=text))]


@message_view(PairNeedsAttention)
def pair_needs_attention(n: PairNeedsAttention) -> tuple[str, list[Block]]:
    """In the pairs' own words, so this notice and the team's overview of pairs agree."""
    return _automatic(
        _("{mentor} & {mentee} ({stage}) need attention: {reason}.").format(
            mentor=escape(n.mentor.name),
            mentee=escape(n.mentee.name),
            stage=_(STAGE_NAMES[n.stage]),
            reason=attention_words(n.reason),
        )
    )


@message_view(LowScore)
def low_score(n: LowScore) -> tuple[str, list[Block]]:
    return _automatic(
        _(
            "{name} ({role}) gave a low score in the {form}: {score} of {high} to “{question}”"
        ).format(
            name=escape(n.person.name),
            role=_role(n.person.role),
            form=n.form.title_in(language()).lower(),
            score=n.score,
            high=n.question.high,
            question=n.question.in_language(language()).text,
        )
    )


@message_view(PairMayNeedAWord)
def pair_may_need_a_word(n: PairMayNeedAWord) -> tuple[str, list[Block]]:
    """Names the pair, never which of the two answered nor what they said."""
    about = _(
        "{mentor} & {mentee} ({stage}) may need a word: an answer about how their mentoring is "
        "going suggests it."
    ).format(
        mentor=escape(n.mentor.name), mentee=escape(n.mentee.name), stage=_(STAGE_NAMES[n.stage])
    )
    private = _(
        "Answers about how a pairing is going stay private: this does not say which of the two "
        "answered, or what. Nobody reported it."
    )
    return _automatic(about, private)


def _automatic(about: str, seen: str | None = None) -> tuple[str, list[Block]]:
    text = _(":robot_face: From the bot, lower priority: {about}").format(about=about)
    seen = seen or _("The bot saw this in check-ins and form answers. Nobody reported it.")
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ContextBlock(elements=[MarkdownTextObject(text=seen)]),
    ]


def alerts_message(alerts: list[AlertView], programme: Programme) -> str:
    if not alerts:
        return _("No concerns have been raised.")
    still_open = sum(1 for a in alerts if a.concern.status == "open")
    lines = [_("*Concerns* ({n} open)").format(n=still_open)]
    for a in alerts:
        c = a.concern
        raised = c.created_at.astimezone(programme.zone)
        if c.assignee:
            line = _("#{number} {status}, with {person}: from {reporter}, {raised}, {urgency}")
        else:
            line = _("#{number} {status}: from {reporter}, {raised}, {urgency}")
        line = line.format(
            number=c.id,
            status=_(STATUS_WORDS[c.status]),
            person=f"<@{c.assignee}>",
            reporter=escape(a.reporter) if a.reporter else _(NOT_ON_THE_SCHEME),
            raised=f"{formatted(raised, 'dd MMM')} {clock_time(raised)}",
            urgency=_(URGENCY_IN_SHORT[c.urgency]),
        )
        lines.append(f"• {line}")
    return "\n".join(lines)


def nothing_open_offer() -> list[Block]:
    return [
        ActionsBlock(
            elements=[
                ButtonElement(
                    text=_("Tell the project team privately"), action_id=RAISE, value="dm"
                )
            ]
        )
    ]


@message_view(ConcernResolved)
def concern_resolved(n: ConcernResolved) -> tuple[str, list[Block]]:
    text = _(":white_check_mark: Concern #{number} resolved by {person}.").format(
        number=n.concern_id, person=f"<@{n.by}>"
    )
    return text, [SectionBlock(text=text)]
