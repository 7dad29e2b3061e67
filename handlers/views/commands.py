"""Everything people read about the `/mentoring` command itself: its help, and what to type
when a command was not understood."""

from __future__ import annotations

from handlers.grammar import NotUnderstood
from handlers.i18n import N_, _
from handlers.views.mrkdwn import escape

# The help, a line to a message, so a new command adds one line to translate; each line is
# worded for the reader where it is shown (`usage`). The Welsh lines teach the Welsh command
# words (handlers/grammar.py's WELSH_WORDS); the team's heading says their words stay English.
HELP = N_("• `/mentoring help`: this message")
LANGUAGE = N_(
    "• `/mentoring language cymraeg` (or `iaith cymraeg`): read my messages in Welsh "
    "(`english` for English)"
)
CONCERN = N_("• `/mentoring concern`: tell the project team, privately, that something is wrong")

USAGE = (
    N_("Here is what I can do:"),
    N_("• `/mentoring events`: your upcoming scheme events and your replies"),
    N_("• `/mentoring next`: your next event"),
    N_(
        "• `/mentoring calendar`: a calendar feed of your scheme events to subscribe to "
        "(`calendar new` replaces its address)"
    ),
    N_("• `/mentoring pair`: your partner, your stage and your meetings"),
    N_("• `/mentoring met 2026-02-03 45m career planning`: log a meeting (date, length, topics)"),
    N_(
        "• `/mentoring stage negotiation`: move your pair to another stage (Preparing, "
        "Negotiation, Enabling Growth, Coming to Closure)"
    ),
    N_(
        "• `/mentoring goals`: your pair's learning goals and boundaries, each goal with its "
        "story; set or change them in Negotiation"
    ),
    N_(
        "• `/mentoring reflect`: your reflection as your pairing comes to a close (what you "
        "achieved, what you learned, what next), for you alone and your CPD record"
    ),
    N_(
        "• A mentor with several mentees names which pair first: `/mentoring met @name "
        "2026-02-03 45m`, `stage @name growth`, `goals @name`, `reflect @name`"
    ),
    N_("• `/mentoring pause until 2026-03-01` (or `pause off`): no check-ins while you are away"),
    CONCERN,
    LANGUAGE,
    N_(
        "• `/mentoring nation scotland`: where you work (England, Wales, Scotland or Northern "
        "Ireland), so I never nudge you on your bank holidays"
    ),
    N_(
        "• `/mentoring request`: ask privately for a reasonable adjustment, for accommodation "
        "at a face-to-face event, or say you can't travel to one (`request adjustment`, "
        "`request accommodation launch` and `can't travel launch` fill in the form: name the "
        "event by a clear part of its title, or leave it out to see a numbered list)"
    ),
    N_(
        "• `/mentoring apply`: apply to join a cohort of the scheme, or change your "
        "application, while applications are open"
    ),
    N_(
        "• `/mentoring certificate`: your certificate of participation, here, once you have "
        "completed the scheme"
    ),
    N_(
        "• `/mentoring cpd`: your CPD record for the scheme, here, as a Word document to edit "
        "and as a PDF"
    ),
    N_("• `/mentoring my-data`: a file, here, with everything the bot holds about you"),
    HELP,
    # Translators: the Welsh says first that the English command words work too.
    N_("For the project team: `/mentoring team help`"),
)

# For someone not on the scheme: the commands that are theirs too.
NEWCOMER_USAGE = (
    N_(
        "You are not on the mentoring scheme yet, so most of my commands are not for you yet. "
        "These are:"
    ),
    N_(
        "• `/mentoring apply`: apply to join the scheme, as a mentee or a mentor, while "
        "applications are open"
    ),
    CONCERN,
    LANGUAGE,
    HELP,
    # Translators: the Welsh adds that the English command words work too.
    N_("If you think you should be on the scheme, please contact the project team."),
)
TEAM_MEMBER_USAGE = (
    N_(
        "You are on the project team: `/mentoring team help` lists your commands, and your "
        "console is on my Home tab. Also for you:"
    ),
    LANGUAGE,
    HELP,
)
APPROVER_USAGE = (
    N_(
        "You decide the requests for accommodation: each comes to our DM with Approve and "
        "Decline, and waits on my Home tab until you decide. Also for you:"
    ),
    LANGUAGE,
    HELP,
)

