"""The views' shape: each feature's view offers its own Home and console sections, split by
surface once it grows, and the Home and the console only compose them (issue 21)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

VIEWS = Path(__file__).parent.parent / "handlers" / "views"
LONGEST = 400  # lines: past this a view becomes a package, a module per surface
# Each feature's sections, as handlers/views/home.py and console.py compose them.
HOME_SECTIONS = {
    "events": ["home_section"],
    "pairs": ["not_paired_section", "pair_section"],
    "evaluations": ["home_section"],
    "requests": ["home_section", "approvals_section"],
    "participants": ["home_section", "language_section"],
    "applications": ["home_section"],
    "goals": ["pair_section"],
    "certificates": ["home_section"],
    "cpd": ["home_section"],
    "reflections": ["pair_section"],
}
CONSOLE_SECTIONS = {
    "concerns": ["attention"],
    "requests": ["attention"],
    "pairs": ["attention"],
    "events": ["console_section"],
    "participants": ["console_section"],
    "evaluations": ["console_section"],
    "applications": ["console_section"],
    "cohorts": ["console_section"],
    "matching": ["console_section"],
    "goals": ["console_section"],
    "pulse": ["console_section"],
    "reflections": ["console_section"],
    "certificates": ["console_section"],
    "outcomes": ["console_section"],
}
# The only words the Home and the console say themselves: their frame. Every other word is a
# feature's, in its own view.
FRAME_WORDS = {
    "home.py": {
        "Your mentoring",
        "HELP if mine.calendar is not None else COMMANDS_HELP",  # the help note, below
        "_who_you_are(mine)",  # one of the three below
        "Everything here is also a command: type `/mentoring help` for the list. To tell the "
        "project team something privately, use the button above: only the team's private "
        "channel sees it.",
        "Type `/mentoring help` for the list of commands.",
        "You are not on the mentoring scheme yet. If you think you should be, please contact "
        "the project team.",
        "You are on the project team: your console is below.",
        "You decide the requests for accommodation at the scheme's face-to-face events. Each "
        "one waiting for you is below, and in our DM with its words.",
    },
    "console.py": {
        "Project team console",
        "*Needs attention*",
        "Nothing needs you right now.",
    },
}
FEATURES = set(HOME_SECTIONS) | set(CONSOLE_SECTIONS)
COMPOSES = {"home.py": HOME_SECTIONS, "console.py": CONSOLE_SECTIONS}


def _words(path: Path) -> set[str]:
    """What each `_()`/`N_()` call in `path` marks: the words, or the constant's name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"_", "N_"}:
            arg = node.args[0]
            words = arg.value if isinstance(arg, ast.Constant) else None
            found.add(words if isinstance(words, str) else ast.unparse(arg))
    return found


def test_no_view_module_is_longer_than_400_lines() -> None:
    long = {
        str(p.relative_to(VIEWS)): n
        for p in VIEWS.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > LONGEST
    }
    assert not long, f"split by surface (messages, home, console, forms, errors): {long}"


@pytest.mark.parametrize("hub", sorted(FRAME_WORDS))
def test_the_home_and_the_console_say_only_their_frame_s_words(hub: str) -> None:
    assert _words(VIEWS / hub) <= FRAME_WORDS[hub], "a feature's words belong in its view"


@pytest.mark.parametrize("feature", sorted(HOME_SECTIONS))
def test_each_feature_s_view_offers_its_home_section(feature: str) -> None:
    assert (VIEWS / feature / "home.py").exists()
    home = importlib.import_module(f"handlers.views.{feature}.home")
    for name in HOME_SECTIONS[feature]:
        assert callable(getattr(home, name)), f"{feature}.home offers no {name}"


@pytest.mark.parametrize("feature", sorted(CONSOLE_SECTIONS))
def test_each_feature_s_view_offers_its_console_section(feature: str) -> None:
    assert (VIEWS / feature / "console.py").exists()
    console = importlib.import_module(f"handlers.views.{feature}.console")
    for name in CONSOLE_SECTIONS[feature]:
        assert callable(getattr(console, name)), f"{feature}.console offers no {name}"


def test_the_home_and_the_console_compose_every_feature_s_sections() -> None:
    home = importlib.import_module("handlers.views.home")
    console = importlib.import_module("handlers.views.console")
    composed = {
        (s.__module__, s.__name__)
        for s in [
            *home.ON_THE_SCHEME,
            *home.FOR_EACH_PAIR,
            *home.FOR_ANYONE,
            *console.ATTENTION,
            *console.SECTIONS,
        ]
        if s.__module__ != "handlers.views.home"
    } | {("handlers.views.pairs.home", "not_paired_section")}
    offered = {
        (f"handlers.views.{feature}.{surface}", name)
        for surface, table in (("home", HOME_SECTIONS), ("console", CONSOLE_SECTIONS))
        for feature, names in table.items()
        for name in names
    }
    assert composed == offered


def _taken_from_features(path: Path) -> set[tuple[str, str]]:
    """Each (feature, name) `path` takes from a feature's view: a name imported from one of its
    modules, an attribute of its package imported whole, or the package itself ("*")."""
    tree = ast.parse(path.read_text())
    packages: dict[str, str] = {}
    taken: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            taken |= {(a.name, "*") for a in node.names if a.name.startswith("handlers.views.")}
        elif isinstance(node, ast.ImportFrom) and node.module == "handlers.views":
            packages |= {a.asname or a.name: a.name for a in node.names if a.name in FEATURES}
        elif isinstance(node, ast.ImportFrom) and node.module:
            feature = node.module.split(".")[2] if node.module.count(".") >= 2 else ""
            if node.module.startswith("handlers.views.") and feature in FEATURES:
                taken |= {(feature, a.name) for a in node.names}
    for node in ast.walk(tree):
        value = getattr(node, "value", None)
        if isinstance(node, ast.Attribute) and isinstance(value, ast.Name) and value.id in packages:
            taken.add((packages[value.id], node.attr))
            value.id = ""  # counted: not a bare use of the package below
    taken |= {
        (packages[n.id], "*")
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and n.id in packages
    }
    return taken


@pytest.mark.parametrize("hub", sorted(COMPOSES))
def test_the_home_and_the_console_take_from_a_feature_only_the_sections_they_compose(
    hub: str,
) -> None:
    """No action id, form or word of a feature passes through the Home's or the console's
    module, re-exported or used: a feature's listeners and tests import them from its view."""
    expected = {(f, name) for f, names in COMPOSES[hub].items() for name in names}
    assert _taken_from_features(VIEWS / hub) == expected
    assert "__all__" not in (VIEWS / hub).read_text(), "the Home and the console re-export nothing"


def test_listeners_word_nothing_themselves_their_words_are_in_the_views() -> None:
    """A listener may translate a view's word (`_(view.WORDS)`), never write one of its own."""
    written = []
    for path in sorted(VIEWS.parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and path.name != "i18n.py"
            ):
                written.append(f"{path.name}:{node.lineno} {node.args[0].value!r}")
    assert written == []
