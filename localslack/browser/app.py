"""The local workspace in the browser: a page where anyone can use the app as any person in the
workspace, through the same path as real Slack. Every press, choice, form and message becomes
the signed request Slack would send (localslack.sender); what the app sends back through the
Web API shows up live (server-sent events tell the page to redraw).

The page is plain HTML that works without script; page.js only keeps it live and keeps focus
where the person was."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from localslack.browser import forms, model, words
from localslack.browser.blockkit import Surface, render_blocks
from localslack.browser.guard import SameOrigin
from localslack.browser.mrkdwn import mrkdwn_html
from localslack.browser.words import _
from localslack.sender import Delivered, SignedSender
from localslack.server import LocalSlack

HERE = Path(__file__).parent
# The largest file a form takes here (Slack takes far more; a cohort's CSV is a few kilobytes):
# the workspace keeps every file's bytes in the file it is saved to.
UPLOAD_LIMIT = 5 * 1024 * 1024


class SimulatedTime(Protocol):
    """The clock the app runs on, which the page shows and moves."""

    zone: ZoneInfo

    def now(self) -> datetime: ...

    def next_moment(self) -> datetime | None:
        """When the app next has something to do; None when the scheme holds nothing more."""

    def advance(self, by: timedelta | None = None) -> bool:
        """Moves on `by` (None: to the next moment), letting the app's scheduler run everything
        that falls due on the way; False when there was no next moment. Moves asked for at
        once add up."""


@dataclass(frozen=True)
class AppInfo:
    """What the app's manifest offers a person: its commands, shortcuts and events."""

    name: str
    commands: tuple[str, ...]
    global_shortcuts: tuple[tuple[str, str], ...]  # (callback_id, name)
    message_shortcuts: tuple[tuple[str, str], ...]
    bot_events: frozenset[str]

    @classmethod
    def from_manifest(cls, manifest: dict[str, Any]) -> AppInfo:
        features = manifest.get("features", {})
        shortcuts = features.get("shortcuts", [])
        return cls(
            name=features.get("bot_user", {}).get("display_name", "app"),
            commands=tuple(c["command"] for c in features.get("slash_commands", [])),
            global_shortcuts=tuple(
                (s["callback_id"], s["name"]) for s in shortcuts if s["type"] == "global"
            ),
            message_shortcuts=tuple(
                (s["callback_id"], s["name"]) for s in shortcuts if s["type"] == "message"
            ),
            bot_events=frozenset(
                manifest.get("settings", {}).get("event_subscriptions", {}).get("bot_events", [])
            ),
        )


@dataclass
class _Modal:
    """What a person entered in a modal the app refused, kept so nothing typed is lost."""

    hash: str
    drafts: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


