"""Everything people read about pairs and check-ins: words and Block Kit, pure."""

from __future__ import annotations

from datetime import date, datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.pairs.notices import (
    AcceptanceNudge,
    CheckInPrompt,
    PairEnded,
    PairIntroduction,
    PairStarted,
    StageMoved,
)
from bot.pairs.rules import (
    STAGE_NAMES,
    Agreement,
    AlreadyPaired,
    AlsoPairedOnLine,
    Attention,
    CannotPair,
    Meeting,
    NoPairs,
    NotAParticipant,
    Pair,
    PairColumnsMissing,
    PairRepeated,
    WrongRole,
)
from bot.pairs.service import (
    AlreadyAccepted,
    AlreadyAnswered,
    AlreadyInStage,
    BadMeetingLength,
    CheckInClosed,
    MeetingBeforePairing,
    MeetingInFuture,
    NotInAPair,
    NotOnTheScheme,
    NotPaired,
    NotStarted,
    NotYourCheckIn,
    NotYourPair,
    PairSummary,
    PairView,
    PauseNotInFuture,
    StaleCheckIn,
    TeamPauseNotInFuture,
    UnknownStage,
)
from bot.participants.rules import Participant
from bot.scheme import STAGES, Stage
from handlers.slack.rendering import message_view
from handlers.views.common import error_words
from handlers.views.mrkdwn import escape
from handlers.views.participants import problem_words

ACCEPT, CONCERN, AGREEMENT, STAGE_SELECT = (
    "pair_accept",
    "pair_concern",
    "pair_agreement",
    "pair_stage",
)
MET_YES, MET_NOT_YET, SOMETHING_WRONG = "checkin_yes", "checkin_not_yet", "checkin_wrong"
MEETING_MODAL, AGREEMENT_MODAL = "meeting_submit", "agreement_submit"
MEETING_SHORTCUT = "log_meeting"

STAGE_PROMPTS: dict[Stage, str] = {
    "preparing": "*Preparing*: take time to get to know each other and each other's work and context, and be clear about what you both expect.",
    "negotiation": "*Negotiation*: agree the learning goals, and your boundaries: availability, topics, how to contact each other. Record them with `/mentoring agreement`.",
    "enabling_growth": "*Enabling Growth*: the longest stage, where most of the work happens: talk regularly, and the project team is there if you need it.",
    "coming_to_closure": "*Coming to Closure*: look back at your goals, celebrate what you have learned and achieved, and talk about next steps.",
}
STAGES_EXPLAINED = (
    "Mentoring relationships tend to move through four stages, at your own pace, sometimes back and forth: "
    + " → ".join(STAGE_NAMES.values())
    + "."
)


# Notices ------------------------------------------------------------------------------------------


@message_view(PairIntroduction)
def introduction(n: PairIntroduction) -> tuple[str, list[Block]]:
    text = f"The steering group has paired {escape(n.mentor.name)} (mentor) with {escape(n.mentee.name)} (mentee). Please each accept the pairing."
    return text, [
        HeaderBlock(text="Meet your mentoring partner"),
        SectionBlock(
            text=MarkdownTextObject(
                text=f"The steering group has paired you:\n{_who(n.mentor)}\n{_who(n.mentee)}"
            )
        ),
        SectionBlock(
            text=MarkdownTextObject(text=STAGES_EXPLAINED + "\n" + STAGE_PROMPTS["preparing"])
        ),
        SectionBlock(
            text=MarkdownTextObject(
                text="Please each accept the pairing. If something worries you, tell the project team privately: your partner will not see it."
            )
        ),
        _pair_buttons(n.pair_id),
    ]


@message_view(AcceptanceNudge)
def acceptance_nudge(n: AcceptanceNudge) -> tuple[str, list[Block]]:
    text = f"A gentle reminder: you have been paired with {escape(n.partner.name)}. Please accept the pairing, or tell the project team privately if something worries you."
    return text, [SectionBlock(text=MarkdownTextObject(text=text)), _pair_buttons(n.pair_id)]


