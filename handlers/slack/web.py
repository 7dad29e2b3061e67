"""The few Web API calls the messenger makes, over one pooled keep-alive HTTP session (httpx):
at Slack's round trip, a new TLS connection per call would cost more than the call itself.
Every answer becomes a typed outcome: a result, a refusal Slack gave (nothing happened), a rate
limit (nothing happened; wait), or an unclear failure (it may have happened)."""

from __future__ import annotations

import functools
import ssl
from typing import Any

import httpx

# Enough connections for the sender's pool to post in parallel; idle ones are kept alive.
POOL = httpx.Limits(max_connections=16, max_keepalive_connections=16)


# ok:false answers that say Slack had a passing problem: the same call may well work later.
PASSING_ERRORS = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"}
)


class SlackRefused(Exception):
    """Slack answered ok:false: it did not act, and sending the same again will not help."""

    def __init__(self, method: str, error: str):
        super().__init__(f"{method}: {error}")
        self.method, self.error = method, error


class RateLimited(Exception):
    """HTTP 429: Slack did not act; the same call may go again after `retry_after` seconds."""

    def __init__(self, method: str, retry_after: float):
        super().__init__(f"{method}: rate limited for {retry_after:g} s")
        self.method, self.retry_after = method, retry_after


class Unclear(Exception):
    """A 5xx, a timeout or a lost connection: Slack may or may not have acted."""

    def __init__(self, method: str, reason: str):
        super().__init__(f"{method}: {reason}")
        self.method, self.reason = method, reason


@functools.cache
def _trusted() -> ssl.SSLContext:
    """The certificates httpx trusts by default, read once per process: reading them is most of
    the cost of a client, and one context serves every connection (ssl makes it thread-safe)."""
    return httpx.create_ssl_context()


class SlackWeb:
    def __init__(self, token: str, base_url: str, timeout: float = 15.0):
        self._client = httpx.Client(
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
            limits=POOL,
            verify=_trusted(),
        )
        # Files go to the address Slack gives, without our token (it is not needed there).
        self._uploads = httpx.Client(timeout=timeout, limits=POOL, verify=_trusted())

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """A Web API method with JSON arguments; the answer's fields, or one of the errors."""
        try:
            answer = self._client.post(method, json=params)
        except httpx.TransportError as error:
            raise Unclear(method, type(error).__name__) from None
        return _outcome(method, answer)

    def upload(self, url: str, content: bytes) -> None:
        """The file's bytes to the address files.getUploadURLExternal gave."""
        try:
            answer = self._uploads.post(url, content=content)
        except httpx.TransportError as error:
            raise Unclear("upload", type(error).__name__) from None
        if answer.status_code >= 500:
            raise Unclear("upload", f"HTTP {answer.status_code}")
        if answer.status_code >= 400:
            raise SlackRefused("upload", f"HTTP {answer.status_code}")

    def close(self) -> None:
        self._client.close()
        self._uploads.close()


def _outcome(method: str, answer: httpx.Response) -> dict[str, Any]:
    if answer.status_code == 429:
        raise RateLimited(method, float(answer.headers.get("Retry-After") or 1))
    if answer.status_code >= 500:
        raise Unclear(method, f"HTTP {answer.status_code}")
    try:
        body = answer.json()
    except ValueError:
        raise Unclear(method, "an answer that is not JSON") from None
    if not body.get("ok"):
        error = str(body.get("error") or f"HTTP {answer.status_code}")
        if error in PASSING_ERRORS:
            raise Unclear(method, error)
        raise SlackRefused(method, error)
    return dict(body)
