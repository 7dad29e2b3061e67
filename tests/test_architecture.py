"""The shape of the code, one rule per folder, and no import cycles (TYPE_CHECKING included)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import sys
from pathlib import Path

import pytest

from bot.participants.errors import ImportProblem

ROOT = Path(__file__).parent.parent
OURS = {"bot", "handlers", "scheduler", "storage", "localslack", "mentorbot"}
FEATURES = {"events", "pairs", "concerns", "evaluations", "participants", "requests"} | {
    "cohorts",
    "applications",
    "matching",
    "certificates",
    "cpd",
    "goals",
    "pulse",
    "outcomes",
    "reflections",
}
# Features people use in Slack, each with its handlers/<feature>.py (cohorts are started from the
# command line, so far)
IN_SLACK = FEATURES - {"cohorts"}

# What each folder may import of ours and of the frameworks (the standard library always).
RULES: dict[str, tuple[set[str], set[str]]] = {
    # the domain: plain Python, pydantic, the programme file's YAML, the UK's bank holidays, and
    # SciPy's optimal assignment and statistics (match suggestions, the outcomes' tests)
    "bot": ({"bot"}, {"pydantic", "yaml", "holidays", "scipy", "numpy"}),
    # Slack glue: the domain, Slack's libraries, and what its views draw with
    "handlers": (
        {"bot", "handlers"},
        {"slack_bolt", "slack_sdk", "httpx", "pydantic", "icalendar", "matplotlib", "babel"}
        # the documents people keep: PDFs (certificates, CPD records, the report) and a DOCX
        | {"fpdf", "docx"},
    ),
    # the clock: only APScheduler; it knows features by their upcoming/run_due
    "scheduler": ({"scheduler"}, {"apscheduler"}),
    # the database: the domain's values and protocols, SQLAlchemy and Alembic
    "storage": ({"bot", "storage"}, {"sqlalchemy", "alembic"}),
    # the stand-in workspace knows nothing of the bot; its page is a small ASGI app, and its
    # Socket Mode server websockets' threaded one
    "localslack": (
        {"localslack"},
        {"jsonschema", "starlette", "uvicorn", "jinja2", "markupsafe", "websockets"},
    ),
}
# Where one feature honestly uses another's public names.
FEATURE_USES = {
    "events": {"participants"},
    "pairs": {"participants", "goals"},  # a check-in asks about one of its goals
    # answers about how a pairing is going, and quiet pairs by working days, raise notices
    "concerns": {"participants", "pairs", "pulse"},
    "evaluations": {"participants", "events"},
    "requests": {"participants", "events"},  # a request is a person's, often about an event
    # the data export
    "participants": {"events", "pairs", "goals", "concerns", "evaluations", "requests", "pulse"}
    | {"reflections"},
    # each pair's state and members; its counts suppressed as the outcomes report's are
    "pulse": {"participants", "pairs", "outcomes"},
    "cohorts": set(),
    # the steering group's match of accepted applications, its approved pairs made as every pair is
    "matching": {"applications", "participants", "pairs"},
    "applications": {"matching", "participants"},  # accepted applications are matched
    "goals": {"pairs", "participants"},  # a pair's goals, set and answered by its members
    # who completed is the certificates' rule over their gathering; each pair's meetings, each
    # role; each person's latest fit and pulse, counted as the pulse's own counts are
    "outcomes": {"certificates", "pairs", "participants", "pulse"},
    # made from a person's pairings, meetings and the events they said they would come to
    "certificates": {"participants", "pairs", "events"},
    # and the person's own reflections
    "cpd": {"participants", "pairs", "events", "reflections"},
    # a pair's stage and members; the mentee's goals scored again; the CPD record's moments
    "reflections": {"cpd", "goals", "pairs", "participants"},
}


def modules(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


def third_party(names: set[str]) -> set[str]:
    stdlib = sys.stdlib_module_names | {"__future__"}
    return {top(n) for n in names} - stdlib - OURS


@pytest.mark.parametrize("folder", sorted(RULES))
def test_each_folder_imports_only_what_its_rule_allows(folder: str) -> None:
    ours_allowed, frameworks_allowed = RULES[folder]
    for module in modules(folder):
        names = imports_of(module)
        ours = {top(n) for n in names} & OURS
        assert ours <= ours_allowed, f"{module.relative_to(ROOT)} imports {ours - ours_allowed}"
        others = third_party(names)
        assert others <= frameworks_allowed, f"{module.relative_to(ROOT)} imports {others}"


def test_a_feature_uses_another_only_where_it_honestly_needs_it() -> None:
    for feature in FEATURES:
        for module in modules(f"bot/{feature}"):
            used = {n.split(".")[1] for n in imports_of(module) if n.startswith("bot.")}
            others = (used & FEATURES) - {feature}
            assert others <= FEATURE_USES[feature], f"{module.relative_to(ROOT)} uses {others}"


def test_no_module_reaches_into_another_for_its_private_names() -> None:
    """A name with a leading underscore is its module's own: another module that needs it asks
    for a public one (`_`, the translator, is public)."""
    for folder in OURS:
        for module in modules(folder):
            for node in ast.walk(ast.parse(module.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    private = [
                        a.name for a in node.names if a.name.startswith("_") and a.name != "_"
                    ]
                    assert not private, (
                        f"{module.relative_to(ROOT)} takes {private} from {node.module}"
                    )


# Inside the domain, each feature's modules in layers: its data (model.py), what a person can put
# right about it (errors.py), the pure decisions over both (rules.py). Each layer may import, of
# any feature, only the layers named here (the shared kernel, bot/*.py, always): never a use case
# (service.py), a notice or a port, so data, errors and rules are read and tested on their own.
LAYERS = {
    "model": {"model"},
    "errors": {"model", "errors"},
    "rules": {"model", "errors", "rules"},
}


def test_inside_each_feature_data_errors_and_rules_build_only_on_one_another() -> None:
    for feature in FEATURES:
        for layer, allowed in LAYERS.items():
            module = ROOT / "bot" / feature / f"{layer}.py"
            assert module.exists(), f"every feature has its {layer}.py: {feature} has none"
            layers = {
                parts[2]
                for parts in (n.split(".") for n in imports_of(module))
                if parts[0] == "bot" and len(parts) > 2 and parts[1] in FEATURES
            }
            assert layers <= allowed, f"{module.relative_to(ROOT)} imports {layers - allowed}"


def test_a_feature_s_rules_are_decisions_its_data_and_errors_live_beside_them() -> None:
    for feature in FEATURES:
        module = ROOT / "bot" / feature / "rules.py"
        classes = [
            n.name for n in ast.parse(module.read_text()).body if isinstance(n, ast.ClassDef)
        ]
        assert not classes, f"{module.relative_to(ROOT)} defines {classes}: model.py or errors.py"


def test_everything_a_feature_can_refuse_is_in_its_errors_py() -> None:
    """Every exception (and import-file problem) a feature defines, whatever raises it."""
    for info in pkgutil.walk_packages([str(ROOT / "bot")], "bot."):
        importlib.import_module(info.name)
    todo: list[type] = [BaseException, ImportProblem]
    while todo:
        kind = todo.pop()
        todo += kind.__subclasses__()
        parts = kind.__module__.split(".")
        if parts[0] == "bot" and len(parts) > 2 and parts[1] in FEATURES:
            assert parts[2] == "errors", f"{kind.__module__}.{kind.__name__}: errors.py"


def test_there_is_no_import_cycle() -> None:
    every = {module_name(p): p for folder in OURS for p in modules(folder)}
    graph = {
        name: {n for n in _our_modules(imports_of(path), every) if n != name}
        for name, path in every.items()
    }
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def _our_modules(names: set[str], every: dict[str, Path]) -> set[str]:
    """`from a.b import c` names module a.b, or a.b.c where c is a module."""
    return {n for n in names if n in every}


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


# Slack glue: handlers/*.py, without the views and the Slack plumbing.
LISTENER_MODULES = sorted((ROOT / "handlers").glob("*.py"))
# What Bolt listens on: registering one of these names a listener.
LISTENING = {"action", "view", "shortcut", "event", "command", "options", "message"}


def test_no_listener_is_registered_inside_a_function() -> None:
    """No `@app.action(…)` over a closure, no `app.view(…)(ack=…)`: a listener is a module-level
    function in its feature's LISTENERS table, which handlers/listeners.py registers."""
    for module in LISTENER_MODULES:
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in LISTENING:
                on_app = isinstance(node.value, ast.Name) and node.value.id == "app"
                assert not on_app, f"{module.relative_to(ROOT)}:{node.lineno} app.{node.attr}"