@message_view(PairStarted)
def pair_started(n: PairStarted) -> tuple[str, list[Block]]:
    text = f"You have both accepted: welcome, {escape(n.mentor.name)} and {escape(n.mentee.name)}! You start in {STAGE_NAMES['preparing']}."
    return text, [
        SectionBlock(
            text=MarkdownTextObject(
                text=f"{text}\n{STAGE_PROMPTS['preparing']}\nI'll check in with you both every so often."
            )
        ),
        ActionsBlock(
            elements=[ButtonElement(text="Record our agreement", action_id=AGREEMENT, value="edit")]
        ),
    ]


@message_view(CheckInPrompt)
def checkin_prompt(n: CheckInPrompt) -> tuple[str, list[Block]]:
    question = (
        f"Have you met since {n.since:%A} {n.since.day} {n.since:%B}?"
        if n.since
        else "Have you met yet?"
    )
    opening = "A gentle reminder from your last check-in. " if n.follow_up else ""
    text = f"{opening}{question}"
    value = str(n.checkin_id)
    return text, [
        SectionBlock(
            text=MarkdownTextObject(text=f"{opening}*{question}*\n{STAGE_PROMPTS[n.stage]}")
        ),
        ActionsBlock(
            block_id=f"checkin:{n.checkin_id}",
            elements=[
                ButtonElement(text="Yes", action_id=MET_YES, value=value, style="primary"),
                ButtonElement(text="Not yet", action_id=MET_NOT_YET, value=value),
                ButtonElement(text="Something's wrong", action_id=SOMETHING_WRONG, value=value),
            ],
        ),
        ActionsBlock(block_id=f"stage:{n.pair_id}", elements=[stage_select(n.pair_id, n.stage)]),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="“Something's wrong” goes privately to the project team; your partner will not see it."
                )
            ]
        ),
    ]


@message_view(StageMoved)
def stage_moved(n: StageMoved) -> tuple[str, list[Block]]:
    text = f"{escape(n.moved_by)} moved your pair to {STAGE_NAMES[n.stage]}."
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f"{text}\n{STAGE_PROMPTS[n.stage]}"))
    ]
    if n.stage == "negotiation":
        blocks.append(
            ActionsBlock(
                elements=[
                    ButtonElement(text="Record our agreement", action_id=AGREEMENT, value="edit")
                ]
            )
        )
    return text, blocks


@message_view(PairEnded)
def pair_ended(n: PairEnded) -> tuple[str, list[Block]]:
    text = (
        f"Your mentoring pairing with {escape(n.partner.name)} has now ended. Thank you for the time you have given it. "
        "The project team will be in touch about what happens next; you can always reach them with `/mentoring concern`."
    )
    return text, [SectionBlock(text=MarkdownTextObject(text=text))]


# Replies to commands and buttons --------------------------------------------------------------------


def my_pair_message(view: PairView, now: datetime) -> str:
    pair, agreement = view.pair, view.agreement
    status = {"awaiting": "waiting for you both to accept", "active": "", "ended": "ended"}[
        pair.status
    ]
    lines = [
        f"*Your partner:* {escape(view.partner.name)} ({view.partner.role})",
        f"*Stage:* {STAGE_NAMES[pair.stage]} since {view.stage_since:%d %B %Y}"
        + (f" ({status})" if status else ""),
    ]
    lines.append(
        "*Your agreement:* "
        + ("not recorded yet; use `/mentoring agreement`" if agreement.is_empty else "")
    )
    if not agreement.is_empty:
        lines += [
            f"• Goals: {escape(agreement.goals) or '–'}",
            f"• Availability: {escape(agreement.availability) or '–'}",
            f"• Topics: {escape(agreement.topics) or '–'}",
            f"• Contact: {escape(agreement.contact) or '–'}",
        ]
    if view.meetings:
        lines.append(f"*Meetings ({len(view.meetings)}):*")
        lines += [
            f"• {m.met_on:%d %b %Y}, {_length(m.minutes)}"
            + (f": {escape(m.topics)}" if m.topics else "")
            for m in view.meetings[-5:]
        ]
    else:
        lines.append("*Meetings:* none logged yet; use `/mentoring met YYYY-MM-DD 45m topics`")
    if view.me.paused_until and view.me.paused_until > now.date():
        lines.append(f"_Your check-ins are paused until {view.me.paused_until:%d %B %Y}._")
    return "\n".join(lines)


