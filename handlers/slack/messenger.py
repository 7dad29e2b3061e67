"""The one way out to Slack for notices: renders them and posts them tagged with their ledger
key, one Web API call a person (a DM is posted to the user id and the DM's channel id kept in the
database), within Slack's rate limits, holding back only what a 429 was about, and never
re-posting blindly after an unclear failure: it first looks in the channel's history for the
key."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from datetime import datetime

from pydantic import BaseModel
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.notices import ChannelBook, DeliveryFailed, FileNotice, HeldBack, Notice, Revision
from handlers.i18n import ENGLISH, WELSH, in_language, language
from handlers.slack.limits import RateLimits
from handlers.slack.rendering import render_file, render_message
from handlers.slack.web import RateLimited, SlackRefused, SlackWeb, Unclear

log = logging.getLogger(__name__)
METADATA_TYPE = "mentorbot_delivery"
RENDER_CACHE_SIZE = 1000


def quiet_slack_libraries() -> None:
    """Slack's libraries log whole requests at DEBUG (the Web API client, the response_url
    client, Bolt), and those hold personal data (concerns, answers): their loggers never go
    below INFO, whatever the rest of the bot logs."""
    for library in ("slack_sdk", "slack_bolt"):
        logging.getLogger(library).setLevel(logging.INFO)
    # The HTTP session logs each request's address at INFO: noise at Slack's volumes.
    for library in ("httpx", "httpcore"):
        logging.getLogger(library).setLevel(logging.WARNING)


def web_client(token: str, base_url: str, max_rate_limit_retries: int = 10) -> WebClient:
    """Only rate-limit answers are retried by the client: Slack did not act on those. Other
    failures are reconciled by the Messenger, which knows how to check before retrying."""
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=15,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=max_rate_limit_retries)],
    )


_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")


def _people_in(to: str) -> list[str]:
    """The people an address names: a DM's ("U1") or a pair's group DM's ("U1,U2"); none for a
    channel."""
    people = to.split(",")
    return people if all(_USER_ID.match(p) for p in people) else []


# The other languages a message is also written in, for the group being written to now
_ALSO_IN: ContextVar[tuple[str, ...]] = ContextVar("also_in", default=())
# Blocks that hold only words, and Slack's most blocks in a message
WORDS_BLOCKS = {"section", "header", "context"}
MESSAGE_BLOCKS_MAX = 50


def _words_only(block: dict) -> dict:
    """A block's words without its controls or id (the message keeps one set of those)."""
    return {k: v for k, v in block.items() if k not in ("block_id", "accessory")}


