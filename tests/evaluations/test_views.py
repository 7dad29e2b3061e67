"""Free-text answers read as typed in the summary of answers, never as Slack markup."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.evaluations.engine import Summary
from bot.evaluations.notices import EvaluationReply
from bot.scheme import Form, Question
from handlers.views import evaluations as view

TYPED = "<!channel> <@U999> & <https://evil.example|click>"
ESCAPED = "&lt;!channel&gt; &lt;@U999&gt; &amp; &lt;https://evil.example|click&gt;"
MARKUP = ("<!channel>", "<@U999>", "<https://evil.example")
BETTER = Question(id="better", kind="text", text="What would make the scheme better?")
CHOICE = Question(id="often", kind="choice", text="How often?", options=["Weekly", "Monthly"])
FORM = Form(
    id="mid-scheme",
    title="Mid-scheme check",
    audience="everyone",
    opens=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    closes=datetime(2026, 3, 16, 17, 0, tzinfo=UTC),
    questions=[BETTER, CHOICE],
)


def test_a_free_text_answer_in_the_summary_of_answers_cannot_notify_anyone() -> None:
    summary = Summary([(1, BETTER, TYPED), (2, CHOICE, "Weekly")])

    text, blocks = view.answered_message(EvaluationReply(FORM, summary, "USUNITA01"))

    shown = text + json.dumps([b.to_dict() for b in blocks], ensure_ascii=False)
    assert f"1. What would make the scheme better? *{ESCAPED}*\n2. How often? *Weekly*" in text
    assert not any(markup in shown for markup in MARKUP)
