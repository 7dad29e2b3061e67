"""Keeps the page to its own browser tab: a request must give one of the page's own names as its
host (so a web page elsewhere cannot reach it by pointing a name of its own at the page's
address), and a form must be posted from the page itself (so another site cannot act as someone
in the workspace). Every answer also tells the browser to run only the page's own scripts and
styles."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = (
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class SameOrigin:
    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]):
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        refusal = _refusal(scope["method"], headers, host, self.hosts)
        if refusal:
            await PlainTextResponse(refusal, status_code=403)(scope, receive, send)
            return

        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [
                    (b"content-security-policy", POLICY.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
            await send(message)

        await self.app(scope, receive, with_policy)


def _refusal(method: str, headers: Headers, host: str, hosts: tuple[str, ...]) -> str | None:
    if urlsplit(f"//{host}").hostname not in hosts:
        return "This page answers only on its own address."
    if method in ("GET", "HEAD"):
        return None
    origin = headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != host:
        return "Forms are taken only from this page."
    if origin is None and headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
        return "Forms are taken only from this page."
    return None
