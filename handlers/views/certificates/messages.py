"""What people read about certificates in Slack: the certificate as a file in their DM, the
answer to `/mentoring certificate` (sent, or kindly what completing still needs), and the team's
list of who completed. Words, pure."""

from __future__ import annotations

from bot.certificates.model import Certificate
from bot.certificates.notices import CertificateFile
from bot.certificates.service import Progress
from handlers.i18n import _, day, ngettext
from handlers.slack.rendering import SharedFile, file_view
from handlers.views.certificates.page import ROLE_NAMES
from handlers.views.mrkdwn import escape


@file_view(CertificateFile)
def certificate_file(notice: CertificateFile) -> SharedFile:
    from handlers.views.certificates.pdf import (
        certificate_pdf,  # drawn at first use: see handlers/views/documents.py
    )

    certificate = notice.certificate
    return SharedFile(
        certificate_pdf(certificate, notice.public_url),
        _("Your certificate of participation"),
        comment=_(
            "Here is your certificate of participation in the mentoring scheme. Anyone you "
            "show it to can check it with its code, {code}."
        ).format(code=certificate.code),
    )


def certificate_sent(certificate: Certificate) -> str:
    return _(
        "Well done on completing the scheme. I've put your certificate of participation in our "
        "direct messages: its code is {code}."
    ).format(code=certificate.code)


def still_to_complete(progress: Progress) -> str:
    """What completing needs, and the step they are at: kindly, as a next step."""
    needs = _(
        "You'll get a certificate of participation once you complete the scheme: you and your "
        "partner log at least one meeting, and your pair reaches Coming to Closure or is still "
        "going on the scheme's last day, {day}."
    ).format(day=day(progress.ends_on))
    if not progress.paired and progress.awaiting:
        step = _("Your pairing starts once you and your partner have both accepted it.")
    elif not progress.paired:
        step = _("You're not in a pair yet: the project team will pair you.")
    elif not progress.met:
        step = _(
            "Your pair hasn't logged a meeting yet. After you meet, type e.g. "
            "`/mentoring met 2026-02-03 45m career planning`."
        )
    else:
        step = _("When you and your partner are ready to close, type `/mentoring stage closure`.")
    return f"{needs}\n{step}"


def team_completed_message(completed: list[Certificate]) -> str:
    """Everyone who completed, by name, role and meetings (the team's command only)."""
    if not completed:
        return _("Nobody has completed the scheme yet.")
    lines = [_("*Completed the scheme* ({n})").format(n=len(completed))]
    for certificate in completed:
        meetings = ngettext("{n} mentoring meeting", "{n} mentoring meetings", certificate.meetings)
        lines.append(
            _("• {name}, {role}, {meetings}").format(
                name=escape(certificate.name),
                role=_(ROLE_NAMES[certificate.role]).lower(),
                meetings=meetings.format(n=certificate.meetings),
            )
        )
    return "\n".join(lines)