def test_each_listener_is_a_module_level_function_of_the_module_that_lists_it() -> None:
    for module in LISTENER_MODULES:
        loaded = importlib.import_module(module_name(module))
        for row in getattr(loaded, "LISTENERS", []):
            for listener in (row.ack, *row.lazy):
                where = f"{listener.__module__}.{listener.__qualname__}"
                assert where == f"{loaded.__name__}.{listener.__name__}", where


def test_a_feature_s_listeners_are_its_own_and_the_hubs_hold_none_of_theirs() -> None:
    """Each feature registers its buttons on messages, the Home and the console from
    handlers/<feature>.py. The Home lists only app_home_opened, the console no listener, the
    command router only `/mentoring`; none of the three, nor the shared plumbing, imports a
    feature's handlers module."""
    hubs = {"home", "console", "commands", "grammar", "listeners", "middleware", "errors", "i18n"}
    for hub in hubs:
        feature_modules = {f"handlers.{f}" for f in IN_SLACK}
        found = imports_of(ROOT / "handlers" / f"{hub}.py") & feature_modules
        assert not found, f"handlers/{hub}.py imports {found}"
    home = importlib.import_module("handlers.home")
    assert [row.id for row in home.LISTENERS] == ["app_home_opened"]
    assert not hasattr(importlib.import_module("handlers.console"), "LISTENERS")
    commands = importlib.import_module("handlers.commands")
    assert [row.id for row in commands.LISTENERS] == ["/mentoring"]
    for feature in IN_SLACK:
        assert importlib.import_module(f"handlers.{feature}").LISTENERS, feature


