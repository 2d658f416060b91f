"""Dutch for the messages of Python's ``argparse`` (usage, errors, help headings), which speaks English only.

``argparse`` looks up every message it shows through its module-level ``_`` and ``ngettext`` when it
shows it; :func:`speak` points those at the kit's catalogue, so a mistyped option is answered in the
same language as the rest of the command.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from kit.i18n import t

# argparse's own message -> the catalogue key that says it in the kit's language.
_MESSAGES = {
    "usage: ": "cli.argparse.usage",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.expected_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "ignored explicit argument %r": "cli.argparse.ignored_argument",
    "options": "cli.argparse.options",
    "positional arguments": "cli.argparse.positional",
    "show this help message and exit": "cli.argparse.help",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_command",
    "can't open '%(filename)s': %(error)s": "cli.argparse.cannot_open",
}


def translator(lang: str) -> Callable[[str], str]:
    """Return a function that gives argparse's ``message`` in ``lang`` (unknown messages stay as they are)."""

    def translate(message: str) -> str:
        key = _MESSAGES.get(message)
        return t(key, lang) if key is not None else message

    return translate


def speak(lang: str) -> None:
    """Make every ``argparse`` parser in this process show its messages in ``lang``; changes ``argparse``'s lookup."""
    translate = translator(lang)
    argparse._ = translate  # type: ignore[attr-defined]

    def ngettext(singular: str, plural: str, count: int) -> str:
        return translate(singular if count == 1 else plural)

    argparse.ngettext = ngettext  # type: ignore[attr-defined]
