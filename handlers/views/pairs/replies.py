"""What the pairs feature answers a person who acted, in the conversation or a command."""

from __future__ import annotations

from datetime import date

from bot.pairs.model import Pair
from bot.participants.model import Participant
from handlers.i18n import _, formatted, until_day
from handlers.views.mrkdwn import escape
from handlers.views.pairs.messages import stage_name


def accepted(pair: Pair) -> str:
    if pair.status == "awaiting":
        return _(
            "Thank you for accepting the pairing. I'll let you both know when your partner has accepted too."
        )
    return _("Thank you for accepting the pairing.")


def stage_moved_reply(pair: Pair) -> str:
    return _(
        "Done: your pair has moved from {stage}. I've told you both in your group message."
    ).format(stage=stage_name(pair.stage))


def paused_reply(until: date | None) -> str:
    if until is None:
        return _("Welcome back: your pair's check-ins have resumed.")
    return _("Enjoy your time away. Your pair's check-ins are paused {until_day}.").format(
        until_day=until_day(until)
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
