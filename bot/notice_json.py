"""A notice's stored form: versioned JSON, written when a use case keeps it and read back by
whichever sender sends it, in this release or the next (never pickles: a row must survive an
upgrade; the predecessor's pickled rows are still read, by a reader marked LEGACY)."""

from __future__ import annotations

import base64
import io
import json
import pickle
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime, timedelta
from types import UnionType
from typing import (
    Any,
    Literal,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from bot.notices import Notice


class UnreadableNotice(ValueError):
    """A kept notice this release cannot read back (garbage, a kind no longer known, a part the
    programme no longer has): its row is set aside, and the other rows go on."""


# The stored form of a notice: {"v": FORMAT, "kind": ..., "type": ..., "fields": {...}}. A
# change that an older reader would misread takes a new number, read beside the old one.
FORMAT = 1


class NoticeCodec:
    """A notice as a versioned JSON document, kept with its delivery until it is sent, so any
    sender (this process after a restart, another, or the next release) can send it. It names
    no code: the notice's class is found by its `kind` among the Notice subclasses, and its
    fields are rebuilt from the dataclass's type hints. The programme's parts (events, forms,
    questions) are written as references and read back as the live objects, which keeps rows
    small and the words as the programme file now has them.

    With several cohorts live (`cohorts`: each one's programme by its id), event ids and form
    ids repeat from year to year, so a part is written as a reference naming its cohort
    (["cohorts", "2025-26", "events", "launch"]), read back the same whichever cohort is current
    then; one without (["programme", ...], as one cohort writes) is read as `programme`'s."""

    def __init__(
        self, programme: BaseModel | None = None, cohorts: Mapping[str, BaseModel] | None = None
    ):
        self._refs: dict[int, tuple[str, ...]] = {}
        self._objects: dict[tuple[str, ...], object] = {}
        if programme is not None:
            self._index(programme, ("programme",))
        for cohort, its_programme in (cohorts or {}).items():
            self._index(its_programme, ("cohorts", cohort))

    def encode(self, notice: Notice) -> bytes:
        document = {
            "v": FORMAT,
            "kind": notice.kind,
            "type": type(notice).__name__,
            "fields": self._fields(notice),
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()

    def decode(self, data: bytes) -> Notice:
        """The notice, or UnreadableNotice (the message says why, never what it held)."""
        try:
            if not data.startswith(b"{"):
                return self._legacy(data)
            document = json.loads(data)
            if document.get("v") != FORMAT:
                raise UnreadableNotice(f"format {document.get('v')!r} is not one this reads")
            kind = notice_class(str(document["kind"]), str(document.get("type")))
            return kind(**self._load_fields(kind, document["fields"]))
        except UnreadableNotice:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, ImportError, EOFError) as error:
            raise UnreadableNotice(type(error).__name__) from None
        except pickle.UnpicklingError as error:
            raise UnreadableNotice(str(error)) from None

    def _index(self, model: BaseModel, path: tuple[str, ...]) -> None:
        """Every pydantic model in the programme, by its path of fields and ids."""
        self._refs[id(model)] = path
        self._objects[path] = model
        for name, value in model:
            items = value if isinstance(value, list) else [value]
            for position, item in enumerate(items):
                if isinstance(item, BaseModel):
                    label = str(getattr(item, "id", position))
                    self._index(item, (*path, name, label))

    # Writing ---------------------------------------------------------------------------------

    def _fields(self, value: Any) -> dict[str, Any]:
        """A dataclass's fields (those its constructor takes), each as JSON."""
        return {f.name: self._dump(getattr(value, f.name)) for f in fields(value) if f.init}

    def _dump(self, value: object) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, BaseModel):
            path = self._refs.get(id(value))
            return {"$ref": list(path)} if path else {"$value": value.model_dump(mode="json")}
        if is_dataclass(value):
            # Its name only picks between the choices a union field allows (e.g. a reply).
            return {"$type": type(value).__name__, **self._fields(value)}
        if isinstance(value, tuple | list | set | frozenset):
            return [self._dump(item) for item in value]
        if isinstance(value, dict):
            return {str(key): self._dump(item) for key, item in value.items()}
        if isinstance(value, BaseException):  # a domain error a reply carries
            fields = {"args": self._dump(value.args), "fields": self._dump(vars(value))}
            return {"$type": type(value).__name__, **fields}
        return _dump_value(value)

    # Reading ---------------------------------------------------------------------------------

    def _load_fields(self, kind: type, data: dict[str, Any]) -> dict[str, Any]:
        hints = get_type_hints(kind)
        return {
            f.name: self._load(hints[f.name], data[f.name])
            for f in fields(kind)
            if f.init and f.name in data  # one missing keeps its default, if it has one
        }

    def _load(self, hint: Any, data: Any) -> Any:
        origin, args = get_origin(hint), get_args(hint)
        if origin in (Union, UnionType):
            return self._load_union(args, data)
        if origin is Literal:
            if data not in args:
                raise ValueError("not one of the values allowed")
            return data
        if origin is tuple:
            hints = [args[0]] * len(data) if args[-1] is Ellipsis else args
            return tuple(self._load(h, item) for h, item in zip(hints, data, strict=True))
        if origin in (list, set, frozenset):
            return origin(self._load(args[0], item) for item in data)
        if origin is dict:
            key, value = args
            return {_load_key(key, k): self._load(value, v) for k, v in data.items()}
        if hint is Any:  # no hint to go by: only a programme part is read back as more than JSON
            return (
                self._model(BaseModel, data) if isinstance(data, dict) and "$ref" in data else data
            )
        return self._load_class(hint, data)

    def _load_union(self, options: tuple[Any, ...], data: Any) -> Any:
        """The first of the union's types the data reads as (their order in the hint)."""
        if data is None and type(None) in options:
            return None
        for option in options:
            if option is type(None):
                continue
            try:
                return self._load(option, data)
            except (ValueError, TypeError, KeyError):
                continue
        raise ValueError("none of the union's types")

    def _load_class(self, hint: type, data: Any) -> Any:
        if issubclass(hint, BaseModel):
            return self._model(hint, data)
        if is_dataclass(hint):
            if data.get("$type", hint.__name__) != hint.__name__:
                raise ValueError("another of the union's types")
            return hint(**self._load_fields(hint, data))
        if issubclass(hint, BaseException):
            return self._load_error(hint, data)
        return _load_value(hint, data)

    def _load_error(self, hint: type[BaseException], data: dict[str, Any]) -> BaseException:
        """A domain error a reply carries (the view words it), rebuilt from its fields, each read
        by its constructor's or its class's hint."""
        kind = _error_class(hint, data["$type"])
        hints = get_type_hints(kind) | get_type_hints(kind.__init__)
        error = kind.__new__(kind)
        error.args = tuple(self._load(Any, item) for item in data["args"])
        for name, value in data["fields"].items():
            setattr(error, name, self._load(hints.get(name, Any), value))
        return error

    def _model(self, hint: type[BaseModel], data: dict[str, Any]) -> BaseModel:
        if "$ref" not in data:
            return hint.model_validate(data["$value"])
        found = self._objects.get(tuple(data["$ref"]))
        if not isinstance(found, hint):
            raise UnreadableNotice("a part the programme no longer has")
        return found

    # LEGACY: rows kept before the JSON format were pickles (up to commit 429f11e). A pending one
    # is read once and sent; delete this and _LegacyUnpickler, _datetime and _date once every
    # deployment has sent or expired its last such row (`SELECT count(*) FROM deliveries WHERE
    # notice IS NOT NULL AND status = 'pending'` run after the first release with JSON finds 0;
    # a reminder expires within days, and every sender retries within a minute).
    def _legacy(self, data: bytes) -> Notice:
        notice = _LegacyUnpickler(io.BytesIO(data), self._objects).load()
        if not isinstance(notice, Notice):
            raise UnreadableNotice("stored bytes are not a notice")
        return notice