class WorkspacePage:
    def __init__(
        self,
        slack: LocalSlack,
        sender: SignedSender,
        clock: SimulatedTime,
        people: list[model.Person],
        app: AppInfo,
        settle: Callable[[], None],
        pace: float = 0.5,
        allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost"),
        language_of: Callable[[str], words.Language] = lambda user_id: words.ENGLISH,
    ):
        """allowed_hosts: the names the page answers to, in lower case (any other Host is
        refused). language_of: the language of the person with that user id, in which the page
        shows its own words when it is used as them."""
        self.slack, self.ws, self.sender, self.clock = slack, slack.workspace, sender, clock
        self.people, self.app_info = people, app
        self._language_of = language_of
        self._settle = settle  # waits for what the app does after acknowledging
        self._pace = pace
        # What went wrong with a person's last action, shown until their next one
        self._notices: dict[str, str] = {}
        self._modals: dict[str, _Modal] = {}
        # People who have acted since the page was last loaded for them: the load that follows
        # shows the form their action opened; any other fresh load closes a form left open.
        self._acted: set[str] = set()
        self._lock = threading.Lock()
        self._sending: set[str] = set()  # modals on their way to the app
        self._playing = threading.Event()
        self._stopping = threading.Event()
        self._player: threading.Thread | None = None
        self._stepping = threading.Lock()  # held while the player moves the clock a step
        self._templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.i18n"],
        )
        # Installed once: each request's words are its reader's (words.speak), and the
        # translations are Markup whose placeholders .format() escapes.
        self._templates.install_gettext_callables(  # type: ignore[attr-defined]
            words._, words.ngettext, newstyle=True
        )
        self.app = Starlette(
            routes=[
                Route("/", self.page),
                Route("/ui/open", self.open),
                Route("/ui/act", self.act, methods=["POST"]),
                Route("/ui/submit", self.submit, methods=["POST"]),
                Route("/ui/close", self.close_modal, methods=["POST"]),
                Route("/ui/say", self.say, methods=["POST"]),
                Route("/ui/shortcut", self.shortcut, methods=["POST"]),
                Route("/ui/clock", self.move_clock, methods=["POST"]),
                Route("/ui/files/{file_id}", self.file),
                Route("/ui/events", self.events),
                Mount("/ui/static", StaticFiles(directory=HERE / "static"), name="static"),
            ],
            middleware=[Middleware(SameOrigin, hosts=allowed_hosts)],
        )

    def stop(self) -> None:
        """Ends the event streams and the player, so the server can stop."""
        self._stopping.set()
        self._playing.clear()
        if self._player:
            self._player.join(timeout=10)

    # Reading ---------------------------------------------------------------------------------

    def page(self, request: Request) -> Response:
        me = self._person(request.query_params.get("as"))
        where = request.query_params.get("in") or model.HOME
        if where != model.HOME and not model.can_see(self.ws, me.id, where):
            self._notices.setdefault(
                me.id, _("You are not in that conversation; here is your Home.")
            )
            where = model.HOME
        if where == model.HOME and self.ws.home_view(me.id) is None:
            # A first visit to the Home: Slack tells the app it was opened, so it is drawn.
            self._deliver(me, lambda: self.sender.open_home(me.id))
        if request.headers.get("x-live-page") != "1":
            self._load_afresh(me)
        html = self._templates.get_template("page.html").render(self._page_context(me, where))
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    def _load_afresh(self, me: model.Person) -> None:
        """A load of the page that no action of the person's led to (a reload, a bookmark,
        another tab) closes a form they left open, as reloading Slack does, rather than
        bringing it back on every load until it is cancelled. The page's own redraws, and the
        load after an action, show it."""
        with self._lock:
            acted = me.id in self._acted
            self._acted.discard(me.id)
        view_id = self.ws.open_modal_of(me.id)
        if not acted and view_id is not None and view_id not in self._sending:
            self._close_modal(view_id)

    def _close_modal(self, view_id: str) -> None:
        self.ws.close_view(view_id, whole_modal=True)
        self._modals.pop(view_id, None)
        self.ws.changed()

    def _page_context(self, me: model.Person, where: str) -> dict[str, Any]:
        # Read first: a change made while this page is drawn then counts as news to fetch.
        version = self.ws.version
        zone = ZoneInfo(self.ws.users[me.id].tz) if me.id in self.ws.users else self.clock.zone
        places = model.places_of(self.ws, me.id, self.app_info.name)
        here = next((p for p in places if p.id == where), places[0])
        names = model.names_of(self.ws)
        return {
            "language": words.language().code,
            "me": me,
            "groups": _grouped(self.people),
            "places": places,
            "here": here,
            "app": self.app_info,
            # The app's own names (its manifest's shortcuts) in the reader's language where the
            # catalogue has them; plain text, so escaped as shown, unlike the page's own words.
            "app_word": words._,
            "home": self._home_html(me, names) if here.kind == "home" else None,
            "items": [] if here.kind == "home" else self._items(me, here, zone, names),
            "modal": self._modal_context(me, where, names),
            "clock": self._clock_context(zone),
            "notice": self._notices.get(me.id, ""),
            "version": version,
        }

    def _home_html(self, me: model.Person, names: dict[str, str]) -> str | None:
        view = self.ws.home_view(me.id)
        if view is None:
            return None
        surface = Surface(
            "home",
            me.id,
            model.HOME,
            "home",
            view_id=view["id"],
            view_hash=view["hash"],
            heading_level=2,
            names=names,
        )
        return render_blocks(view.get("blocks") or [], surface)

    def _items(
        self, me: model.Person, here: model.Place, zone: ZoneInfo, names: dict[str, str]
    ) -> list[dict[str, Any]]:
        shown = []
        for item in model.items_in(self.ws, me.id, here.id, zone):
            surface = Surface(
                "message",
                me.id,
                here.id,
                "m-" + item.ts.replace(".", "-") + ("r" if item.only_you else ""),
                channel=here.id,
                ts="" if item.only_you else item.ts,
                heading_level=2,  # under the conversation's own heading
                names=names,
            )
            body = (
                render_blocks(item.blocks, surface)
                if item.blocks
                else mrkdwn_html(item.text, names)
            )
            shown.append({"item": item, "body": body, "key": surface.key})
        return shown

    def _modal_context(
        self, me: model.Person, where: str, names: dict[str, str]
    ) -> dict[str, Any] | None:
        view_id = self.ws.open_modal_of(me.id)
        if view_id is None:
            return None
        view = self.ws.views[view_id]
        kept = self._modals.get(view_id)
        if kept and kept.hash != view["hash"]:
            kept = None  # the app has changed the form since: Slack shows the new one
        surface = Surface(
            "modal",
            me.id,
            where,
            "v-" + view_id,
            view_id=view_id,
            view_hash=view["hash"],
            submit_form="modal-submit",
            names=names,
            people=[(p.id, p.name) for p in self.people],
            errors=kept.errors if kept else {},
            drafts=kept.drafts if kept else {},
        )
        return {
            "view": view,
            "body": render_blocks(view.get("blocks") or [], surface),
            "has_files": forms.has_file_input(view),
            # What the app refused is still what the person typed: closing it asks first.
            "typed": bool(kept and any(any(values) for values in kept.drafts.values())),
        }

    def _clock_context(self, zone: ZoneInfo) -> dict[str, Any]:
        now, upcoming = self.clock.now(), self.clock.next_moment()
        return {
            "uk": model.when(now, self.clock.zone),
            "yours": model.when(now, zone) if zone.key != self.clock.zone.key else "",
            "zone": zone.key,
            "next": model.when(upcoming, self.clock.zone) if upcoming else "",
            "playing": self._playing.is_set(),
        }

    def _person(self, user_id: str | None) -> model.Person:
        """Who the page is used as (the first person if none is named); the page speaks their
        language for the rest of the request."""
        me = next((p for p in self.people if p.id == user_id), self.people[0])
        words.speak(self._language_of(me.id))
        return me

    # Acting ------------------------------------------------------------------------------------

    def open(self, request: Request) -> Response:
        """Opening a place: the Home tab tells the app, as Slack does (app_home_opened)."""
        me = self._person(request.query_params.get("as"))
        where = request.query_params.get("in") or model.HOME
        if where == model.HOME:
            self._deliver(me, lambda: self.sender.open_home(me.id))
        return self._back(me, where)

    async def act(self, request: Request) -> Response:
        form = await request.form()
        me, where = self._who(form)
        step = forms.action_of(form)
        if step is None:
            self._notices[me.id] = _(
                "That control sent something I couldn't read; nothing was done."
            )
            return self._back(me, where)
        await asyncio.to_thread(self._act, me, step)
        return self._back(me, where)

    def _act(self, me: model.Person, step: forms.Action) -> None:
        try:
            send = forms.sending(self.ws, self.sender, me.id, step)
        except forms.Gone as gone:
            self._notices[me.id] = _(str(gone))
            return
        self._deliver(me, send)

    async def submit(self, request: Request) -> Response:
        form = await request.form()
        me, where = self._who(form)
        await asyncio.to_thread(self._submit, me, str(form.get("view_id") or ""), form)
        return self._back(me, where)

    def _submit(self, me: model.Person, view_id: str, form: FormData) -> None:
        with self._lock:  # a form is sent once, however often it is posted
            if self.ws.open_modal_of(me.id) != view_id or view_id in self._sending:
                self._notices[me.id] = _("That form is no longer open; nothing was sent.")
                return
            self._sending.add(view_id)
        try:
            self._send_form(me, view_id, form)
        finally:
            with self._lock:
                self._sending.discard(view_id)

    def _send_form(self, me: model.Person, view_id: str, form: FormData) -> None:
        view = self.ws.views[view_id]
        if str(form.get("hash") or "") != view["hash"]:
            self._notices[me.id] = _(
                "The app changed that form while you were on it; please check it and send again."
            )
            return
        entered = forms.entered(view, form)
        uploads = {
            block: [f for f in files if isinstance(f, UploadFile) and f.filename]
            for block, files in forms.uploads(form).items()
        }
        missing = forms.client_checks(view, entered, uploads) | {
            block: _("Files can be up to {size} MB here.").format(size=UPLOAD_LIMIT // 1024**2)
            for block, files in uploads.items()
            if any((f.size or 0) > UPLOAD_LIMIT for f in files)
        }
        if missing:  # Slack's own client refuses these before anything is sent
            self._modals[view_id] = _Modal(view["hash"], entered, missing)
            return
        values = forms.submission(view, entered, self._attach(me, uploads))
        delivered = self._deliver(me, lambda: self.sender.submit_view(me.id, values, view_id))
        if delivered and delivered.response_action == "errors":
            self._modals[view_id] = _Modal(
                self.ws.views[view_id]["hash"], entered, delivered.errors
            )
        else:
            self._modals.pop(view_id, None)

    def _attach(
        self, me: model.Person, uploads: dict[str, list[UploadFile]]
    ) -> dict[str, list[str]]:
        return {
            block: [
                self.sender.attach_file(me.id, f.filename or "file", f.file.read()) for f in files
            ]
            for block, files in uploads.items()
        }

    async def close_modal(self, request: Request) -> Response:
        form = await request.form()
        me, where = self._who(form)
        view_id = str(form.get("view_id") or "")
        stack = self.ws.modal_stack(view_id)
        if stack is not None and self.ws.view_owner.get(view_id) == me.id:
            self.ws.close_view(view_id)
            self._modals.pop(view_id, None)
            self.ws.changed()
        return self._back(me, where)

    async def say(self, request: Request) -> Response:
        form = await request.form()
        me, where = self._who(form)
        text = str(form.get("text") or "").strip()
        if text and (where == model.HOME or not model.can_see(self.ws, me.id, where)):
            self._notices[me.id] = _("Open a conversation to write in it.")
        elif text:
            await asyncio.to_thread(self._say, me, where, text)
        return self._back(me, where)

    def _say(self, me: model.Person, where: str, text: str) -> None:
        command, _space, rest = text.partition(" ")
        if command.startswith("/"):
            if command not in self.app_info.commands:
                self._notices[me.id] = _(
                    "{command} is not a command here. Commands: {commands}."
                ).format(command=command, commands=", ".join(self.app_info.commands))
                return
            self._deliver(
                me, lambda: self.sender.command(me.id, forms.as_typed(rest), command, where)
            )
            return
        if where == self.ws.channel_key(me.id) and "message.im" in self.app_info.bot_events:
            self._deliver(me, lambda: self.sender.dm(me.id, forms.as_typed(text)))
        else:  # the app hears no other conversation: the message is just there
            self.ws.post_as(me.id, where, forms.as_typed(text))

    async def shortcut(self, request: Request) -> Response:
        form = await request.form()
        me, where = self._who(form)
        callback_id, ts = str(form.get("callback_id") or ""), str(form.get("ts") or "")
        seen = model.can_see(self.ws, me.id, where)
        message = next((m for m in self.ws.messages_in(where) if m.ts == ts and seen), None)
        if ts and message and callback_id in dict(self.app_info.message_shortcuts):
            await asyncio.to_thread(
                self._deliver,
                me,
                lambda: self.sender.message_shortcut(me.id, message, callback_id),
            )
        elif not ts and callback_id in dict(self.app_info.global_shortcuts):
            await asyncio.to_thread(
                self._deliver, me, lambda: self.sender.shortcut(me.id, callback_id)
            )
        else:
            self._notices[me.id] = _("That shortcut isn't there any more.")
        return self._back(me, where)

    def _deliver(self, me: model.Person, send: Callable[[], Delivered]) -> Delivered | None:
        """Sends the request and waits for what the app does after acknowledging it; an app
        that fails to answer is reported on the page as Slack reports it."""
        delivered = send()
        with contextlib.suppress(TimeoutError, threading.BrokenBarrierError):
            self._settle()  # still busy after that: what it sends will appear live
        if delivered.status != 200:
            self._notices[me.id] = _(
                "{app} didn't answer properly (HTTP {status}). Slack would show “This app "
                "responded with an error”. Please try again."
            ).format(app=self.app_info.name, status=delivered.status)
            return None
        return delivered

    def _who(self, form: FormData) -> tuple[model.Person, str]:
        """Who acts and where; what went wrong with their last action is now past."""
        me = self._person(str(form.get("as") or ""))
        self._notices.pop(me.id, None)
        with self._lock:
            self._acted.add(me.id)
        return me, str(form.get("in") or model.HOME)

    def _back(self, me: model.Person, where: str) -> Response:
        return RedirectResponse("/?" + urlencode({"as": me.id, "in": where}), status_code=303)

    # The clock -------------------------------------------------------------------------------

    async def move_clock(self, request: Request) -> Response:
        form = await request.form()
        me, where = self._who(form)
        step = str(form.get("do") or "")
        if step == "play":
            self._play()
        elif step == "pause":
            self._playing.clear()
            await asyncio.to_thread(self._wait_for_step)
        elif step in ("next", "day", "week"):
            self._playing.clear()
            await asyncio.to_thread(self._move, me, step)
        return self._back(me, where)

    def _move(self, me: model.Person, step: str) -> None:
        moved = self.clock.advance(
            None if step == "next" else timedelta(days=1 if step == "day" else 7)
        )
        if not moved and step == "next":
            self._notices[me.id] = _("Nothing more is scheduled: the scheme is over.")
        self.ws.changed()

    def _play(self) -> None:
        if self._player and self._player.is_alive():
            self._playing.set()
            return
        self._playing.set()
        self._player = threading.Thread(target=self._run_player, name="workspace-play", daemon=True)
        self._player.start()

    def _wait_for_step(self) -> None:
        """Returns once the player's step in progress, if any, is over: once paused, the clock
        stands still, however long that step took on a busy machine."""
        with self._stepping:
            return

    def _run_player(self) -> None:
        while self._playing.is_set() and not self._stopping.is_set():
            with self._stepping:
                if not self._playing.is_set():
                    break
                if not self.clock.advance(None):
                    self._playing.clear()
            self.ws.changed()
            self._stopping.wait(self._pace)

    # Files and news ----------------------------------------------------------------------------

    def file(self, request: Request) -> Response:
        me = self._person(request.query_params.get("as"))
        file_id = request.path_params["file_id"]
        if not model.file_visible_to(self.ws, me.id, file_id):
            return Response(_("No such file here."), 404, media_type="text/plain")
        kept = self.ws.files[file_id]
        inline = kept["mimetype"] in ("image/png", "image/jpeg", "image/gif")
        disposition = "inline" if inline else "attachment"
        return Response(
            kept["content"] or b"",
            media_type=kept["mimetype"],
            headers={"Content-Disposition": _disposition(disposition, kept["name"])},
        )

    async def events(self, request: Request) -> Response:
        """A server-sent event each time something anyone sees has changed (the page then asks
        for its own view again); the stream ends when the page server stops."""

        async def news() -> AsyncIterator[str]:
            seen = -1
            while not self._stopping.is_set():
                version = self.ws.version
                if version != seen:
                    seen = version
                    yield f"event: changed\ndata: {version}\n\n"
                await asyncio.sleep(0.2)

        return StreamingResponse(
            news(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )


def _grouped(people: list[model.Person]) -> list[tuple[str, list[model.Person]]]:
    groups: dict[str, list[model.Person]] = {}
    for person in people:
        groups.setdefault(person.group, []).append(person)
    return list(groups.items())


def _disposition(kind: str, name: str) -> str:
    """A file's name for the browser: plain ASCII for old clients, and the real one (RFC 6266)."""
    plain = "".join(c for c in name if c.isascii() and (c.isalnum() or c in "._- ")) or "file"
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
