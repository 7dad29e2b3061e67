"""The next cohort's programme file as the team receives it in their channel."""

from __future__ import annotations

from bot.cohorts.notices import NextProgrammeFile
from handlers.i18n import _
from handlers.slack.rendering import SharedFile, file_view


@file_view(NextProgrammeFile)
def next_programme_file(file: NextProgrammeFile) -> SharedFile:
    comment = _(
        "The programme file for {new}, started from {old}: {n} dates to confirm. Check it with "
        "`mentorbot check`, deploy it as the bot's programme (MENTORBOT_PROGRAMME), then confirm "
        "each date in the console."
    ).format(new=file.new, old=file.old, n=file.to_confirm)
    title = _("Programme file for {cohort}").format(cohort=file.new)
    return SharedFile(file.text.encode(), title, comment)