class SlackMessenger:
    def __init__(
        self,
        web: SlackWeb,
        channels: ChannelBook,
        limits: RateLimits,
        retry_delays: Sequence[float] = (0.5, 2.0),
        rate_limited_retries: int = 10,
        languages: Callable[[str], str | None] = lambda person: None,
    ):
        """`languages`: the language a person (by Slack id) has chosen to read, if any."""
        self._web = web
        self._languages = languages
        self._channels = channels
        self._limits = limits
        self._retry_delays = retry_delays
        self._rate_limited_retries = rate_limited_retries
        # A fan-out renders the same few messages thousands of times (most people share a zone).
        self._rendered: dict[tuple[object, ...], tuple[str, list[dict]]] = {}
        self._lock = threading.Lock()

    def send(self, to: str, notice: Notice, key: str) -> None:
        """Posts, in the reader's language, and after an unclear answer waits, then looks in the
        history before posting again: waiting first gives a message Slack did take the time to
        show there. HeldBack: the conversation may not take a post yet (nothing was sent)."""
        first, *then = self._languages_of(to)
        also = _ALSO_IN.set(tuple(then))
        try:
            with in_language(first):
                self._send(to, notice, key)
        finally:
            _ALSO_IN.reset(also)

    def _languages_of(self, to: str) -> list[str]:
        """A person's own language; a group's, or both where its people read different ones
        (Welsh first, as Wales's bilingual letters put it); a channel's (the team's): the
        source's."""
        people = _people_in(to)
        if not people:
            return [ENGLISH]
        chosen = {self._languages(p) or ENGLISH for p in people}
        return sorted(chosen, key=lambda spoken: spoken != WELSH)

    def _send(self, to: str, notice: Notice, key: str) -> None:
        attempts = len(self._retry_delays) + 1
        reason = ""
        for attempt in range(attempts):
            if attempt:
                time.sleep(self._retry_delays[attempt - 1])
                if self.was_sent(to, notice, key, since=None):
                    return
            try:
                self._post_within_limits(to, notice, key)
                return
            except SlackRefused as refused:
                raise DeliveryFailed(refused.error, refused=True) from None
            except HeldBack:
                if attempt:
                    # The unclear attempt may yet show in the history: the outbox's next run
                    # looks there first (it is noted as tried).
                    raise DeliveryFailed(f"Slack did not answer clearly ({reason})") from None
                raise
            except Unclear as unclear:
                reason = unclear.reason
                if isinstance(notice, FileNotice):
                    # A file is found in the history by its name only, which an older file may
                    # share: it is left to the outbox, which looks only since its first try.
                    break
        raise DeliveryFailed(f"Slack did not answer clearly ({reason})")

    def share(self, notice: FileNotice, recipients: Sequence[str]) -> None:
        """One upload, shared with everyone at once (files.completeUploadExternal takes user and
        channel ids). An unclear answer is not retried here: the outbox checks each person."""
        try:
            self._upload(notice, channels=",".join(recipients))
        except SlackRefused as refused:
            raise DeliveryFailed(refused.error, refused=True) from None
        except Unclear as unclear:
            raise DeliveryFailed(unclear.reason) from None

    def was_sent(self, to: str, notice: Notice, key: str, since: datetime | None) -> bool:
        try:
            history = self._call(
                "conversations.history",
                self.channel_for(to),
                channel=self.channel_for(to),
                include_all_metadata=True,
                limit=200,
                oldest=f"{since.timestamp() - 60:.6f}" if since else "0",
            )
        except (SlackRefused, Unclear):
            raise DeliveryFailed("could not check whether an earlier attempt arrived") from None
        return any(_carries(message, notice, key) for message in history.get("messages", []))

    def channel_for(self, to: str) -> str:
        """The channel id for an address: a channel as it is; a user's DM or a pair's group DM
        as kept, or opened (and kept) once."""
        if not _people_in(to):
            return to
        known = self._channels.channel(to)
        if known:
            return known
        try:
            opened = self._call("conversations.open", None, users=to)["channel"]["id"]
        except (SlackRefused, Unclear) as error:
            raise DeliveryFailed(f"cannot open a conversation: {error}") from None
        self._channels.remember(to, opened)
        return str(opened)

    def _post_within_limits(self, to: str, notice: Notice, key: str) -> None:
        if isinstance(notice, FileNotice):
            self._share_file(self.channel_for(to), notice)
            return
        if isinstance(notice, Revision) and notice.key != notice.original:
            self._revise(self.channel_for(to), notice, key)
            return
        known = self._channels.channel(to) if _people_in(to) else to
        # A single user's first DM goes to their user id: Slack opens the app's DM itself.
        target = known or (to if "," not in to else self.channel_for(to))
        text, blocks = self._render(notice)
        answer = self._call(
            "chat.postMessage",
            target,
            channel=target,
            text=text,
            blocks=blocks,
            unfurl_links=False,
            metadata=_metadata(notice, key),
        )
        if not known:
            self._channels.remember(to, str(answer["channel"]))

    def _revise(self, channel: str, notice: Revision, key: str) -> None:
        """Edits the message first posted as `notice.original`, unless it already shows a newer
        version; where it cannot be found (never posted, or further back than one page of the
        history) this version is posted afresh, so what it says is never lost."""
        shown = self._shown(channel, notice)
        text, blocks = self._render(notice)
        message = {"text": text, "blocks": blocks, "metadata": _metadata(notice, key)}
        if shown is None:
            self._call("chat.postMessage", channel, channel=channel, unfurl_links=False, **message)
        elif int(_payload(shown).get("version") or 0) < notice.version:
            self._call("chat.update", channel, channel=channel, ts=shown["ts"], **message)

    def _shown(self, channel: str, notice: Revision) -> dict | None:
        """The message that shows the notice's versions, found by the metadata each carries."""
        history = self._call(
            "conversations.history",
            channel,
            channel=channel,
            include_all_metadata=True,
            limit=200,
            oldest=f"{notice.since.timestamp() - 60:.6f}",
        )
        return next(
            (
                message
                for message in history.get("messages", [])
                if _payload(message).get("original") == notice.original
            ),
            None,
        )

    def _share_file(self, channel: str, notice: FileNotice) -> None:
        self._upload(notice, channel_id=channel)

    def _upload(self, notice: FileNotice, **where: str) -> None:
        """Slack's three steps: an address for the file (with an image's text alternative), its
        bytes, and sharing it `where`."""
        shared = render_file(notice)
        described = {"alt_txt": shared.alt_text} if shared.alt_text else {}
        upload = self._call(
            "files.getUploadURLExternal",
            None,
            filename=notice.filename,
            length=len(shared.content),
            **described,
        )
        self._web.upload(upload["upload_url"], shared.content)
        complete: dict[str, object] = {
            "files": [{"id": upload["file_id"], "title": shared.title}],
            **where,
        }
        if shared.comment:
            complete["initial_comment"] = shared.comment
        self._call("files.completeUploadExternal", None, **complete)

    def _call(self, method: str, to_channel: str | None, **params: object) -> dict:
        """One call, in its turn under the rate limits; a 429 holds back that method (or, for a
        post, that channel) for as long as Slack says. A method held back is waited for, then
        the call goes again; a post to a channel held back is not: HeldBack says when it may go,
        and the sender goes on to other people meanwhile."""
        for _ in range(self._rate_limited_retries):
            held = self._limits.turn(method, to_channel)
            if held > 0:
                raise HeldBack(held)
            try:
                return self._web.call(method, **params)
            except RateLimited as limited:
                self._limits.hold(method, limited.retry_after, to_channel)
        raise Unclear(method, f"still rate limited after {self._rate_limited_retries} tries")

    def _render(self, notice: Notice) -> tuple[str, list[dict]]:
        """In the reader's language; for readers of two, the first in full with its buttons,
        then the other's words (Slack lets a message hold one set of controls)."""
        text, blocks = self._render_one(notice)
        for other in _ALSO_IN.get():
            with in_language(other):
                more_text, more_blocks = self._render_one(notice)
            words = [_words_only(b) for b in more_blocks if b.get("type") in WORDS_BLOCKS]
            room = MESSAGE_BLOCKS_MAX - len(blocks) - 1
            if words and room > 0:
                text, blocks = (
                    f"{text}\n\n{more_text}",
                    [*blocks, {"type": "divider"}, *words[:room]],
                )
        return text, blocks

    def _render_one(self, notice: Notice) -> tuple[str, list[dict]]:
        """A notice's words depend only on its fields; the programme and its parts (pydantic
        models, fixed for the process) count by identity."""
        key = (
            language(),
            type(notice).__name__,
            *(id(v) if isinstance(v, BaseModel) else v for v in vars(notice).values()),
        )
        try:
            hash(key)
        except TypeError:  # a one-off message (e.g. a DM reply): nothing to share
            return render_message(notice)
        with self._lock:
            if key not in self._rendered:
                if len(self._rendered) > RENDER_CACHE_SIZE:
                    self._rendered.clear()
                self._rendered[key] = render_message(notice)
            return self._rendered[key]


def _metadata(notice: Notice, key: str) -> dict:
    """What a message carries to be found again: its key, and a revision's original and version."""
    payload: dict[str, object] = {"key": key}
    if isinstance(notice, Revision):
        payload |= {"original": notice.original, "version": notice.version}
    return {"event_type": METADATA_TYPE, "event_payload": payload}


def _payload(message: dict) -> dict:
    return dict(message.get("metadata", {}).get("event_payload") or {})


def _carries(message: dict, notice: Notice, key: str) -> bool:
    """Whether a message in the history is this notice: a file by its name, a message by the key
    in its metadata."""
    if isinstance(notice, FileNotice):
        return any(f.get("name") == notice.filename for f in message.get("files", []))
    return bool(_payload(message).get("key") == key)
