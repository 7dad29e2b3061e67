"""The one way out to Slack for notices: renders them, posts them tagged with their ledger key,
caches DM channel ids, honours 429 Retry-After, and never re-posts blindly after an unclear
failure: it first looks in the channel's history for the key."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.outbox import DeliveryFailed, FileNotice, Notice
from handlers.slack.rendering import render_file, render_message

log = logging.getLogger(__name__)
METADATA_TYPE = "mentorbot_delivery"
RENDER_CACHE_SIZE = 1000


def quiet_slack_libraries() -> None:
    """Slack's libraries log whole requests at DEBUG (the Web API client, the response_url
    client, Bolt), and those hold personal data (concerns, answers): their loggers never go
    below INFO, whatever the rest of the bot logs."""
    for library in ("slack_sdk", "slack_bolt"):
        logging.getLogger(library).setLevel(logging.INFO)


def web_client(token: str, base_url: str, max_rate_limit_retries: int = 10) -> WebClient:
    """Only rate-limit answers are retried by the client: Slack did not act on those. Other
    failures are reconciled by the Messenger, which knows how to check before retrying."""
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=15,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=max_rate_limit_retries)],
    )


class SlackMessenger:
    def __init__(self, client: WebClient, retry_delays: Sequence[float] = (0.5, 2.0)):
        self._client = client
        self._retry_delays = retry_delays
        self._dm_channels: dict[str, str] = {}
        # A fan-out renders the same few messages thousands of times (most people share a zone).
        self._rendered: dict[tuple[object, ...], tuple[str, list[dict]]] = {}
        self._lock = threading.Lock()

    def send(self, to: str, notice: Notice, key: str) -> None:
        channel = self.channel_for(to)
        attempts = len(self._retry_delays) + 1
        for attempt in range(attempts):
            try:
                self._post(channel, notice, key)
                return
            except SlackApiError as error:
                if not _unclear(error):
                    raise DeliveryFailed(str(error.response.get("error"))) from None
                reason = f"HTTP {error.response.status_code}"
            except OSError as error:  # connection refused or reset, timeout
                reason = type(error).__name__
            if self.was_sent(to, notice, key, since=None):
                return
            if attempt < attempts - 1:
                time.sleep(self._retry_delays[attempt])
        raise DeliveryFailed(f"Slack did not answer clearly ({reason}) after {attempts} attempts")

    def was_sent(self, to: str, notice: Notice, key: str, since: datetime | None) -> bool:
        try:
            history = self._client.conversations_history(
                channel=self.channel_for(to),
                include_all_metadata=True,
                limit=200,
                oldest=f"{since.timestamp() - 60:.6f}" if since else "0",
            )
        except (SlackApiError, OSError):
            raise DeliveryFailed("could not check whether an earlier attempt arrived") from None
        messages: list[dict] = history.get("messages", [])
        for message in messages:
            if isinstance(notice, FileNotice):
                if any(f.get("name") == notice.filename for f in message.get("files", [])):
                    return True
            elif message.get("metadata", {}).get("event_payload", {}).get("key") == key:
                return True
        return False

    def channel_for(self, to: str) -> str:
        """A user id becomes their DM, "U1,U2" their group DM (cached: conversations.open is
        rate-limited); a channel id is used as it is."""
        if not to.startswith(("U", "W")):
            return to
        with self._lock:
            cached = self._dm_channels.get(to)
        if cached:
            return cached
        try:
            channel = self._client.conversations_open(users=to)["channel"]["id"]
        except SlackApiError as error:
            raise DeliveryFailed(f"cannot open a DM: {error.response.get('error')}") from None
        with self._lock:
            self._dm_channels[to] = channel
        return channel

    def _render(self, notice: Notice) -> tuple[str, list[dict]]:
        """A notice's words depend only on its fields; the programme and its parts (pydantic
        models, fixed for the process) count by identity."""
        key = (
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

    def _post(self, channel: str, notice: Notice, key: str) -> None:
        if isinstance(notice, FileNotice):
            shared = render_file(notice)
            self._client.files_upload_v2(
                channel=channel,
                content=shared.content,
                filename=notice.filename,
                title=shared.title,
                initial_comment=shared.comment,
            )
            return
        text, blocks = self._render(notice)
        self._client.chat_postMessage(
            channel=channel,
            text=text,
            blocks=blocks,
            unfurl_links=False,
            metadata={"event_type": METADATA_TYPE, "event_payload": {"key": key}},
        )


def _unclear(error: SlackApiError) -> bool:
    """A 5xx (or a 429 past the retries) may or may not have taken effect; ok:false did not."""
    return error.response.status_code >= 429
