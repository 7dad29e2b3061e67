"""The outcomes use cases: a cohort's outcomes gathered from what the scheme stored (each person's
answers to the baseline and final evaluations, their pairs' goals and meetings, who completed,
how each said their pairing was going), the report made from them with small numbers suppressed,
and that report as a PDF and a CSV for the project team's private channel and nowhere else.

What is gathered names nobody: each value is a role, a count or an answer on a scale
(bot/outcomes/model.py), so neither the report nor its files can name anyone.

Which forms are compared: those with the ids `baseline` and `final` when the programme has both
(as the shipped programme does, and each cohort's file carried from the last), else its first
and its last form. The programme file names no outcome forms of its own (bot/scheme.py), so a
programme that renames them is still compared from first to last. With fewer than two forms
there is nothing to compare, and the report has every figure but the changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from bot.certificates.service import completions
from bot.notices import Deliveries, keys_of
from bot.outcomes.model import (
    CohortOutcomes,
    Completion,
    FitAnswer,
    OutcomesReport,
    PairedAnswer,
    PairRecord,
    PulseAnswer,
)
from bot.outcomes.notices import OutcomesCsv, OutcomesPdf
from bot.outcomes.rules import outcomes_report, paired_questions
from bot.pairs.model import Pair
from bot.participants.model import Participant
from bot.ports import UnitOfWork
from bot.programme_forms import AnswerValue, Form, Question
from bot.pulse.rules import latest_answers
from bot.scheme import Programme
from bot.team import Team

BASELINE, FINAL = "baseline", "final"
ACHIEVED = "achieved"  # a goal's progress
SUBMITTED = "submitted"
# What a programme with fewer than two forms compares: a form asking nothing on a scale pairs no
# question, so its report has no changes.
NOTHING_ASKED = Form(
    id="nothing-asked",
    title="Nothing asked",
    audience="everyone",
    opens=datetime(2000, 1, 1, tzinfo=UTC),
    closes=datetime(2000, 1, 2, tzinfo=UTC),
    questions=[Question(id="nothing", kind="text", text="Nothing")],
)


def compared_forms(programme: Programme) -> tuple[Form, Form] | None:
    """The baseline and final evaluations (see the module's note); None: fewer than two forms."""
    forms = programme.evaluations.forms
    baseline, final = programme.evaluations.form(BASELINE), programme.evaluations.form(FINAL)
    if baseline is not None and final is not None:
        return baseline, final
    return (forms[0], forms[-1]) if len(forms) >= 2 else None


class OutcomesService:
    def __init__(
        self,
        programme: Programme,
        uow: Callable[[], UnitOfWork],
        deliveries: Deliveries,
        team: Team,
        changed: Callable[[], None] = lambda: None,
    ) -> None:
        """`changed`: tells the clock that something new waits in the outbox (`keep`)."""
        self.programme = programme
        self.forms = compared_forms(programme)
        self._uow = uow
        self._deliveries = deliveries
        self._team = team
        self._changed = changed

    def gather(self, now: datetime) -> CohortOutcomes:
        """The cohort's outcomes as stored at `now`: its people's paired answers, its pairs'
        goals and meetings, each person's completion, and each person's latest fit and pulse
        (counted as the pulse's own counts are, bot/pulse/rules.py)."""
        with self._uow() as uow:
            people = _on_the_scheme(uow)
            done = completions(uow, self.programme, people, now)
            latest = latest_answers(uow.pulse.all(), {p.id: p.role for p in people})
            return CohortOutcomes(
                scheme=self.programme.name,
                cohort=self.programme.cohort,
                made_on=now.astimezone(self.programme.zone).date(),
                paired=self._paired(uow, people),
                pairs=_pair_records(uow, _pairs_that_ran(uow, people)),
                completions=tuple(
                    Completion(p.role, was) for p, was in zip(people, done, strict=True)
                ),
                fits=tuple(FitAnswer(a.role, a.fit) for a in latest if a.fit is not None),
                pulses=tuple(PulseAnswer(a.role, a.score) for a in latest if a.score is not None),
            )

    def cohort_report(self, now: datetime) -> OutcomesReport:
        """The report, for whoever may already read it: the command line (as it exports
        answers), and `report`, which asks who is reading first."""
        baseline, final = self.forms or (NOTHING_ASKED, NOTHING_ASKED)
        return outcomes_report(self.gather(now), baseline, final)

    def report(self, actor: str, now: datetime) -> OutcomesReport:
        """The report, for a member of the project team only (TeamOnly)."""
        self._team.require_member(actor)
        return self.cohort_report(now)

    def send(self, actor: str, language: str, now: datetime) -> bool:
        """The report as a PDF and a CSV in `language` (the asker's), kept for the team's
        private channel only, then sent: True when Slack took both now (otherwise the outbox
        keeps trying). TeamOnly for anyone else, and nothing kept."""
        keys = self._keep(actor, language, now)
        return len(self._deliveries.flush(now, keys)) == len(keys)

    def keep(self, actor: str, language: str, now: datetime) -> None:
        """As `send`, but the files are left to the outbox, which the clock is told of: for a
        command, which must answer within Slack's 3 seconds, while drawing the PDF's charts
        takes about 2."""
        self._keep(actor, language, now)
        self._changed()

    def _keep(self, actor: str, language: str, now: datetime) -> list[str]:
        report = self.report(actor, now)
        channel = self._team.channel
        outgoing = [
            OutcomesPdf(report, language, now).to(channel),
            OutcomesCsv(report, language, now).to(channel),
        ]
        with self._uow() as uow:
            uow.deliveries.add(outgoing, now)
            uow.commit()
        return keys_of(outgoing)

    def _paired(self, uow: UnitOfWork, people: list[Participant]) -> tuple[PairedAnswer, ...]:
        """Each person's two answers to each question both forms ask on the same scale, where
        they submitted both forms and answered it in each."""
        if self.forms is None:
            return ()
        baseline, final = self.forms
        roles = {p.id: p.role for p in people}
        before, after = _submitted(uow, baseline), _submitted(uow, final)
        return tuple(
            PairedAnswer(roles[person], question.id, start, end)
            for person in sorted(roles.keys() & before.keys() & after.keys())
            for question in paired_questions(baseline, final)
            if isinstance(start := before[person].get(question.id), int)
            and isinstance(end := after[person].get(question.id), int)
        )


def _on_the_scheme(uow: UnitOfWork) -> list[Participant]:
    """The cohort's participants; one erased at their request keeps a row, with no Slack link,
    and nothing of theirs is counted. Those anonymised with their cohort when its retention ran
    out are still counted, so its figures stay as they were."""
    return [p for p in uow.participants.all() if p.slack_user_id or p.anonymised]


def _submitted(uow: UnitOfWork, form: Form) -> dict[int, dict[str, AnswerValue | None]]:
    """The answers of each person who submitted the form, by their id."""
    return {
        stored.participant_id: dict(stored.progress.answers)
        for stored in uow.evaluations.for_form(form.id)
        if stored.progress.status == SUBMITTED
    }


def _pairs_that_ran(uow: UnitOfWork, people: list[Participant]) -> list[Pair]:
    """Every pair of the cohort that both of its members accepted: each still going, and each
    person's last (one that ended early still ran, and its meetings count)."""
    found = {pair.id: pair for pair in uow.pairs.current()}
    for person in people:
        last = uow.pairs.latest_for(person.id)
        if last is not None:
            found.setdefault(last.id, last)
    return sorted(
        (pair for pair in found.values() if pair.activated_at is not None), key=lambda p: p.id
    )


def _pair_records(uow: UnitOfWork, pairs: list[Pair]) -> tuple[PairRecord, ...]:
    """Each pair's goals (every one it set, whatever its progress) and meetings."""
    goals = uow.goals.for_pairs([pair.id for pair in pairs])
    return tuple(
        PairRecord(
            goals_set=len(goals.get(pair.id, [])),
            goals_achieved=sum(g.progress == ACHIEVED for g in goals.get(pair.id, [])),
            meetings=len(uow.meetings.for_pair(pair.id)),
        )
        for pair in pairs
    )
