"""Running evaluations: inviting each person when a form opens, reminding those who have not
finished, taking their answers one message at a time, and the team's counts, export and chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.errors import NotAParticipant, UserError
from bot.evaluations.errors import (
    CouldNotSave,
    InvalidAnswer,
    NotInvited,
    NotYourQuestion,
    UnknownForm,
)
from bot.evaluations.model import Progress, Reply, Submitted
from bot.evaluations.notices import (
    AnswerRow,
    AnswersExport,
    EvaluationInvite,
    EvaluationReminder,
    EvaluationReply,
    ResultsForTeam,
    closed_results_key,
    owed_key,
)
from bot.evaluations.results import answer_rows_of, results_for_team
from bot.evaluations.rules import (
    answer_button,
    handle,
    prompt,
    question_range,
    questions_for,
    submit_button,
)
from bot.events.rules import in_audience
from bot.notices import Deliveries, Outgoing, keys_of, personal_key
from bot.participants.model import Participant
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.programme_forms import Form
from bot.scheme import Programme
from bot.team import Team
from bot.worktime import Calendar, Whereabouts

ONE_A_DAY = timedelta(days=1)
EVALUATION_MESSAGES = ("eval-invite", "eval-reminder")
# Every message here is kept in the outbox with the change that causes it and none expires: a
# late invitation, reminder or reply still says where the person is in the form (a form that has
# closed says so when they answer), and results and exports are the team's to read whenever.

# The messages a form owes each person in its audience, in order: its invitation, then the two
# reminders (bot/evaluations/notices.py owed_key).
OWED_STEPS = ("invite", "after-open", "before-close")


@dataclass(frozen=True)
class AnswerButton:
    """An answer button as pressed: whose question, which form and question, which value."""

    recipient: str
    form_id: str
    question_id: str
    value: str


@dataclass(frozen=True)
class Answered:
    """What the person sees after a message or a button: the next question or summary (reply),
    which may say why an answer was refused; with no reply, the form that closed before they
    finished, or (neither) nothing open; or an error about the person, not the answer
    (NotAParticipant, NotInvited)."""

    form: Form | None
    reply: Reply | None
    error: UserError | None = None


@dataclass(frozen=True)
class MyForm:
    """A form open to the person now, and how far they have got."""

    form: Form
    answered: int
    total: int
    status: str  # invited, in_progress, submitted


@dataclass(frozen=True)
class PendingMessage:
    person: Participant
    form: Form
    kind: str  # invite, after-open, before-close
    at: datetime


class EvaluationsService:
    def __init__(
        self,
        programme: Programme,
        uow: UnitOfWorkFactory,
        deliveries: Deliveries,
        team: Team,
        calendar: Calendar,
        on_change: Callable[[], None],
    ):
        """`on_change` is told when someone's moments change (the clock reschedules)."""
        self._programme = programme  # its zone, for the days its messages name
        self._settings = programme.evaluations
        # A form whose dates are still to confirm is not run: nobody is asked, nothing is open
        self._forms = {f.id: f for f in programme.evaluations.forms if not f.to_confirm}
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._calendar = calendar
        self._on_change = on_change

    def form(self, form_id: str, cohort: str | None = None) -> Form:
        """`cohort`: the one the team named (UnknownForm where it is not this one's)."""
        if form_id not in self._forms or cohort not in (None, self._programme.cohort):
            raise UnknownForm(form_id, tuple(self._forms), cohort)
        return self._forms[form_id]

    def cohorts_with(self, form_id: str) -> list[str]:
        """The cohorts with the form (this one's, if it has it; every live one's when routed)."""
        return [self._programme.cohort] if form_id in self._forms else []

    # The timeline ------------------------------------------------------------------------------

    def pending(self, now: datetime) -> list[PendingMessage]:
        """Every invitation and reminder still owed, each at the first time it may go: inside
        the person's working hours, a day after their last evaluation message, before closing
        (the reminder before closing at the last such time before it is due)."""
        open_forms = [f for f in self._forms.values() if now < f.closes]
        if not open_forms:
            return []  # nothing is owed once every form has closed: nothing to read
        with self._uow() as uow:
            people = [p for p in uow.participants.all() if p.slack_user_id]
            last = uow.deliveries.last_sent(EVALUATION_MESSAGES)
            stored = {
                f.id: {s.participant_id: s for s in uow.evaluations.for_form(f.id)}
                for f in open_forms
            }
            # Which of the open forms' invitations and reminders went, by their keys (the
            # ledger's index), not every evaluation message ever sent
            sent = uow.deliveries.sent_among(
                personal_key(owed_key(f.id, step), p.id)
                for f in open_forms
                for p in people
                if in_audience(p.role, f.audience)
                for step in OWED_STEPS
            )
        owed: list[PendingMessage] = []
        for form in open_forms:
            steps = (
                ("invite", form.opens),
                ("after-open", form.opens + self._settings.remind_after_open),
                ("before-close", form.closes - self._settings.remind_before_close),
            )
            for person in (p for p in people if in_audience(p.role, form.audience)):
                record = stored[form.id].get(person.id)
                if record is not None and record.progress.status == "submitted":
                    continue
                for kind, at in steps:
                    key = personal_key(owed_key(form.id, kind), person.id)
                    if key in sent or (kind == "invite") != (record is None):
                        continue
                    at = self._moment(kind, at, person, last.get(person.id))
                    if at < form.closes:
                        owed.append(PendingMessage(person, form, kind, at))
                    break  # one step at a time per person and form
        return owed

    def _moment(
        self, kind: str, due: datetime, person: Participant, last: datetime | None
    ) -> datetime:
        """When a step may go: inside the person's working hours and a day after their last
        evaluation message. The reminder before closing moves earlier, to the last working
        hours before it was due (it would otherwise fall after closing and be dropped), unless
        that is within a day of their last message: then the first working time after that."""
        places = [Whereabouts(person.tz, person.nation)]
        soonest = last + ONE_A_DAY if kind != "invite" and last is not None else None
        if kind == "before-close":
            earlier = self._calendar.last_working_time_before(due, places)
            if soonest is None or earlier >= soonest:
                return earlier
        return self._calendar.working_time(max(due, soonest or due), places)

    def upcoming(self, now: datetime) -> datetime | None:
        """The next owed message (possibly already due), or the next form's closing."""
        owed = [o.at for o in self.pending(now)]
        closings = [f.closes for f in self._forms.values() if f.closes > now]
        return min(owed + closings, default=None)

    def run_due(self, now: datetime) -> int:
        """Sends every invitation and reminder now due, then each closed form's results to the
        team; returns how many messages went."""
        due = [p for p in self.pending(now) if p.at <= now]
        with self._uow() as uow:
            outgoing = [self._owed_message(uow, owed, now) for owed in due]
            uow.deliveries.add(outgoing, now)
            uow.commit()
        sent = len(self._deliveries.flush(now, keys_of(outgoing)))
        return sent + self._post_closed_results(now)

    def _owed_message(self, uow: UnitOfWork, owed: PendingMessage, now: datetime) -> Outgoing:
        """The invitation (recorded as sent in the same transaction, so the form's counts
        include the person) or the reminder saying how far they have got."""
        notice: EvaluationInvite | EvaluationReminder
        if owed.kind == "invite":
            uow.evaluations.invite(owed.form.id, [owed.person.id], now)
            fewest, most = question_range(owed.form, owed.person.role)
            notice = EvaluationInvite(owed.form, fewest, most, self._programme)
        else:
            record = uow.evaluations.get(owed.form.id, owed.person.id)
            answers = record.progress.answers if record else {}
            notice = EvaluationReminder(
                owed.form,
                owed.kind,
                len(answers),
                len(questions_for(owed.form, owed.person.role, answers)),
                self._programme,
            )
        return notice.to_person(owed.person)

    def _post_closed_results(self, now: datetime) -> int:
        """Each closed form's results go to the team's channel once (the key holds it to once;
        results kept before stay as they were, and are not counted again once sent); a form
        nobody was invited to has nothing to report."""
        with self._uow() as uow:
            posted = uow.deliveries.sent_keys_like("eval-results:")
            outgoing = [
                self._results(uow, form, now, closed=True).to(self._team.channel)
                for form in self._forms.values()
                if form.closes <= now
                and closed_results_key(form.id, self._programme.cohort) not in posted
                and uow.evaluations.for_form(form.id)
            ]
            uow.deliveries.add(outgoing, now)
            uow.commit()
        return len(self._deliveries.flush(now, keys_of(outgoing)))

    def my_forms(self, slack_user_id: str, now: datetime) -> list[MyForm]:
        """The forms the person has been invited to that are open now (none for a stranger)."""
        with self._uow() as uow:
            person = uow.participants.by_slack_id(slack_user_id)
            if person is None:
                return []
            records = [
                (form, uow.evaluations.get(form.id, person.id))
                for form in self._forms.values()
                if form.opens <= now < form.closes
            ]
        mine = []
        for form, record in records:
            if record is None:
                continue
            answers = record.progress.answers
            total = len(questions_for(form, person.role, answers))
            mine.append(MyForm(form, len(answers), total, record.progress.status))
        return mine

    # The conversation ----------------------------------------------------------------------------

    def message(
        self,
        slack_user_id: str,
        text: str,
        now: datetime,
        inbox_id: int | None = None,
        reply_key: str | None = None,
    ) -> Answered | None:
        """A DM. With inbox_id, the inbox item is marked done in the same transaction as the
        answer, so a message is applied once; None when another worker has taken it. With
        `reply_key`, the answer's reply is kept in the outbox in that transaction too, so a
        crash after it cannot lose the reply; the caller sends it."""
        return self._step(
            slack_user_id,
            None,
            now,
            lambda form, role, progress: handle(form, role, progress, text),
            inbox_id,
            reply_key,
        )

    def start(self, slack_user_id: str, form_id: str, press: str, now: datetime) -> Answered:
        return self._press(
            slack_user_id,
            self.form(form_id),
            press,
            now,
            lambda form, role, progress: handle(form, role, progress, "start"),
        )

    def button(
        self,
        slack_user_id: str,
        pressed: AnswerButton,
        press: str,
        now: datetime,
    ) -> Answered:
        if pressed.recipient != slack_user_id:
            raise NotYourQuestion()
        return self._press(
            slack_user_id,
            self.form(pressed.form_id),
            press,
            now,
            lambda form, role, progress: answer_button(
                form, role, progress, pressed.question_id, pressed.value
            ),
        )

    def submit(self, slack_user_id: str, form_id: str, press: str, now: datetime) -> Answered:
        return self._press(
            slack_user_id,
            self.form(form_id),
            press,
            now,
            lambda form, role, progress: submit_button(progress),
        )

    def _press(
        self,
        slack_user_id: str,
        form: Form,
        press: str,
        now: datetime,
        act: Callable[[Form, str, Progress], tuple[Progress, Reply]],
    ) -> Answered:
        """A button's step, its reply to the person's DM kept in the same transaction, then
        sent. `press` is unique to the press (Slack's action_ts), so the reply is sent once."""
        key = f"button-reply:{slack_user_id}:{press}"
        answered = _surely(self._step(slack_user_id, form, now, act, reply_key=key))
        self._deliveries.flush(now, [key])
        return answered

    def _step(
        self,
        slack_user_id: str,
        form: Form | None,
        now: datetime,
        act: Callable[[Form, str, Progress], tuple[Progress, Reply]],
        inbox_id: int | None = None,
        reply_key: str | None = None,
    ) -> Answered | None:
        """Applies one action to the person's progress and saves it; if another message saved
        first, reads again and re-applies, so no answer is lost. An inbox item is marked done,
        and the reply kept in the outbox, in the same transaction, whatever the outcome, so it
        is never applied twice and never left without its reply."""
        for _ in range(3):
            with self._uow() as uow:
                if inbox_id is not None and not uow.inbox.mark_done(inbox_id, now):
                    return None  # another worker has it
                answered = self._apply(uow, slack_user_id, form, now, act)
                if answered is not None:
                    if reply_key is not None:
                        reply = _reply(reply_key, slack_user_id, answered, self._programme)
                        uow.deliveries.add([reply], now)
                    uow.commit()
                    if answered.reply is not None and isinstance(answered.reply, Submitted):
                        self._on_change()
                    return answered
        raise CouldNotSave()

    def _apply(
        self,
        uow: UnitOfWork,
        slack_user_id: str,
        form: Form | None,
        now: datetime,
        act: Callable[[Form, str, Progress], tuple[Progress, Reply]],
    ) -> Answered | None:
        """None when another message saved first (the caller retries)."""
        person = uow.participants.by_slack_id(slack_user_id)
        if person is None:
            return Answered(None, None, error=NotAParticipant())
        target = form or self._active_form(uow, person, now)
        if target is None:
            return Answered(self._closed_unfinished(uow, person, now), None)
        record = uow.evaluations.get(target.id, person.id)
        if record is None:
            return Answered(None, None, error=NotInvited(target))
        if not target.opens <= now < target.closes:
            return Answered(target, None)
        try:
            progress, reply = act(target, person.role, record.progress)
        except InvalidAnswer as invalid:
            return Answered(
                target, prompt(target, person.role, record.progress, error=invalid.refusal)
            )
        if not uow.evaluations.save(target.id, person.id, progress, record.version, now):
            return None
        return Answered(target, reply)

    def _active_form(self, uow: UnitOfWork, person: Participant, now: datetime) -> Form | None:
        mine = uow.evaluations.for_participant(person.id)
        open_forms = [
            f
            for f in self._forms.values()
            if f.opens <= now < f.closes
            and f.id in mine
            and mine[f.id].progress.status != "submitted"
        ]
        return max(open_forms, key=lambda f: f.opens) if open_forms else None

    def _closed_unfinished(
        self, uow: UnitOfWork, person: Participant, now: datetime
    ) -> Form | None:
        """The latest form that closed before the person finished it: a late answer is told so."""
        mine = uow.evaluations.for_participant(person.id)
        closed = [
            f
            for f in self._forms.values()
            if f.closes <= now and f.id in mine and mine[f.id].progress.status != "submitted"
        ]
        return max(closed, key=lambda f: f.closes) if closed else None

    # The team -------------------------------------------------------------------------------------

    def status(self, actor: str, now: datetime) -> list[ResultsForTeam]:
        self._team.require_member(actor)
        with self._uow() as uow:
            return [self._results(uow, f, now, closed=False) for f in self._forms.values()]

    def post_results(
        self, actor: str, form_id: str, now: datetime, cohort: str | None = None
    ) -> bool:
        """The form's counts so far, kept in the transaction that read them, then sent: True
        when Slack took them now (otherwise the outbox keeps trying)."""
        self._team.require_member(actor)
        form = self.form(form_id, cohort)
        with self._uow() as uow:
            told = self._results(uow, form, now, closed=False).to(self._team.channel)
            uow.deliveries.add([told], now)
            uow.commit()
        return bool(self._deliveries.flush(now, [told.delivery.key]))

    def answer_rows(self, form_id: str, pseudonymous: bool) -> tuple[AnswerRow, ...]:
        """One row per person and question answered, as stored. Pseudonymous: P001… instead of
        names."""
        form = self.form(form_id)
        with self._uow() as uow:
            people = {p.id: p for p in uow.participants.all()}
            stored = uow.evaluations.for_form(form.id)
        return answer_rows_of(form, stored, people, pseudonymous)

    def send_export(
        self,
        actor: str,
        form_id: str,
        pseudonymous: bool,
        now: datetime,
        cohort: str | None = None,
    ) -> bool:
        """The answers as a CSV file to the team's channel: True when Slack took it now
        (otherwise the outbox keeps trying)."""
        self._team.require_member(actor)
        form = self.form(form_id, cohort)
        rows = self.answer_rows(form_id, pseudonymous)
        file = AnswersExport(form, pseudonymous, rows, now, self._programme.cohort)
        told = file.to(self._team.channel)
        with self._uow() as uow:
            uow.deliveries.add([told], now)
            uow.commit()
        return bool(self._deliveries.flush(now, [told.delivery.key]))

    def _results(self, uow: UnitOfWork, form: Form, now: datetime, closed: bool) -> ResultsForTeam:
        roles = {p.id: p.role for p in uow.participants.all()}
        stored = uow.evaluations.for_form(form.id)
        return results_for_team(form, stored, roles, now, closed, self._programme.cohort)


def _reply(key: str, slack_user_id: str, answered: Answered, programme: Programme) -> Outgoing:
    """What the person sees after their message or button, to their own DM."""
    notice = EvaluationReply(
        answered.form, answered.reply, slack_user_id, key, answered.error, programme
    )
    return notice.to(slack_user_id)


def _surely(answered: Answered | None) -> Answered:
    assert answered is not None, "only an inbox item can be taken by another worker"
    return answered
