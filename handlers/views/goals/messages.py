"""What people read about goals in messages: a check-in's question about one goal and its answer,
word that the partner changed them, and the pair's goals, each with its story, as `/mentoring
goals` and the Home tell them. Words and Block Kit, pure."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    MarkdownTextObject,
    SectionBlock,
)

from bot.goals.model import PROGRESSES, Boundaries, Goal, Progress
from bot.goals.notices import GoalQuestion, GoalsUpdated
from bot.goals.rules import MAX_GOALS
from bot.goals.service import GoalAnswered, MyGoals
from handlers.i18n import N_, _, day, short_day
from handlers.slack.rendering import message_view
from handlers.views.common import note, quoted
from handlers.views.mrkdwn import escape

# The button that opens the goals form from a message: the id the old "Record our agreement"
# buttons carry too, so those already posted open it.
SET_GOALS = "pair_agreement"
# Each progress answer's button on a check-in's question.
PROGRESS_BUTTON: dict[Progress, str] = {p: f"goal_{p}" for p in PROGRESSES}
PROGRESS_NAMES: dict[Progress, str] = {
    "not_started": N_("Not started"),
    "under_way": N_("Under way"),
    "achieved": N_("Achieved"),
    "changed": N_("Changed"),
}
# How many of a goal's latest answers its story shows (a long scheme asks about it often).
STORY_SHOWN = 8


def progress_name(progress: Progress) -> str:
    return _(PROGRESS_NAMES[progress])


def set_goals_button(pair_id: int) -> ButtonElement:
    return ButtonElement(text=_("Set our goals"), action_id=SET_GOALS, value=str(pair_id))


# Notices ------------------------------------------------------------------------------------------


@message_view(GoalQuestion)
def goal_question(n: GoalQuestion) -> tuple[str, list[Block]]:
    asked = _("How is goal {place} of {of} going?").format(place=n.place, of=n.of)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"*{asked}*"))]
    blocks += quoted(n.what)
    if n.by_when:
        blocks.append(note(_("You meant to reach it by {day}.").format(day=day(n.by_when))))
    blocks += [
        ActionsBlock(
            block_id=f"goal:{n.checkin_id}",
            elements=[
                ButtonElement(
                    text=progress_name(p), action_id=PROGRESS_BUTTON[p], value=str(n.checkin_id)
                )
                for p in PROGRESSES
            ],
        ),
        note(_("Either of you can answer. Each answer joins the goal's story on your Home.")),
    ]
    return f"{asked} {escape(n.what)}", blocks


@message_view(GoalsUpdated)
def goals_updated(n: GoalsUpdated) -> tuple[str, list[Block]]:
    text = _(
        "{person} has changed your pair's learning goals or boundaries. See them on your Home, "
        "or with `/mentoring goals`."
    ).format(person=escape(n.by))
    return text, [SectionBlock(text=MarkdownTextObject(text=text))]


# Replies to buttons and commands ------------------------------------------------------------------


def goal_answered(answered: GoalAnswered) -> tuple[str, list[Block]]:
    """A check-in's question as it reads once answered: who said what, about which goal."""
    goal = answered.goal
    text = _("{person} answered: {progress}. Thank you!").format(
        person=escape(answered.person.name), progress=progress_name(goal.progress)
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=text)), *quoted(goal.what)]
    if goal.progress == "achieved":
        blocks.append(note(_("Well done, both of you.")))
    elif goal.progress == "changed":
        blocks.append(note(change_in_negotiation()))
    return text, blocks


def change_in_negotiation() -> str:
    """Where a pair goes to change its goals."""
    return _(
        "To rewrite a goal, move your pair back to Negotiation (`/mentoring stage negotiation`) "
        "and edit your goals there."
    )


def goals_message(mine: MyGoals, zone: ZoneInfo) -> str:
    """`/mentoring goals` outside Negotiation: the pair's goals, each with its story, and its
    boundaries, with where they are changed."""
    lines = [_("*Your learning goals*")]
    if mine.goals:
        for goal in mine.goals:
            lines += [f"*{goal.position}.* {escape(goal.what)}", *goal_details(goal, zone)]
    else:
        lines.append(no_goals_words(mine))
    lines += boundaries_lines(mine.boundaries)
    if mine.pair.status == "active" and mine.goals:
        lines.append(change_in_negotiation())
    return "\n".join(lines)


def no_goals_words(mine: MyGoals) -> str:
    """What the pair has not set yet, and when and how they set it."""
    if mine.editable:
        return _(
            "None yet. Agree up to {most} with your partner: what you want to achieve, how you "
            "will know, by when, and how confident the mentee feels today (1–10)."
        ).format(most=MAX_GOALS)
    if mine.pair.status != "active" or mine.pair.stage == "preparing":
        return _("You will agree up to {most} in Negotiation, with your boundaries.").format(
            most=MAX_GOALS
        )
    return _(
        "None recorded. To record them, move your pair back to Negotiation "
        "(`/mentoring stage negotiation`)."
    )


def goal_details(goal: Goal, zone: ZoneInfo) -> list[str]:
    """A goal's how, when and confidence, then its progress and story: each line one piece of
    it, and what was never given left out."""
    known = _("How you will know: {how}").format(how=escape(goal.how_known))
    when = _("By {day}").format(day=day(goal.by_when)) if goal.by_when else ""
    start, end = goal.confidence_start, goal.confidence_end
    confidence = _("Confidence at the start: {score}/10").format(score=start) if start else ""
    closing = _("At the close: {score}/10").format(score=end) if end else ""
    details = " · ".join(w for w in (when, confidence, closing) if w)
    return [line for line in (known if goal.how_known else "", details) if line] + [
        _story(goal, zone)
    ]


def _story(goal: Goal, zone: ZoneInfo) -> str:
    progress = _("_Progress:_ {progress}").format(progress=progress_name(goal.progress))
    steps = [
        f"{short_day(s.said_at.astimezone(zone).date())}: {progress_name(s.progress)}"
        for s in goal.story[-STORY_SHOWN:]
    ]
    if not steps:
        return progress
    earlier = len(goal.story) - len(steps)
    told = _(" (and {n} earlier)").format(n=earlier) if earlier else ""
    return f"{progress} ({' → '.join(steps)}){told}"


def boundaries_parts(boundaries: Boundaries) -> list[tuple[str, str]]:
    """Each boundary the pair recorded: its name, and their words."""
    parts = (
        (_("Availability"), boundaries.availability),
        (_("Topics"), boundaries.topics),
        (_("Contact"), boundaries.contact),
    )
    return [(label, text) for label, text in parts if text]


def boundaries_lines(boundaries: Boundaries) -> list[str]:
    parts = boundaries_parts(boundaries)
    heading = [_("*Your boundaries*")] if parts else []
    return heading + [f"• {label}: {escape(text)}" for label, text in parts]
