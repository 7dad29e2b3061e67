"""One example of every notice the bot sends (several where a notice reads in several ways), each
with the words a person must find in its plain-text fallback; and one example of every domain
error a view words. Tests that go over all of them fail when a new kind has no example here."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import handlers.views
from bot.applications.model import Answers, Applicant, Application, ApplicationStatus
from bot.applications.notices import AlumniInvited, ApplicationDecided
from bot.certificates.model import Certificate
from bot.certificates.notices import CertificateFile
from bot.cohorts.notices import CohortErased, NextProgrammeFile
from bot.concerns.model import Concern
from bot.concerns.notices import (
    ConcernAcknowledged,
    ConcernForTeam,
    ConcernReceived,
    ConcernResolved,
    LowScore,
    PairMayNeedAWord,
    PairNeedsAttention,
    ReportersPair,
    SentCheckIn,
)
from bot.cpd.model import CpdSources
from bot.cpd.notices import CpdDocx, CpdPdf
from bot.cpd.rules import cpd_record
from bot.errors import UserError
from bot.evaluations.model import Ask, Paused, Refusal, Submitted, Summary
from bot.evaluations.notices import (
    AnswersExport,
    EvaluationInvite,
    EvaluationReminder,
    EvaluationReply,
    ResultsForTeam,
    ScaleResults,
)
from bot.events.model import EventSchedule
from bot.events.notices import CalendarInvite, EventDateChanged, EventReminder
from bot.goals.model import Goal
from bot.goals.notices import GoalQuestion, GoalsUpdated
from bot.matching.notices import LeftUnmatched
from bot.notices import Notice
from bot.outcomes.model import CohortOutcomes, Completion, PairedAnswer, PairRecord
from bot.outcomes.notices import OutcomesCsv, OutcomesPdf
from bot.outcomes.rules import outcomes_report
from bot.pairs.model import Attention, Meeting
from bot.pairs.notices import (
    AcceptanceNudge,
    CheckInPrompt,
    PairEnded,
    PairIntroduction,
    PairStarted,
    StageMoved,
)
from bot.participants.notices import (
    HeldAbout,
    HeldConcern,
    HeldForm,
    HeldPair,
    HeldReply,
    HeldRequest,
    MyDataFile,
    MyDataSummary,
)
from bot.programme_file import load_programme
from bot.pulse.model import Question
from bot.pulse.notices import PulseQuestion
from bot.reflections.notices import ClosureInvitation, MeetingReflectionOffer
from bot.requests.model import Kind, Request, RequestEvent, RequestStatus
from bot.requests.notices import ApprovalAsked, RequestAnswered, RequestForTeam, RequestReceived
from bot.scheme import SHIPPED_PROGRAMME
from tests.cast import APPROVER, CERYS, GRACE, SUNITA, TEAM_LEAD, TEAM_MEMBER, participant

PROGRAMME = load_programme(SHIPPED_PROGRAMME)
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
MENTOR = participant(GRACE, 2)
MENTEE = participant(SUNITA, 1)
LAUNCH = next(e for e in PROGRAMME.events if e.id == "launch")  # face to face
NETWORKING = next(e for e in PROGRAMME.events if e.id == "networking-jan-2026")  # online
MID_SCHEME = next(f for f in PROGRAMME.evaluations.forms if f.id == "mid-scheme")
VALUE, OFTEN = MID_SCHEME.questions[0], MID_SCHEME.questions[2]


@dataclass(frozen=True)
class Example:
    """A notice, and the words its fallback (or a file's title and message) must hold."""

    notice: Notice
    key_words: tuple[str, ...]


def import_every_view() -> None:
    """Each view registers its notices and errors when imported: all of them, new ones too."""
    for module in pkgutil.iter_modules(handlers.views.__path__):
        importlib.import_module(f"handlers.views.{module.name}")


def _schedule(event_id: str, day: datetime) -> EventSchedule:
    return EventSchedule(event_id, day, day + timedelta(hours=4))


LAUNCH_DAY = _schedule(LAUNCH.id, datetime(2025, 11, 13, 11, 0, tzinfo=UTC))
NEW_LAUNCH_DAY = _schedule(LAUNCH.id, datetime(2025, 11, 20, 11, 0, tzinfo=UTC))
CONCERN = Concern(7, 1, 3, "checkin", "My mentor keeps cancelling.", NOW, "urgent")
PAIR = ReportersPair(MENTOR, MENTEE, "negotiation", (SentCheckIn(NOW, "not_yet"),))
RESULTS = ResultsForTeam(
    MID_SCHEME,
    invited=4,
    started=3,
    finished=3,
    scales=(ScaleResults(VALUE.text, 1, 5, {"mentee": {4: 2}, "mentor": {2: 1}}),),
    closed=True,
    made_at=NOW,
)


def _events() -> list[Example]:
    return [
        Example(
            EventReminder(PROGRAMME, LAUNCH, LAUNCH_DAY, timedelta(days=7), None, None),
            (LAUNCH.title, "in 7 days", "13 November 2025", "Face to face"),
        ),
        Example(
            EventReminder(
                PROGRAMME,
                NETWORKING,
                _schedule(NETWORKING.id, datetime(2026, 1, 21, 10, 0, tzinfo=UTC)),
                timedelta(hours=1),
                "America/New_York",
                "yes",
                "https://mentorbot.example.org",
            ),
            (NETWORKING.title, "in 1 hour", "21 January 2026", "your time zone"),
        ),
        Example(
            EventDateChanged(PROGRAMME, LAUNCH, LAUNCH_DAY, NEW_LAUNCH_DAY, None),
            (LAUNCH.title, "20 November 2025", "13 November 2025"),
        ),
        Example(
            EventDateChanged(
                PROGRAMME, LAUNCH, LAUNCH_DAY, EventSchedule(LAUNCH.id, None, None), None
            ),
            (LAUNCH.title, "to be confirmed"),
        ),
        Example(CalendarInvite(PROGRAMME, LAUNCH, LAUNCH_DAY, 2), ("Add", LAUNCH.title)),
    ]


def _pairs() -> list[Example]:
    names = (MENTOR.name, MENTEE.name)
    return [
        Example(PairIntroduction(3, MENTOR, MENTEE), (*names, "accept")),
        Example(AcceptanceNudge(3, MENTOR), (MENTOR.name, "accept")),
        Example(PairStarted(3, MENTOR, MENTEE), (*names, "accepted", "Preparing")),
        Example(CheckInPrompt(3, 11, 2, "negotiation", None, False), ("met",)),
        Example(
            CheckInPrompt(3, 12, 3, "enabling_growth", date(2026, 2, 3), True),
            ("reminder", "met since", "3 February"),
        ),
        Example(StageMoved(3, "enabling_growth", MENTEE.name, NOW), (MENTEE.name, "Enabling")),
        Example(PairEnded(3, MENTOR), (MENTOR.name, "ended")),
        Example(PairEnded(3, None), ("ended",)),
    ]


def _goals() -> list[Example]:
    return [
        Example(
            GoalQuestion(3, 12, 3, 2, 3, "Chair a team meeting", date(2026, 4, 30)),
            ("goal 2 of 3", "Chair a team meeting"),
        ),
        Example(GoalQuestion(3, 13, 4, 1, 1, "Apply for a band 7 post", None), ("going",)),
        Example(GoalsUpdated(3, MENTEE.name, NOW), (MENTEE.name, "goals", "Home")),
    ]


def _concerns() -> list[Example]:
    return [
        Example(
            ConcernForTeam(CONCERN, MENTEE, PAIR, programme=PROGRAMME),
            ("Concern #7", MENTEE.name, "urgent"),
        ),
        Example(
            ConcernForTeam(
                Concern(8, None, None, "dm", "Worried.", NOW, "not_urgent"),
                None,
                None,
                escalated=True,
            ),
            ("Not yet acknowledged", "Concern #8", "not on the scheme"),
        ),
        Example(
            ConcernForTeam(CONCERN, MENTEE, PAIR, escalated=True, escalated_to=TEAM_LEAD),
            ("not yet acknowledged", "Concern #7"),
        ),
        Example(
            ConcernForTeam(
                Concern(9, 1, 3, "home", "Sorted.", NOW, status="resolved", assignee=TEAM_MEMBER),
                MENTEE,
                PAIR,
            ),
            ("Concern #9", MENTEE.name),
        ),
        Example(ConcernReceived(7, "By phone after 5pm", 8), ("project team", "concern")),
        Example(ConcernReceived(7, "", 8), ("project team", "not to be contacted")),
        Example(ConcernAcknowledged(7, "Priya Anand"), ("Priya Anand", "read your concern")),
        Example(ConcernAcknowledged(7, None), ("project team", "read your concern")),
        Example(
            PairNeedsAttention(
                "notice:attention:3:quiet:20260101",
                MENTOR,
                MENTEE,
                "preparing",
                Attention("quiet", 6),
            ),
            ("From the bot", *(MENTOR.name, MENTEE.name), "need attention"),
        ),
        Example(
            PairNeedsAttention(
                "notice:attention:3:not-yet:20260101",
                MENTOR,
                MENTEE,
                "preparing",
                Attention("not_yet", 2),
            ),
            ("From the bot", "Not yet"),
        ),
        Example(
            LowScore(
                "notice:low-score:mid-scheme:2:relationship-value", MENTOR, 1, VALUE, MID_SCHEME
            ),
            ("From the bot", "low score", MENTOR.name, VALUE.text),
        ),
        Example(
            PairMayNeedAWord("notice:pulse:3:0", MENTOR, MENTEE, "preparing"),
            ("From the bot", MENTOR.name, MENTEE.name, "may need a word"),
        ),
        Example(ConcernResolved(7, TEAM_MEMBER), ("Concern #7", "resolved")),
    ]


def _pulse() -> list[Example]:
    return [
        Example(PulseQuestion(5, 0), ("first mentoring meeting", "fit")),
        Example(PulseQuestion(6, 1), ("how is your mentoring going",)),
        Example(PulseQuestion(7, 0, "Sunita <b>"), ("meeting with Sunita &lt;b&gt;", "fit")),
        Example(PulseQuestion(8, 1, "Sunita Rao"), ("your mentoring with Sunita Rao going",)),
    ]


def _reflections() -> list[Example]:
    return [
        Example(
            ClosureInvitation(3, mentee=True), ("coming to its close", "score your confidence")
        ),
        Example(ClosureInvitation(3, mentee=False), ("what next in your career",)),
        Example(
            ClosureInvitation(4, mentee=False, partner="Jamie <b>"),
            ("Your mentoring with Jamie &lt;b&gt; is coming to its close",),
        ),
        Example(MeetingReflectionOffer(11, date(2026, 2, 3)), ("3 February 2026", "logged")),
    ]


def _evaluation_replies() -> list[Example]:
    def reply(answer: Ask | Summary | Paused | Submitted) -> EvaluationReply:
        return EvaluationReply(MID_SCHEME, answer, MENTEE.slack_user_id or "", "dm-reply:1")

    refused = Refusal("off_scale", said="9", low=1, high=5)
    return [
        Example(reply(Ask(VALUE, 1, 6)), ("Question 1 of 6", VALUE.text)),
        Example(reply(Ask(OFTEN, 2, 6, refused, True)), ("number from 1 to 5", OFTEN.text)),
        Example(
            reply(Summary([(1, VALUE, 4), (2, OFTEN, None)])),
            ("your answers", "submit", "4"),
        ),
        Example(reply(Paused()), ("saved", "resume")),
        Example(reply(Submitted()), ("Thank you", "mid-scheme check")),
        Example(
            EvaluationReply(MID_SCHEME, None, SUNITA, "dm-reply:2", programme=PROGRAMME),
            ("closed", "Thank you"),
        ),
        Example(EvaluationReply(None, None, SUNITA, "dm-reply:3"), ("not waiting", "help")),
    ]


def _evaluations() -> list[Example]:
    return [
        Example(
            EvaluationInvite(MID_SCHEME, 6, programme=PROGRAMME),
            (MID_SCHEME.title, "6 short questions"),
        ),
        Example(
            EvaluationReminder(MID_SCHEME, "before-close", 2, 6, programme=PROGRAMME),
            ("reminder", "mid-scheme check", "2 of 6"),
        ),
        Example(EvaluationReminder(MID_SCHEME, "after-open", 0, 6), ("reminder", "open until")),
        *_evaluation_replies(),
        Example(
            AnswersExport(MID_SCHEME, True, (), NOW),
            (MID_SCHEME.title, "answers", "pseudonymous"),
        ),
        Example(RESULTS, (MID_SCHEME.title, "3 finished", "Bar chart", VALUE.text, "Mentees")),
    ]


_GOAL = Goal(1, 3, 1, "Chair a team meeting", "My manager says it went well", date(2026, 4, 30))


def _participants() -> list[Example]:
    held = HeldAbout(
        MENTEE,
        (HeldPair(MENTOR.name, "active", "negotiation", 2, 3, True, (_GOAL,)),),
        (HeldReply(LAUNCH, "yes"),),
        (HeldForm(MID_SCHEME, "submitted", 6),),
        (HeldConcern(NOW, "We never meet.", "acknowledged"),),
        (HeldRequest(4, NOW, "accommodation", LAUNCH, "A room near the venue.", "approved"),),
        (Question(1, 3, 1, 0, NOW, "good_fit", None, NOW), Question(2, 3, 1, 1, NOW)),
    )
    return [
        Example(MyDataFile(SUNITA, NOW, b"{}"), ("holds about you",)),
        Example(MyDataSummary(SUNITA, NOW, held), ("holds about you",)),
    ]


def _request(
    status: RequestStatus, kind: Kind = "accommodation", event_id: str | None = LAUNCH.id
) -> Request:
    return Request(7, 1, kind, event_id, "A room the night before, please.", "event", NOW, status)


def _requests_for_the_team() -> list[Example]:
    approved = RequestEvent(7, "approved", APPROVER, NOW)
    resolved = RequestEvent(7, "resolved", TEAM_MEMBER, NOW, "We have booked a quiet room.")
    declined = RequestEvent(7, "declined", APPROVER, NOW, "The hotel is full that night.")
    adjustment = _request("open", "adjustment", None)
    return [
        Example(
            RequestForTeam(PROGRAMME, _request("awaiting_approval"), MENTEE, LAUNCH_DAY),
            ("Request #7", MENTEE.name, "accommodation", LAUNCH.title),
        ),
        Example(
            RequestForTeam(PROGRAMME, adjustment, None, None),
            ("Request #7", "no longer on the scheme", "reasonable adjustment"),
        ),
        Example(
            RequestForTeam(PROGRAMME, _request("resolved", "travel"), MENTEE, LAUNCH_DAY, resolved),
            ("Request #7", "cannot travel", LAUNCH.title),
        ),
        Example(
            RequestForTeam(PROGRAMME, _request("approved"), MENTEE, LAUNCH_DAY, approved),
            ("Request #7", "accommodation"),
        ),
        Example(
            ApprovalAsked(PROGRAMME, _request("awaiting_approval"), MENTEE, LAUNCH_DAY),
            ("Request #7", "your approval", MENTEE.name, "accommodation", LAUNCH.title),
        ),
        Example(
            ApprovalAsked(PROGRAMME, _request("declined"), MENTEE, LAUNCH_DAY, declined),
            ("Request #7", "your approval", "accommodation"),
        ),
    ]


def _requests_for_the_person() -> list[Example]:
    approver = PROGRAMME.approvals.accommodation
    note = "We have booked a quiet room."
    return [
        Example(
            RequestReceived(7, "accommodation", LAUNCH, approver),
            ("request #7", "accommodation", LAUNCH.title, "project team", "decided"),
        ),
        Example(RequestReceived(8, "travel", LAUNCH, None), ("request #8", "cannot travel")),
        Example(RequestReceived(9, "adjustment", None, None), ("request #9", "project team")),
        Example(
            RequestAnswered(7, "adjustment", LAUNCH, "acknowledge", "Priya Anand"),
            ("Priya Anand", "read your request #7"),
        ),
        Example(
            RequestAnswered(7, "adjustment", None, "acknowledge", None),
            ("project team", "read your request #7"),
        ),
        Example(
            RequestAnswered(7, "travel", LAUNCH, "resolve", "Priya Anand", note),
            ("request #7", "resolved", "Priya Anand"),
        ),
        Example(
            RequestAnswered(7, "adjustment", None, "resolve", None), ("request #7", "resolved")
        ),
        Example(
            RequestAnswered(7, "accommodation", LAUNCH, "approve", "Dr Morgan Ellis"),
            ("request #7", "approved", "Dr Morgan Ellis"),
        ),
        Example(
            RequestAnswered(7, "accommodation", LAUNCH, "decline", "Dr Morgan Ellis", "Full."),
            ("request #7", "not approved", "Dr Morgan Ellis"),
        ),
    ]


def _application(status: ApplicationStatus) -> Application:
    answers = Answers(
        "mentee",
        "radiographer",
        "wales",
        "6",
        "Cardiff and Vale UHB",
        ("leading-change",),
        "online",
        ("weekday-daytime",),
    )
    applicant = Applicant("cerys@example.wales", "Cerys Hughes", CERYS, "cy")
    return Application(4, "2026-27", applicant, answers, status, NOW, NOW)


def _applications() -> list[Example]:
    return [
        Example(
            ApplicationDecided(PROGRAMME, _application("accepted")),
            ("accepted", "2026-27", "steering group"),
        ),
        Example(ApplicationDecided(PROGRAMME, _application("waitlisted")), ("waiting list",)),
        Example(
            ApplicationDecided(PROGRAMME, _application("declined")),
            ("can't offer you a place", "pande@sor.org"),
        ),
        Example(AlumniInvited(PROGRAMME, MENTEE), ("be a mentor this time", "/mentoring apply")),
        Example(AlumniInvited(PROGRAMME, MENTOR), ("mentor again", "/mentoring apply")),
        Example(
            LeftUnmatched(PROGRAMME, _application("waitlisted")),
            ("don't have a mentor for you this time", "waiting list", "pande@sor.org"),
        ),
    ]


def _outcomes() -> list[Example]:
    """A small cohort's report (its figures hidden, so it is drawn quickly), in each language."""
    data = CohortOutcomes(
        PROGRAMME.name,
        PROGRAMME.cohort,
        date(2026, 10, 5),
        paired=tuple(
            PairedAnswer("mentee", "leadership-confidence", 2, 3 + n % 2) for n in range(4)
        ),
        pairs=tuple(PairRecord(3, n % 3, 4 + n) for n in range(4)),
        completions=tuple(Completion("mentee", n < 3) for n in range(4)),
        fits=(),
        pulses=(),
    )
    forms = PROGRAMME.evaluations
    report = outcomes_report(data, forms.forms[0], forms.forms[-1])
    return [
        Example(OutcomesPdf(report, "en", NOW), ("outcomes report", "2025-26", "PDF", "hidden")),
        Example(OutcomesCsv(report, "en", NOW), ("outcomes report", "2025-26", "CSV")),
        Example(OutcomesCsv(report, "cy", NOW), ("2025-26", "CSV")),
    ]


CERTIFICATE = Certificate(
    person_id=MENTEE.id,
    name=MENTEE.name,
    role="mentee",
    scheme=PROGRAMME.name,
    cohort="2025-26",
    first_day=date(2025, 11, 13),
    last_day=date(2026, 6, 1),
    meetings=9,
    language="en",
    code="LMS-STY5-TD3P-8NBR",
)
CPD_RECORD = cpd_record(
    CpdSources(
        name=MENTEE.name,
        role="mentee",
        scheme=PROGRAMME.name,
        cohort="2025-26",
        zone=PROGRAMME.timezone,
        meetings=(Meeting(3, date(2026, 2, 3), 45, "delegation"),),
    ),
    NOW,
)


def _certificates_and_cpd() -> list[Example]:
    return [
        Example(
            CertificateFile(SUNITA, NOW, CERTIFICATE, "https://mentorbot.example.org"),
            ("certificate of participation", CERTIFICATE.code),
        ),
        Example(CpdDocx(SUNITA, NOW, CPD_RECORD, "en"), ("CPD record", "Word document")),
        Example(CpdPdf(SUNITA, NOW, CPD_RECORD, "en"), ("CPD record", "PDF")),
    ]


def notice_examples() -> dict[type, list[Example]]:
    """Every example, by notice type."""
    by_type: dict[type, list[Example]] = {}
    for example in [
        *_events(),
        *_pairs(),
        *_goals(),
        *_concerns(),
        *_pulse(),
        *_reflections(),
        *_evaluations(),
        *_participants(),
        *_requests_for_the_team(),
        *_requests_for_the_person(),
        *_applications(),
        Example(
            NextProgrammeFile("2025-26", "2026-27", "name: x\n", 9, NOW),
            ("2026-27", "9 dates to confirm", "mentorbot check"),
        ),
        Example(
            CohortErased("2025-26", 26),
            ("2025-26's personal data was erased", "(26 people)", "counts and results are kept"),
        ),
        *_outcomes(),
        *_certificates_and_cpd(),
    ]:
        by_type.setdefault(type(example.notice), []).append(example)
    return by_type


# Errors by their class's name, each made from its class: the examples need not import every
# feature's errors (nor a feature still being written).
ERROR_EXAMPLES: dict[str, Callable[[type], UserError]] = {
    "NotAParticipant": lambda e: e(),
    "TeamOnly": lambda e: e(),
    "TooLong": lambda e: e("text", 3000, 3412),
    "NotOnTheScheme": lambda e: e("UNEW00001"),
    "NotInAPair": lambda e: e(),
    "NotYourPair": lambda e: e(),
    "AlreadyAccepted": lambda e: e(),
    "UnknownStage": lambda e: e("closure"),
    "NotStarted": lambda e: e(),
    "AlreadyInStage": lambda e: e("negotiation"),
    "PauseNotInFuture": lambda e: e(date(2026, 3, 1)),
    "NotYourCheckIn": lambda e: e(),
    "CheckInClosed": lambda e: e(),
    "StaleCheckIn": lambda e: e(),
    "AlreadyAnswered": lambda e: e(),
    "MeetingInFuture": lambda e: e(date(2026, 3, 20)),
    "MeetingBeforePairing": lambda e: e(date(2025, 9, 1)),
    "BadMeetingLength": lambda e: e(0),
    "NotPaired": lambda e: e(GRACE),
    "PairingEnded": lambda e: e(),
    "TeamPauseNotInFuture": lambda e: e(date(2026, 3, 1)),
    "WrongRole": lambda e: e("Sunita Rao", "mentee", "mentor"),
    "AlreadyPaired": lambda e: e("Sunita Rao"),
    "AlsoPairedOnLine": lambda e: e("Sunita Rao", 3),
    "MentorFull": lambda e: e("Grace Mensah", 3),
    "WhichPair": lambda e: e(("Sunita Rao", "Jamie Clarke")),
    "NotYourPartner": lambda e: e(GRACE),
    "UnknownNation": lambda e: e("Narnia"),
    "NoSuchParticipant": lambda e: e("someone@example.org"),
    "UnknownLanguage": lambda e: e("Klingon"),
    "UnknownEvent": lambda e: e("lunch", ("launch", "final-celebration")),
    "NotInAudience": lambda e: e(LAUNCH.model_copy(update={"audience": "mentors"})),
    "AlreadyStarted": lambda e: e(LAUNCH),
    "EndBeforeStart": lambda e: e(time(11, 0), time(10, 0)),
    "DateInPast": lambda e: e(),
    "EmptyConcern": lambda e: e(),
    "UrgencyNotChosen": lambda e: e("tomorrow"),
    "NoResolutionNote": lambda e: e(),
    "NoSuchConcern": lambda e: e(12),
    # Concerns and requests each have a CannotAct: a reason both know.
    "CannotAct": lambda e: e(12, "already_acknowledged"),
    "ConcurrentChange": lambda e: e(12),
    "UnknownForm": lambda e: e("midscheme", ("baseline", "mid-scheme", "final")),
    "NotYourQuestion": lambda e: e(),
    "NotAnAnswer": lambda e: e("7"),
    "NothingWritten": lambda e: e("achieved"),
    "NotTimeToReflect": lambda e: e(),
    "NotYourMeeting": lambda e: e(),
    "NotInvited": lambda e: e(MID_SCHEME),
    "CouldNotSave": lambda e: e(),
    "KindNotChosen": lambda e: e(),
    "EmptyRequest": lambda e: e(),
    "EventNeeded": lambda e: e("accommodation"),
    "NotFaceToFace": lambda e: e(NETWORKING),
    "NotYourEvent": lambda e: e("gala", ("launch", "final-celebration")),
    "NoSuchRequest": lambda e: e(12),
    "NotTheApprover": lambda e: e("Dr Morgan Ellis"),
    "NoApplications": lambda e: e("2026-27"),
    "NotOpen": lambda e: e("2026-27", NOW, NOW + timedelta(days=21), NOW - timedelta(days=1)),
    "UnknownCohort": lambda e: e("2024-25", ("2025-26", "2026-27")),
    "UnknownQuestion": lambda e: e("hopes", ("leadership-confidence", "mentoring-confidence")),
    "Unanswerable": lambda e: e((("themes", "none"), ("never_pair", "bad_email"))),
    "UnknownApplication": lambda e: e(12),
    "NotACode": lambda e: e("check"),
    "NoActivityYet": lambda e: e(),
    "NotInCohort": lambda e: e("cerys@example.wales", "mentee"),
    "SwapBreaksRule": lambda e: e("cerys@example.wales", "rhys@example.wales", ("same_employer",)),
    "GoalsInNegotiation": lambda e: e("enabling_growth"),
    "TooManyGoals": lambda e: e(6, 5),
    "GoalWithoutWords": lambda e: e(2),
    "ConfidenceOutOfRange": lambda e: e("confidence_1", 11),
    "NoGoalQuestion": lambda e: e(),
    "NotYourGoal": lambda e: e(),
    "NotClosing": lambda e: e("negotiation"),
}