# The only classes the command router defines: its own, never a feature's command.
ROUTER_OWN = {"grammar": {"NotUnderstood", "Help"}, "commands": {"CommandCall", "Commands"}}


def test_each_feature_s_commands_are_its_own_and_the_router_defines_none() -> None:
    """A command's typed value and its parser live in handlers/<feature>.py, beside its answer
    (its GRAMMAR and COMMANDS tables); handlers/grammar.py and handlers/commands.py only split
    the text and dispatch, and handlers/features.py lists the features' grammars."""
    for hub, own in ROUTER_OWN.items():
        tree = ast.parse((ROOT / "handlers" / f"{hub}.py").read_text())
        defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
        assert defined <= own, f"handlers/{hub}.py defines {defined - own}"
    for feature in IN_SLACK:
        module = importlib.import_module(f"handlers.{feature}")
        assert module.GRAMMAR, feature
        for command, _ in module.COMMANDS:
            assert command.__module__ == module.__name__, f"{command.__name__} is not {feature}'s"


LONGEST_MODULE = 500  # lines: a module past this is split by what it does


def test_no_module_is_longer_than_a_newcomer_reads_at_once() -> None:
    """Outside the tests and localslack (the stand-in for Slack, which follows Slack's contract
    file by file)."""
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("bot", "handlers", "storage", "scheduler", "mentorbot", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text().splitlines())) > LONGEST_MODULE
    }
    assert not long, long