def team_pairs_message(pairs: list[PairSummary]) -> str:
    if not pairs:
        return "There are no pairs yet. Import the steering group's pairings or use `/mentoring team pair @mentor @mentee`."
    lines = [f"*{len(pairs)} pairs*"]
    for s in pairs:
        flag = f":warning: needs attention: {attention_words(s.attention)}. " if s.attention else ""
        if s.pair.status == "awaiting":
            state = "awaiting acceptance from " + " and ".join(map(escape, s.not_accepted))
        else:
            met = f"last met {s.last_meeting:%d %b %Y}" if s.last_meeting else "no meeting logged"
            state = f"{STAGE_NAMES[s.pair.stage]}, {met}, {s.open_checkins} open check-in{'s' if s.open_checkins != 1 else ''}"
        lines.append(f"• {flag}*{escape(s.mentor)}* & *{escape(s.mentee)}*: {state}")
    return "\n".join(lines)


def attention_words(attention: Attention) -> str:
    """Why a pair needs the team's attention, to follow "needs attention: "."""
    if attention.kind == "not_yet":
        return f"answered “Not yet” {attention.count} times in a row"
    return f"no meeting logged for {attention.count} weeks"


def answered(person: Participant, pair: Pair, answer: str) -> tuple[str, list[Block]]:
    """The check-in as it reads once answered: the answer, and the stage menu still at hand."""
    words = {"yes": "Yes, we've met", "not_yet": "Not yet"}[answer]
    text = f"{escape(person.name)} answered: {words}." + (
        " That's fine; I'll ask again next time." if answer == "not_yet" else " Thank you!"
    )
    return text, [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(block_id=f"stage:{pair.id}", elements=[stage_select(pair.id, pair.stage)]),
    ]


def meeting_logged(met_on: date, minutes: int) -> str:
    return f"Logged: you met on {met_on:%A} {met_on.day} {met_on:%B %Y} for {_length(minutes)}. Thank you!"


def stage_select(pair_id: int, current: Stage) -> StaticSelectElement:
    options = [Option(text=STAGE_NAMES[s], value=f"{pair_id}:{s}") for s in STAGES]
    return StaticSelectElement(
        action_id=STAGE_SELECT,
        placeholder="Change stage",
        options=options,
        initial_option=options[STAGES.index(current)],
    )


# Modals ---------------------------------------------------------------------------------------------


def meeting_modal(today: date, callback_id: str = MEETING_MODAL) -> View:
    """`callback_id`: which listener saves it (the Home's also redraws the Home)."""
    return View(
        type="modal",
        callback_id=callback_id,
        title="Log a meeting",
        submit="Save",
        close="Cancel",
        blocks=[
            InputBlock(
                block_id="met_on",
                label="When did you meet?",
                element=DatePickerElement(action_id="value", initial_date=today.isoformat()),
            ),
            InputBlock(
                block_id="minutes",
                label="For how many minutes?",
                element=NumberInputElement(
                    action_id="value", is_decimal_allowed=False, min_value="1", max_value="480"
                ),
            ),
            InputBlock(
                block_id="topics",
                label="What did you talk about?",
                optional=True,
                element=PlainTextInputElement(action_id="value", multiline=True, max_length=500),
            ),
        ],
    )


