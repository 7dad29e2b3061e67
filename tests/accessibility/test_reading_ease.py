"""Plain English: the Flesch reading ease of every message the bot sends that is longer than one
sentence is at least 60 (a 13-year-old reads it easily): each notice's fallback, what its blocks
say, a file's message, and each error's words."""

from __future__ import annotations

from collections.abc import Iterator

import textstat

from bot.notices import FileNotice
from handlers.slack.rendering import render_file, render_message
from handlers.views.common import BAD_PAYLOAD, SORRY, user_error, worded_errors
from tests.accessibility.examples import ERROR_EXAMPLES, import_every_view, notice_examples
from tests.accessibility.shown import as_sentences, block_texts

EASY_ENOUGH = 60


def messages() -> Iterator[tuple[str, str]]:
    """(what it is, its words) for every message the examples and errors make."""
    import_every_view()
    for kind, examples in notice_examples().items():
        for n, example in enumerate(examples, 1):
            name = f"{kind.__name__} {n}"
            if isinstance(example.notice, FileNotice):
                shared = render_file(example.notice)
                yield f"{name}, its message", as_sentences([shared.comment or shared.title])
                continue
            text, blocks = render_message(example.notice)
            yield f"{name}, its fallback", as_sentences([text])
            yield f"{name}, its blocks", as_sentences(list(block_texts(blocks)))
    for error in worded_errors():
        yield error.__name__, as_sentences([user_error(ERROR_EXAMPLES[error.__name__](error))])
    yield "a fault on the bot's side", as_sentences([SORRY])
    yield "a button or form it cannot read", as_sentences([BAD_PAYLOAD])


def test_every_error_the_views_word_has_an_example_here() -> None:
    import_every_view()
    missing = {e.__name__ for e in worded_errors()} - set(ERROR_EXAMPLES)
    assert not missing, f"add an example of each to ERROR_EXAMPLES: {missing}"


def test_every_message_longer_than_a_sentence_reads_easily() -> None:
    measured = [
        (textstat.flesch_reading_ease(words), name, words)
        for name, words in messages()
        if textstat.sentence_count(words) > 1
    ]
    overall = textstat.flesch_reading_ease(" ".join(words for _, _, words in measured))
    lowest = sorted(measured)[:3]
    print(f"\nFlesch reading ease of all {len(measured)} messages together: {overall:.1f}")
    for score, name, words in lowest:
        print(f"  {score:.1f}  {name}: {words}")
    hard = [
        f"{score:.1f} {name}: {words}" for score, name, words in measured if score < EASY_ENOUGH
    ]
    assert not hard, f"overall {overall:.1f}; rewrite in plainer English:\n" + "\n".join(hard)
