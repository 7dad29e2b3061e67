"""The Procfile's processes, started from the Procfile itself as a platform starts them: each
line's command through a shell, in a process group of its own, with the environment a platform
gives (PORT, DATABASE_URL and the Slack settings), against a local Slack workspace."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import yaml

from bot.programme_file import load_programme
from bot.scheme import SHIPPED_PROGRAMME
from bot.worktime import working_calendar
from tests.waiting import settle

ROOT = Path(__file__).parent.parent
PROCFILE = ROOT / "Procfile"
T = TypeVar("T")
# Generous: how long a process may take to exit, never a pause; a busy machine only uses more.
PATIENCE = 60.0
# How often to look again for what a person would see from the processes (tests/waiting.py):
# three minutes' worth of looks on an idle machine, more on a busy one. A passing test stops at
# the first look that finds it; the bound only says when a failing one gives up. A minute's was
# seen to run out once with the machine's load at 5: three processes starting side by side on
# two busy cores.
LOOKS = 3600
LOOK_PAUSE = 0.05


def procfile_commands() -> dict[str, str]:
    """The Procfile's process types and their commands, as a platform reads them."""
    lines = PROCFILE.read_text(encoding="utf-8").splitlines()
    return dict(
        (name.strip(), command.strip())
        for name, command in (line.split(":", 1) for line in lines if line.strip())
    )


def settled(until: Callable[[], T | None], what: str) -> T:
    """Waits until `until` gives what a person would see from the processes, and returns it."""
    return settle(until, what, attempts=LOOKS, pause=LOOK_PAUSE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Deployment:
    """The processes of one deployment: start a Procfile line, stop it as a platform does."""

    env: dict[str, str]
    logs: Path
    running: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(
        self, process_type: str, env: dict[str, str] | None = None, name: str | None = None
    ) -> None:
        """Starts a Procfile line as a process called `name` (default: its type)."""
        command = procfile_commands()[process_type]
        name = name or process_type
        log = (self.logs / f"{name}.log").open("ab")
        self.running[name] = subprocess.Popen(
            ["/bin/bash", "-c", command],  # as platforms run a Procfile line
            env=self.env | (env or {}),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the platform signals all of it
        )
        log.close()

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """A one-off command (`mentorbot participants import …`), as an operator runs it."""
        return subprocess.run(
            ["mentorbot", *args], env=self.env | (env or {}), capture_output=True, text=True
        )

    def terminate(self, name: str) -> tuple[int, float]:
        """SIGTERM to the process group; its exit code and how long it took to exit."""
        process = self.running.pop(name)
        asked = time.monotonic()
        os.killpg(process.pid, signal.SIGTERM)
        code = process.wait(timeout=PATIENCE)
        settled(lambda: _group_gone(process.pid), f"every {name} process exiting")
        return code, time.monotonic() - asked

    def kill(self, name: str) -> None:
        process = self.running.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=PATIENCE)
        settled(lambda: _group_gone(process.pid), f"every {name} process gone")

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for name in list(self.running):
            self.kill(name)


def _group_gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


@contextmanager
def deployed(env: dict[str, str], logs: Path) -> Iterator[Deployment]:
    deployment = Deployment(env, logs)
    try:
        yield deployment
    finally:
        deployment.stop_all()
        # pytest shows a test's captured output only when it fails: then, what each process said.
        for log in sorted(logs.glob("*.log")):
            print(f"----- {log.stem}'s log -----\n{log.read_text(errors='replace')[-20000:]}")


def platform_env(**settings: str) -> dict[str, str]:
    """What a platform gives each process: the settings, and the installed `mentorbot` (and
    gunicorn) on the PATH."""
    bin_folder = str(Path(sys.executable).parent)
    return os.environ | {"PATH": f"{bin_folder}:{os.environ.get('PATH', '')}"} | settings


# A programme file whose moments fall around now ---------------------------------------------------


def programme_around(
    now: datetime, launch_at: datetime, reminder_at: datetime, folder: Path
) -> Path:
    """The shipped programme with its launch at `launch_at` (to the minute), reminded of at
    `reminder_at`, and the baseline evaluation (for mentees) open since its last working
    morning before `now`."""
    text = yaml.safe_load(SHIPPED_PROGRAMME.read_text(encoding="utf-8"))
    zone = load_programme(SHIPPED_PROGRAMME).zone
    starts = launch_at.astimezone(zone).replace(second=0, microsecond=0)
    # An event ends on the day it starts: a test run late in the evening (UK time) launches by
    # 23:58 and ends by 23:59, where an hour on would be past midnight, which the file refuses.
    starts = min(starts, starts.replace(hour=23, minute=58))
    ends = min(starts + timedelta(hours=1), starts.replace(hour=23, minute=59))
    launch = next(e for e in text["events"] if e["id"] == "launch")
    launch |= {
        "date": starts.date().isoformat(),
        "start": f"{starts:%H:%M}",
        "end": f"{ends:%H:%M}",
    }
    ahead = int((starts - reminder_at).total_seconds())
    text["reminders"]["offsets"] = [f"PT{ahead}S"]
    text["ends_on"] = (now + timedelta(days=300)).date().isoformat()
    baseline = next(f for f in text["evaluations"]["forms"] if f["id"] == "baseline")
    baseline |= {
        "audience": "mentees",
        "opens": _last_working_morning(now).isoformat(),
        "closes": (now + timedelta(days=7)).isoformat(timespec="seconds"),
    }
    path = folder / "programme.yaml"
    path.write_text(yaml.safe_dump(text, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _last_working_morning(now: datetime) -> datetime:
    """10:00 UK on the last working day (England's) that has reached it: an invitation owed
    from then is due now, whatever day of the week the test runs on."""
    programme = load_programme(SHIPPED_PROGRAMME)
    calendar = working_calendar(programme)
    day: date = now.astimezone(programme.zone).date()
    while True:
        morning = datetime(day.year, day.month, day.day, 10, tzinfo=programme.zone)
        if morning <= now and calendar.working_time(morning, []) == morning:
            return morning.astimezone(UTC)
        day -= timedelta(days=1)


# A database that refuses connections for a while ---------------------------------------------


class DatabaseGate:
    """A TCP door to the database on a port of its own: closed, connections to it are refused
    (as a server restarting refuses them) and those open are cut; open, it forwards them."""

    def __init__(self, upstream: tuple[str, int]):
        self.port = free_port()
        self._upstream = upstream
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def open(self) -> None:
        listener = socket.create_server(("127.0.0.1", self.port))
        self._listener = listener
        self._spawn(self._accept, listener)

    def close(self) -> None:
        """Refuses new connections and cuts every open one."""
        listener, self._listener = self._listener, None
        if listener:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes its accept() on Linux
            listener.close()
        with self._lock:
            cut, self._open = self._open, []
        for connection in cut:
            _cut(connection)
        for thread in self._threads:
            thread.join(timeout=PATIENCE)
        self._threads = []

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self._upstream)
            with self._lock:
                self._open += [client, server]
            self._spawn(self._pump, client, server)
            self._spawn(self._pump, server, client)

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        _cut(sink)

    def _spawn(self, work: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=work, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()


def _cut(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()
