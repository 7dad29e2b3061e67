"""`mentorbot certificate verify CODE [--cohort COHORT]`: what checking a certificate's code shows
(the name, role and cohort on it, and nothing else), as /certificates/CODE on the web process
shows it, for the project team to check a certificate the web process cannot be reached for, or
one of an earlier cohort (its programme file found as `report` finds one). Exit status: 0 when
the certificate is genuine, 1 when no certificate has the code, 2 when it cannot be one."""

from __future__ import annotations

import argparse
import sys

from bot.certificates.errors import NotACode
from bot.outcomes.errors import UnknownCohort
from handlers.views.certificates import not_a_code_text, verification_text
from handlers.views.common import user_error
from handlers.views.mrkdwn import as_plain_text
from mentorbot.app import build
from mentorbot.report import programme_of
from mentorbot.settings import Settings


def add_certificate_command(commands: argparse._SubParsersAction) -> None:
    certificate = commands.add_parser("certificate", help="check a certificate of participation")
    verify = certificate.add_subparsers(dest="action", required=True).add_parser(
        "verify", help="say whose certificate a code is: the name, role and cohort only"
    )
    verify.add_argument("code", help="the code printed on it, e.g. LMS-7K3Q-9XWD-2MHP")
    verify.add_argument("--cohort", help="the cohort (default: the one this deployment runs)")


def run_certificate_command(args: argparse.Namespace, settings: Settings) -> int:
    try:
        programme = programme_of(args.cohort, settings) if args.cohort else None
    except UnknownCohort as error:
        print(f"mentorbot: {as_plain_text(user_error(error), lambda user: user)}", file=sys.stderr)
        return 2
    bot = build(settings, programme=programme)
    try:
        found = bot.services.certificates.verify(args.code, bot.services.clock())
    except NotACode as error:
        print(not_a_code_text(error), file=sys.stderr)
        return 2
    finally:
        bot.close()
    print(verification_text(found))
    return 0 if found else 1