def notice_class(kind: str, name: str | None = None) -> type[Notice]:
    """The Notice subclass a stored notice is, by its kind; where several classes share a kind
    (each automatic notice's is "notice"), by its class's name among them. Never by module, so
    notices may move between releases."""
    candidates = [c for c in notice_classes() if c.kind == kind]
    if len(candidates) > 1:
        candidates = [c for c in candidates if c.__name__ == name]
    if len(candidates) != 1:
        raise UnreadableNotice(f"no one notice of kind {kind!r}")
    return candidates[0]


def notice_classes() -> list[type[Notice]]:
    """Every notice class that can be kept: dataclasses with a kind, of the modules imported."""
    found: list[type[Notice]] = []
    todo: list[type[Notice]] = [Notice]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if is_dataclass(cls) and isinstance(getattr(cls, "kind", None), str):
            found.append(cls)
    return found


def _dump_value(value: object) -> Any:
    """The standard types a notice holds, as JSON; anything else cannot be kept."""
    if isinstance(value, datetime):
        zone = value.tzinfo
        # ISO 8601 with its offset; a named zone follows in brackets (RFC 9557), so a reader
        # can still count days in it across a clock change.
        return value.isoformat() + (f"[{zone.key}]" if isinstance(zone, ZoneInfo) else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    raise TypeError(f"a {type(value).__name__} cannot be kept in the outbox")


def _load_value(hint: type, data: Any) -> Any:
    """`data` read as `hint`, one of the standard types `_dump_value` writes, or a plain one."""
    if issubclass(hint, datetime):
        moment, _, zone = str(data).partition("[")
        read = datetime.fromisoformat(moment)  # `datetime` as the test's frozen clock has it
        return read.astimezone(ZoneInfo(zone.rstrip("]"))) if zone else read
    if issubclass(hint, date):
        return date.fromisoformat(data)
    if issubclass(hint, timedelta):
        return timedelta(seconds=data)
    if hint is bytes:
        return base64.b64decode(data, validate=True)
    if hint is float and type(data) in (int, float):
        return float(data)
    if type(data) is not hint:
        raise TypeError(f"not a {hint.__name__}")
    return data


def _load_key(hint: Any, key: str) -> Any:
    """A dict's key: JSON's are strings; a numbered one is read back as its number."""
    return int(key) if hint is int else key


def _error_class(hint: type[BaseException], name: str) -> type[BaseException]:
    """The error class of this name among `hint` and its subclasses."""
    todo: list[type[BaseException]] = [hint]
    while todo:
        cls = todo.pop()
        if cls.__name__ == name:
            return cls
        todo += cls.__subclasses__()
    raise UnreadableNotice("an error no longer known")


class _LegacyUnpickler(pickle.Unpickler):
    """LEGACY (see NoticeCodec._legacy): reads only the bot's own and a few standard types."""

    ALLOWED = ("bot.", "datetime", "zoneinfo", "builtins", "copyreg", "collections")

    def __init__(self, file: io.BytesIO, objects: dict[tuple[str, ...], object]):
        super().__init__(file)
        self._objects = objects

    def persistent_load(self, pid: object) -> object:
        if not isinstance(pid, tuple) or pid not in self._objects:
            raise UnreadableNotice("a part the programme no longer has")
        return self._objects[pid]

    def find_class(self, module: str, name: str) -> object:
        if not (module + ".").startswith(self.ALLOWED) and module not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} may not be read from the outbox")
        if module == "bot.outbox":  # where the pickles' own helpers lived before Step 13
            module = __name__
        module = _MOVED.get((module, name), module)
        return super().find_class(module, name)


