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

from bot.pairs.errors import (
    AlreadyAccepted,
    AlreadyAnswered,
    AlreadyInStage,
    AlreadyPaired,
    AlsoPairedOnLine,
    BadMeetingLength,
    CannotPair,
    CheckInClosed,
    MeetingBeforePairing,
    MeetingInFuture,
    NoPairs,
    NotInAPair,
    NotPaired,
    NotStarted,
    NotYourCheckIn,
    NotYourPair,
    PairColumnsMissing,
    PairingEnded,
    PairingFault,
    PairRepeated,
    PauseNotInFuture,
    StaleCheckIn,
    TeamPauseNotInFuture,
    UnknownEmail,
    UnknownStage,
    WrongRole,
)
from bot.pairs.model import Agreement, Attention, Meeting, Pair
from bot.pairs.notices import (
    AcceptanceNudge,
    CheckInPrompt,
    PairEnded,
    PairIntroduction,
    PairStarted,
    StageMoved,
)
from bot.pairs.rules import STAGE_NAMES
from bot.pairs.service import NotOnTheScheme, PairSummary, PairView
from bot.participants.model import Participant, Role
from bot.scheme import STAGES, Stage
from handlers.i18n import N_, _, day, formatted, ngettext
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
    "preparing": N_(
        "*Preparing*: take time to get to know each other and each other's work and context, and be clear about what you both expect."
    ),
    "negotiation": N_(
        "*Negotiation*: agree the learning goals, and your boundaries: availability, topics, how to contact each other. Record them with `/mentoring agreement`."
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


def _stage_name(stage: Stage) -> str:
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
        mentor=escape(n.mentor.name), mentee=escape(n.mentee.name), stage=_stage_name("preparing")
    )
    checking_in = _("I'll check in with you both every so often.")
    return text, [
        SectionBlock(
            text=MarkdownTextObject(text=f"{text}\n{_stage_prompt('preparing')}\n{checking_in}")
        ),
        ActionsBlock(elements=[_agreement_button()]),
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
                ButtonElement(text=_("Something's wrong"), action_id=SOMETHING_WRONG, value=value),
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
        person=escape(n.moved_by), stage=_stage_name(n.stage)
    )
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=f"{text}\n{_stage_prompt(n.stage)}"))
    ]
    if n.stage == "negotiation":
        blocks.append(ActionsBlock(elements=[_agreement_button()]))
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


def my_pair_message(view: PairView, now: datetime) -> str:
    if view.pair.status == "ended":
        return pairing_ended_words()
    agreement = view.agreement
    lines = [
        _("*Your partner:* {name} ({role})").format(
            name=escape(view.partner.name), role=_role_name(view.partner.role)
        ),
        _stage_line(view),
    ]
    if agreement.is_empty:
        lines.append(_("*Your agreement:* not recorded yet; use `/mentoring agreement`"))
    else:
        # The heading alone, then each part on its own line (its trailing space as always)
        lines.append(_("*Your agreement:*") + " ")
        lines += [
            _("• Goals: {goals}").format(goals=escape(agreement.goals) or "–"),
            _("• Availability: {availability}").format(
                availability=escape(agreement.availability) or "–"
            ),
            _("• Topics: {topics}").format(topics=escape(agreement.topics) or "–"),
            _("• Contact: {contact}").format(contact=escape(agreement.contact) or "–"),
        ]
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
    return "\n".join(lines)