def agreement_modal(agreement: Agreement, callback_id: str = AGREEMENT_MODAL) -> View:
    def field(block_id: str, label: str, value: str, hint: str) -> InputBlock:
        return InputBlock(
            block_id=block_id,
            label=label,
            optional=True,
            hint=hint,
            element=PlainTextInputElement(
                action_id="value", multiline=True, initial_value=value or None, max_length=1000
            ),
        )

    return View(
        type="modal",
        callback_id=callback_id,
        title="Our agreement",
        submit="Save",
        close="Cancel",
        blocks=[
            field("goals", "Learning goals", agreement.goals, "What the mentee hopes to gain"),
            field(
                "availability",
                "Availability",
                agreement.availability,
                "How often and when you meet",
            ),
            field("topics", "Topics", agreement.topics, "What you will and won't discuss"),
            field(
                "contact",
                "How to contact each other",
                agreement.contact,
                "e.g. Slack first, phone if urgent",
            ),
        ],
    )


def _pair_buttons(pair_id: int) -> ActionsBlock:
    return ActionsBlock(
        block_id=f"pair:{pair_id}",
        elements=[
            ButtonElement(text="Accept", action_id=ACCEPT, value=str(pair_id), style="primary"),
            ButtonElement(text="I have a concern", action_id=CONCERN, value=str(pair_id)),
        ],
    )


def _who(person: Participant) -> str:
    about = f": {escape(person.about)}" if person.about else ""
    return f"• *{escape(person.name)}* ({person.role}){about}"