TEAM_USAGE = (
    # Translators: the Welsh says the team's command words stay in English, as shown.
    N_("Project team commands:"),
    N_("• `/mentoring team alerts`: concerns raised, open ones first"),
    N_(
        "• `/mentoring team requests`: requests for adjustments, accommodation and travel, "
        "open ones first"
    ),
    N_(
        "• `/mentoring team applications`: every application to the cohort, those still to "
        "decide first"
    ),
    N_("• `/mentoring team completed`: who has completed the scheme"),
    N_(
        "• `/mentoring team match`: the steering group's match: each mentee's mentor, "
        "suggested or chosen, and who has none"
    ),
    N_("• `/mentoring team events`: every event with its date and replies"),
    N_("• `/mentoring team pairs`: every pair, those needing attention first"),
    N_(
        "• `/mentoring team pair @mentor @mentee`: make a pair (they are introduced and asked "
        "to accept)"
    ),
    N_(
        "• `/mentoring team unpair @person [reason]`: end that person's pairing (each is told "
        "kindly, separately)"
    ),
    N_(
        "• `/mentoring team pause @person until YYYY-MM-DD` (or `off`): hold that person's "
        "pair's check-ins"
    ),
    N_(
        "• `/mentoring team pulse`: how the cohort's pairings are going: the fit after the "
        "first meeting and the latest pulse, counted by role"
    ),
    N_("• `/mentoring team who EVENT`: who is coming to an event"),
    N_("• `/mentoring team evaluations`: each evaluation's invited, started and finished counts"),
    N_("• `/mentoring team export FORM [pseudonymous] [COHORT]`: the answers as a CSV file, here"),
    N_(
        "• `/mentoring team chart FORM [COHORT]`: a chart of the scale questions' answers by role, here"
    ),
    N_(
        "• `/mentoring team report`: the cohort's outcomes report for the steering group, to "
        "the team's channel as a PDF and a CSV"
    ),
    N_(
        "• `/mentoring event date EVENT YYYY-MM-DD HH:MM-HH:MM`: set or change an event's "
        "date (UK time)"
    ),
)


def usage(lines: tuple[str, ...]) -> str:
    """A help, each line in the reader's language."""
    return "\n".join(_(line) for line in lines)


HINTS = {
    "stage": N_("Which stage? e.g. `/mentoring stage negotiation`."),
    "unknown": N_("Sorry, I don't know `/mentoring {said}`."),
    "unknown-team": N_("Sorry, I don't know `/mentoring team {said}`."),
    "team-pause": N_(
        "Please mention one member of the pair: "
        "`/mentoring team pause @person until 2026-03-01` (or `off`)."
    ),
    "team-export": N_(
        "Please name one evaluation: `/mentoring team export mid-scheme` "
        "(add `pseudonymous` for P001… instead of names)."
    ),
    "team-pair": N_(
        "Please mention the mentor, then the mentee: `/mentoring team pair @mentor @mentee`."
    ),
    "team-unpair": N_(
        "Please mention one member of the pair: `/mentoring team unpair @person [reason]`."
    ),
    "team-who": N_("Please name one event, e.g. `/mentoring team who launch`."),
    "request": N_(
        "Please say what you need, and which event if it is about one: "
        "`/mentoring request adjustment`, `/mentoring request accommodation launch` or "
        "`/mentoring request travel launch` (or just `/mentoring request`)."
    ),
    "event-date": N_(
        "Please give the event, the date and the UK times, e.g. "
        "`/mentoring event date networking-jan-2026 2026-01-21 10:00-11:00`."
    ),
    "event-date-day": N_(
        "{said} is not a date; write it as YYYY-MM-DD, e.g. "
        "`/mentoring event date networking-jan-2026 2026-01-21 10:00-11:00`."
    ),
    "time": N_("{said} is not a time of day; use 24-hour HH:MM, e.g. 14:30."),
    "met": N_(
        "Please give the date and how long you met, e.g. "
        "`/mentoring met 2026-02-03 45m career planning`."
    ),
    "met-date": N_(
        "{said} is not a date; write it as YYYY-MM-DD, e.g. "
        "`/mentoring met 2026-02-03 45m career planning`."
    ),
    "met-length": N_("{said} is not a length of time; write e.g. `45m`, `1h` or `1h30m`."),
    "pause": N_(
        "Please say until when, e.g. `/mentoring pause until 2026-03-01`, "
        "or `/mentoring pause off`."
    ),
}
# A command not understood at all is followed by what can be typed instead.
FOLLOWED_BY = {"unknown": USAGE, "unknown-team": TEAM_USAGE}


def not_understood(error: NotUnderstood) -> str:
    hint = _(HINTS[error.hint]).replace("{said}", escape(error.said))
    lines = FOLLOWED_BY.get(error.hint)
    return f"{hint}\n{usage(lines)}" if lines else hint