def _stage_line(view: PairView) -> str:
    """The pair's stage since when, and whether it is still waiting to start."""
    pair = view.pair
    words = _waiting_for(view) if pair.status == "awaiting" else _("*Stage:* {stage} since {date}")
    return words.format(
        stage=_stage_name(pair.stage),
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
    stage, n = _stage_name(s.pair.stage), s.open_checkins
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


def stage_select(pair_id: int, current: Stage) -> StaticSelectElement:
    options = [Option(text=_stage_name(s), value=f"{pair_id}:{s}") for s in STAGES]
    return StaticSelectElement(
        action_id=STAGE_SELECT,
        placeholder=_("Change stage"),
        options=options,
        initial_option=options[STAGES.index(current)],
    )


# Modals ---------------------------------------------------------------------------------------------


def meeting_modal(today: date, callback_id: str = MEETING_MODAL) -> View:
    """`callback_id`: which listener saves it (the Home's also redraws the Home)."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=_("Log a meeting"),
        submit=_("Save"),
        close=_("Cancel"),
        blocks=[
            InputBlock(
                block_id="met_on",
                label=_("When did you meet?"),
                element=DatePickerElement(action_id="value", initial_date=today.isoformat()),
            ),
            InputBlock(
                block_id="minutes",
                label=_("For how many minutes?"),
                element=NumberInputElement(
                    action_id="value", is_decimal_allowed=False, min_value="1", max_value="480"
                ),
            ),
            InputBlock(
                block_id="topics",
                label=_("What did you talk about?"),
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
        title=_("Our agreement"),
        submit=_("Save"),
        close=_("Cancel"),
        blocks=[
            field(
                "goals", _("Learning goals"), agreement.goals, _("What the mentee hopes to gain")
            ),
            field(
                "availability",
                _("Availability"),
                agreement.availability,
                _("How often and when you meet"),
            ),
            field("topics", _("Topics"), agreement.topics, _("What you will and won't discuss")),
            field(
                "contact",
                _("How to contact each other"),
                agreement.contact,
                _("e.g. Slack first, phone if urgent"),
            ),
        ],
    )


def _pair_buttons(pair_id: int) -> ActionsBlock:
    return ActionsBlock(
        block_id=f"pair:{pair_id}",
        elements=[
            ButtonElement(text=_("Accept"), action_id=ACCEPT, value=str(pair_id), style="primary"),
            ButtonElement(text=_("I have a concern"), action_id=CONCERN, value=str(pair_id)),
        ],
    )


def _agreement_button() -> ButtonElement:
    return ButtonElement(text=_("Record our agreement"), action_id=AGREEMENT, value="edit")


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


def accepted(pair: Pair) -> str:
    if pair.status == "awaiting":
        return _(
            "Thank you for accepting the pairing. I'll let you both know when your partner has accepted too."
        )
    return _("Thank you for accepting the pairing.")


def stage_moved_reply(pair: Pair) -> str:
    return _(
        "Done: your pair has moved from {stage}. I've told you both in your group message."
    ).format(stage=_stage_name(pair.stage))


def paused_reply(until: date | None) -> str:
    if until is None:
        return _("Welcome back: your pair's check-ins have resumed.")
    return _("Enjoy your time away. Your pair's check-ins are paused until {day}.").format(
        day=day(until)
    )


def paired_reply(mentor: str, mentee: str) -> str:
    return _(
        "Done: <@{mentor}> and <@{mentee}> are paired. I've introduced them and asked them both to accept."
    ).format(mentor=mentor, mentee=mentee)


def pair_paused_reply(member: str, until: date | None) -> str:
    if until:
        return _("Done: <@{member}>'s pair has no check-ins until {date}.").format(
            member=member, date=formatted(until, "dd MMMM y")
        )
    return _("Done: <@{member}>'s pair has its check-ins back.").format(member=member)


def unpaired_reply(ended: tuple[Participant, Participant], reason: str) -> str:
    first, second = (escape(p.name) for p in ended)
    return _(
        "Done: the pairing of {first} and {second} has ended ({reason}). Each has been told, separately."
    ).format(first=first, second=second, reason=escape(reason))


def meeting_logged_modal(meeting: Meeting) -> dict:
    """What the meeting modal turns into once the meeting is logged."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": _("Log a meeting")},
        "close": {"type": "plain_text", "text": _("Close")},
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": meeting_logged(meeting.met_on, meeting.minutes)},
            }
        ],
    }


# What went wrong ------------------------------------------------------------------------------------


@error_words(NotInAPair)
def not_in_a_pair(_error: NotInAPair) -> str:
    return _(
        "You are not in a mentoring pair yet. The project team will pair you and I'll introduce you."
    )


@error_words(NotYourPair)
def not_your_pair(_error: NotYourPair) -> str:
    return _(
        "That button belongs to a pairing that has changed since. Use `/mentoring pair` to see yours."
    )


def pairing_ended_words() -> str:
    """A pairing that has ended, to either of the two: whyever it ended, no reason and no name."""
    return _(
        "Your mentoring pairing has ended. The project team will be in touch about what happens "
        "next; you can always reach them with `/mentoring concern`."
    )


@error_words(PairingEnded)
def pairing_ended(_error: PairingEnded) -> str:
    return pairing_ended_words()


@error_words(AlreadyAccepted)
def already_accepted(_error: AlreadyAccepted) -> str:
    return _("You have already accepted this pairing. Thank you!")


@error_words(UnknownStage)
def unknown_stage(error: UnknownStage) -> str:
    first, second, third, fourth = (_stage_name(stage) for stage in STAGES)
    return _(
        "“{said}” is not a stage. Please choose one of the four: {first}, {second}, {third} or {fourth}."
    ).format(said=escape(error.said), first=first, second=second, third=third, fourth=fourth)


