"""Concerns raised privately with the project team. The text goes to the team's private channel
and nowhere else; the person who raised it hears, in their own DM, that the team has it."""

from __future__ import annotations

from datetime import datetime

from bot.delivery import Deliveries, Outgoing
from bot.errors import UserError
from bot.notices import ConcernForTeam, ConcernReceived
from bot.ports import Delivery, UnitOfWorkFactory
from bot.team import Team

MAX_CONCERN_LENGTH = 3000


class AlertsService:
    def __init__(self, uow: UnitOfWorkFactory, deliveries: Deliveries, team: Team):
        self._uow = uow
        self._deliveries = deliveries
        self._team = team

    def raise_concern(self, slack_user_id: str, source: str, text: str, now: datetime) -> bool:
        """Stores the concern and posts it to the team channel; the reporter is told only once
        the team's channel has it. Returns whether it reached the team."""
        text = text.strip()
        if not text:
            raise UserError("Please say a little about what is happening, so the team can help.")
        with self._uow() as uow:
            reporter = uow.participants.by_slack_id(slack_user_id)
            pair = uow.pairs.current_for(reporter.id) if reporter else None
            names = None
            if pair is not None:
                mentor, mentee = (
                    uow.participants.get(pair.mentor_id),
                    uow.participants.get(pair.mentee_id),
                )
                names = f"{mentor.name if mentor else '?'} (mentor) & {mentee.name if mentee else '?'} (mentee)"
            concern_id = uow.concerns.add(
                reporter.id if reporter else None,
                pair.id if pair else None,
                source,
                text[:MAX_CONCERN_LENGTH],
                now,
            )
            uow.commit()
        alert = ConcernForTeam(
            concern_id,
            reporter,
            names,
            pair.stage if pair else None,
            source,
            text[:MAX_CONCERN_LENGTH],
        )
        team_key = f"concern:{concern_id}:team"
        sent = self._deliveries.send(
            [
                Outgoing(
                    Delivery(team_key, "concern", str(concern_id), self._team.channel, None), alert
                )
            ],
            now,
        )
        if team_key not in sent:
            return False
        confirmation = Outgoing(
            Delivery(
                f"concern:{concern_id}:reporter",
                "concern-received",
                str(concern_id),
                slack_user_id,
                reporter.id if reporter else None,
            ),
            ConcernReceived(concern_id),
        )
        self._deliveries.send([confirmation], now)
        return True