def _length(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return " ".join(
        part for part in (f"{hours} h" if hours else "", f"{rest} min" if rest else "") if part
    )


def accepted(pair: Pair) -> str:
    waiting = (
        " I'll let you both know when your partner has accepted too."
        if pair.status == "awaiting"
        else ""
    )
    return f"Thank you for accepting the pairing.{waiting}"


def stage_moved_reply(pair: Pair) -> str:
    return (
        f"Done: your pair has moved from {STAGE_NAMES[pair.stage]}. "
        "I've told you both in your group message."
    )


def paused_reply(until: date | None) -> str:
    if until is None:
        return "Welcome back: your pair's check-ins have resumed."
    return (
        "Enjoy your time away. Your pair's check-ins are paused until "
        f"{until:%A} {until.day} {until:%B %Y}."
    )


def paired_reply(mentor: str, mentee: str) -> str:
    return (
        f"Done: <@{mentor}> and <@{mentee}> are paired. "
        "I've introduced them and asked them both to accept."
    )


def pair_paused_reply(member: str, until: date | None) -> str:
    return f"Done: <@{member}>'s pair " + (
        f"has no check-ins until {until:%d %B %Y}." if until else "has its check-ins back."
    )


def unpaired_reply(ended: tuple[Participant, Participant], reason: str) -> str:
    first, second = (escape(p.name) for p in ended)
    return (
        f"Done: the pairing of {first} and {second} has ended ({escape(reason)}). "
        "Each has been told, separately."
    )


def meeting_logged_modal(meeting: Meeting) -> dict:
    """What the meeting modal turns into once the meeting is logged."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Log a meeting"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": meeting_logged(meeting.met_on, meeting.minutes)},
            }
        ],
    }


# What went wrong ------------------------------------------------------------------------------------


@error_words(NotInAPair)
def not_in_a_pair(_: NotInAPair) -> str:
    return "You are not in a mentoring pair yet. The project team will pair you and I'll introduce you."


@error_words(NotYourPair)
def not_your_pair(_: NotYourPair) -> str:
    return "That button belongs to a pairing that has changed since. Use `/mentoring pair` to see yours."


@error_words(AlreadyAccepted)
def already_accepted(_: AlreadyAccepted) -> str:
    return "You have already accepted this pairing. Thank you!"


@error_words(UnknownStage)
def unknown_stage(error: UnknownStage) -> str:
    *first, last = STAGE_NAMES.values()
    return (
        f"“{escape(error.said)}” is not a stage. "
        f"Please choose one of the four: {', '.join(first)} or {last}."
    )


@error_words(NotStarted)
def not_started(_: NotStarted) -> str:
    return "Your pairing starts once you have both accepted it."


@error_words(AlreadyInStage)
def already_in_stage(error: AlreadyInStage) -> str:
    return f"Your pair is already in {STAGE_NAMES[error.stage]}."


@error_words(PauseNotInFuture)
def pause_not_in_future(_: PauseNotInFuture) -> str:
    return "Please give a date in the future, e.g. `/mentoring pause until 2026-03-01`."


@error_words(NotYourCheckIn)
def not_your_check_in(_: NotYourCheckIn) -> str:
    return "This check-in belongs to another pair, so I can't record your answer."


@error_words(CheckInClosed)
def check_in_closed(_: CheckInClosed) -> str:
    return "This pairing has ended, so the check-in is closed."


@error_words(StaleCheckIn)
def stale_check_in(_: StaleCheckIn) -> str:
    return "This is an older check-in. Please answer the latest one I sent."


@error_words(AlreadyAnswered)
def already_answered(_: AlreadyAnswered) -> str:
    return "This check-in has already been answered. Thank you!"


@error_words(MeetingInFuture)
def meeting_in_future(error: MeetingInFuture) -> str:
    return f"{error.met_on:%d %B %Y} is in the future. Log a meeting once it has happened."


@error_words(MeetingBeforePairing)
def meeting_before_pairing(error: MeetingBeforePairing) -> str:
    return f"{error.met_on:%d %B %Y} is before you were paired. Please check the date."


@error_words(BadMeetingLength)
def bad_meeting_length(_: BadMeetingLength) -> str:
    return "Please give the meeting's length in minutes or hours, e.g. `45m` or `1h30m`."


@error_words(NotOnTheScheme)
def not_on_the_scheme(error: NotOnTheScheme) -> str:
    return f"<@{error.slack_user_id}> is not on the scheme yet; import them first."


@error_words(NotPaired)
def not_paired(error: NotPaired) -> str:
    return f"<@{error.slack_user_id}> is not in a pair."


@error_words(TeamPauseNotInFuture)
def team_pause_not_in_future(_: TeamPauseNotInFuture) -> str:
    return "Please give a date in the future."


@error_words(WrongRole)
def wrong_role(error: WrongRole) -> str:
    return f"{escape(error.name)} is a {error.role}, not a {error.needed}."


@error_words(AlreadyPaired)
def already_paired(error: AlreadyPaired) -> str:
    return f"{escape(error.name)} is already in a pair; unpair them first."


@error_words(AlsoPairedOnLine)
def also_paired_on_line(error: AlsoPairedOnLine) -> str:
    return f"{escape(error.name)} is also paired on line {error.line}."


# The pairings file's report -----------------------------------------------------------------------
# Printed by the command line, so plain text: nothing here is Slack mrkdwn, and import_problems
# (handlers/views/participants.py) puts "line N: " before each.


@problem_words(PairColumnsMissing)
def pair_columns_missing(_: PairColumnsMissing) -> str:
    return "the header needs the columns mentor_email, mentee_email"


@problem_words(NotAParticipant)
def not_a_participant(problem: NotAParticipant) -> str:
    return f"{problem.email or '(empty)'} is not a participant; import them first"


@problem_words(PairRepeated)
def pair_repeated(problem: PairRepeated) -> str:
    return f"the same pair is already on line {problem.first_line}"


@problem_words(CannotPair)
def cannot_pair(problem: CannotPair) -> str:
    """The pairing rule's fault: the command's error words, in plain text without a full stop."""
    fault = problem.fault
    if isinstance(fault, WrongRole):
        return f"{fault.name} is a {fault.role}, not a {fault.needed}"
    if isinstance(fault, AlreadyPaired):
        return f"{fault.name} is already in a pair; unpair them first"
    return f"{fault.name} is also paired on line {fault.line}"


@problem_words(NoPairs)
def no_pairs(_: NoPairs) -> str:
    return "the file has a header but no pairs"