@error_words(NotStarted)
def not_started(_error: NotStarted) -> str:
    return _("Your pairing starts once you have both accepted it.")


@error_words(AlreadyInStage)
def already_in_stage(error: AlreadyInStage) -> str:
    return _("Your pair is already in {stage}.").format(stage=_stage_name(error.stage))


@error_words(PauseNotInFuture)
def pause_not_in_future(_error: PauseNotInFuture) -> str:
    return _("Please give a date in the future, e.g. `/mentoring pause until 2026-03-01`.")


@error_words(NotYourCheckIn)
def not_your_check_in(_error: NotYourCheckIn) -> str:
    return _("This check-in belongs to another pair, so I can't record your answer.")


@error_words(CheckInClosed)
def check_in_closed(_error: CheckInClosed) -> str:
    return _("This pairing has ended, so the check-in is closed.")


@error_words(StaleCheckIn)
def stale_check_in(_error: StaleCheckIn) -> str:
    return _("This is an older check-in. Please answer the latest one I sent.")


@error_words(AlreadyAnswered)
def already_answered(_error: AlreadyAnswered) -> str:
    return _("This check-in has already been answered. Thank you!")


@error_words(MeetingInFuture)
def meeting_in_future(error: MeetingInFuture) -> str:
    return _("{date} is in the future. Log a meeting once it has happened.").format(
        date=formatted(error.met_on, "dd MMMM y")
    )


@error_words(MeetingBeforePairing)
def meeting_before_pairing(error: MeetingBeforePairing) -> str:
    return _("{date} is before you were paired. Please check the date.").format(
        date=formatted(error.met_on, "dd MMMM y")
    )


@error_words(BadMeetingLength)
def bad_meeting_length(_error: BadMeetingLength) -> str:
    return _("Please give the meeting's length in minutes or hours, e.g. `45m` or `1h30m`.")


# Also a form's errors (the console's pair forms): handlers/errors.py writes a mention there as
# the person's name, as a form shows plain text.
@error_words(NotOnTheScheme)
def not_on_the_scheme(error: NotOnTheScheme) -> str:
    return _("<@{user}> is not on the scheme yet; import them first.").format(
        user=error.slack_user_id
    )


@error_words(NotPaired)
def not_paired(error: NotPaired) -> str:
    return _("<@{user}> is not in a pair.").format(user=error.slack_user_id)


@error_words(TeamPauseNotInFuture)
def team_pause_not_in_future(_error: TeamPauseNotInFuture) -> str:
    return _("Please give a date in the future.")


@error_words(WrongRole)
def wrong_role(error: WrongRole) -> str:
    return _fault_words(error, escape(error.name)) + "."


@error_words(AlreadyPaired)
def already_paired(error: AlreadyPaired) -> str:
    return _fault_words(error, escape(error.name)) + "."


@error_words(AlsoPairedOnLine)
def also_paired_on_line(error: AlsoPairedOnLine) -> str:
    return _fault_words(error, escape(error.name)) + "."


def _fault_words(fault: PairingFault, name: str) -> str:
    """Why the pairing rule refuses someone, without a full stop: the command's error ends it
    with one, the pairings file's report does not."""
    if isinstance(fault, WrongRole):
        if fault.needed == "mentor":
            return _("{name} is a mentee, not a mentor").format(name=name)
        return _("{name} is a mentor, not a mentee").format(name=name)
    if isinstance(fault, AlreadyPaired):
        return _("{name} is already in a pair; unpair them first").format(name=name)
    return _("{name} is also paired on line {line}").format(name=name, line=fault.line)


# The pairings file's report -----------------------------------------------------------------------
# Printed by the command line, so plain text: nothing here is Slack mrkdwn, and import_problems
# (handlers/views/participants.py) puts "line N: " before each.


@problem_words(PairColumnsMissing)
def pair_columns_missing(_problem: PairColumnsMissing) -> str:
    return _("the header needs the columns mentor_email, mentee_email")


@problem_words(UnknownEmail)
def unknown_email(problem: UnknownEmail) -> str:
    return _("{email} is not a participant; import them first").format(
        email=problem.email or _("(empty)")
    )


@problem_words(PairRepeated)
def pair_repeated(problem: PairRepeated) -> str:
    return _("the same pair is already on line {line}").format(line=problem.first_line)


@problem_words(CannotPair)
def cannot_pair(problem: CannotPair) -> str:
    """The pairing rule's fault: the command's error words, in plain text without a full stop."""
    return _fault_words(problem.fault, problem.fault.name)


@problem_words(NoPairs)
def no_pairs(_problem: NoPairs) -> str:
    return _("the file has a header but no pairs")
