"""What the team's channel is told when a closed cohort's personal data is erased."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from bot.cohorts.notices import CohortErased
from handlers.i18n import ngettext
from handlers.slack.rendering import message_view


@message_view(CohortErased)
def cohort_erased(erased: CohortErased) -> tuple[str, list[Block]]:
    text = ngettext(
        "{cohort}'s personal data was erased as the programme file says ({n} person); its "
        "counts and results are kept.",
        "{cohort}'s personal data was erased as the programme file says ({n} people); its "
        "counts and results are kept.",
        erased.people,
    ).format(cohort=erased.cohort, n=erased.people)
    return text, [SectionBlock(text=MarkdownTextObject(text=text))]