# LEGACY: where each class a pickled notice may hold lived before Step 13 split every feature
# into model, rules and errors (an EvaluationReply's error is NotAParticipant, which stayed, or
# NotInvited); goes with _LegacyUnpickler.
_MOVED: dict[tuple[str, str], str] = {
    ("bot.participants.rules", "Participant"): "bot.participants.model",
    ("bot.events.rules", "EventSchedule"): "bot.events.model",
    ("bot.pairs.rules", "Attention"): "bot.pairs.model",
    ("bot.concerns.rules", "Concern"): "bot.concerns.model",
    ("bot.requests.rules", "Request"): "bot.requests.model",
    ("bot.requests.rules", "RequestEvent"): "bot.requests.model",
    ("bot.evaluations.engine", "Ask"): "bot.evaluations.model",
    ("bot.evaluations.engine", "Summary"): "bot.evaluations.model",
    ("bot.evaluations.engine", "Paused"): "bot.evaluations.model",
    ("bot.evaluations.engine", "Submitted"): "bot.evaluations.model",
    ("bot.evaluations.engine", "Refusal"): "bot.evaluations.model",
    ("bot.evaluations.service", "NotInvited"): "bot.evaluations.errors",
}


def _datetime(*fields: Any) -> datetime:
    """LEGACY: how the pickle format rebuilt a datetime."""
    return datetime(*fields)


def _date(year: int, month: int, day: int) -> date:
    """LEGACY: how the pickle format rebuilt a date."""
    return date(year, month, day)
