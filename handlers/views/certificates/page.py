"""What checking a certificate's code says, for the web process's /certificates/CODE page (HTML)
and `mentorbot certificate verify CODE` (plain text), in the language set around the call
(`in_language`): a genuine code shows the name, role and cohort on it and nothing else; a code
no certificate has, and text that cannot be a code, are answered kindly. The route answers 200,
404 and 400 for them."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, tostring

from bot.certificates.errors import CodeFault, NotACode
from bot.certificates.model import Verified
from bot.participants.model import Role
from handlers.i18n import N_, WELSH, _, language
from handlers.views.common import error_words

# A well-formed code (its check character is right) that no certificate has.
EXAMPLE_CODE = "LMS-7K3Q-9XWD-2MHJ"
ROLE_NAMES: dict[Role, str] = {"mentor": N_("Mentor"), "mentee": N_("Mentee")}
STYLE = (
    "body{font-family:sans-serif;line-height:1.5;max-width:40rem;margin-inline:auto;"
    "padding:1rem;color:#222}dt{font-weight:bold}dd{margin:0 0 0.75rem}"
)
# What is wrong with typed text that cannot be a code, by the fault the rules found.
FAULTS: dict[CodeFault, str] = {
    "length": N_("That is not a certificate code."),
    "character": N_("That has a character no certificate code has."),
    "check": N_("One character of that code looks mistyped."),
}


def verification_text(found: Verified | None) -> str:
    if found is None:
        return "\n".join([_not_found_heading(), _not_found_help()])
    lines = [_genuine_heading()] + [f"{term}: {value}" for term, value in _facts(found)]
    return "\n".join(lines)


def verification_html(found: Verified | None) -> str:
    """The page, the name and every other value escaped as HTML text."""
    if found is None:
        return _page(_not_found_heading(), _paragraph(_not_found_help()))
    facts = Element("dl")
    for term, value in _facts(found):
        SubElement(facts, "dt").text = term
        SubElement(facts, "dd").text = value
    return _page(_genuine_heading(), facts)


@error_words(NotACode)
def not_a_code_text(error: NotACode) -> str:
    return "\n".join([_(FAULTS[error.reason]), _code_looks_like(error)])


def not_a_code_html(error: NotACode) -> str:
    return _page(_(FAULTS[error.reason]), _paragraph(_code_looks_like(error)))


def _genuine_heading() -> str:
    return _("This certificate is genuine.")


def _not_found_heading() -> str:
    return _("No certificate has this code.")


def _not_found_help() -> str:
    return _(
        "Please check the code against the certificate and try again. A code looks like {example}."
    ).format(example=EXAMPLE_CODE)


def _code_looks_like(error: NotACode) -> str:
    return _(
        "A certificate code is {prefix} and then {length} letters and digits, like {example}."
    ).format(prefix=error.prefix, length=error.length, example=EXAMPLE_CODE)


def _facts(found: Verified) -> list[tuple[str, str]]:
    """The name, role and cohort: all that checking a code shows."""
    return [
        (_("Name"), found.name),
        (_("Role"), _(ROLE_NAMES[found.role])),
        (_("Cohort"), found.cohort),
    ]


def _paragraph(text: str) -> Element:
    paragraph = Element("p")
    paragraph.text = text
    return paragraph


def _page(heading: str, content: Element) -> str:
    root = Element("html", lang="cy" if language() == WELSH else "en-GB")
    head = SubElement(root, "head")
    SubElement(head, "meta", charset="utf-8")
    SubElement(head, "meta", name="viewport", content="width=device-width,initial-scale=1")
    SubElement(head, "title").text = _("Certificate check: {result}").format(result=heading)
    SubElement(head, "style").text = STYLE
    main = SubElement(SubElement(root, "body"), "main")
    SubElement(main, "h1").text = heading
    main.append(content)
    # The doctype names the root element: html.
    return f"<!DOCTYPE {root.tag}>\n" + tostring(root, encoding="unicode", method="html")
