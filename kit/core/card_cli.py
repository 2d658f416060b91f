"""The ``check-card`` command: validate a card file and say in plain words what is wrong."""

from __future__ import annotations

import sys

from kit.core.card_errors import CardError, format_card_error
from kit.core.card_loader import load_card
from kit.i18n import DEFAULT_LANGUAGE, t


def _count(key: str, count: int, lang: str) -> str:
    return t(f"{key}_one", lang) if count == 1 else t(f"{key}_many", lang, count=count)


def check_card_command(path: str, lang: str = DEFAULT_LANGUAGE) -> int:
    """Load the card at ``path``; print a one-line summary (exit code 0) or its problems on stderr (1)."""
    try:
        card = load_card(path, lang)
    except CardError as err:
        print(format_card_error(err, lang), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug of ours must still not end in a traceback for the facilitator
        print(t("card.check_unexpected", lang, file=path, error=exc), file=sys.stderr)
        return 1
    roles = _count("card.count_roles", len(card.roles), lang)
    questions = _count("card.count_questions", len(card.all_questions()), lang)
    print(t("card.check_ok", lang, file=path, title=card.title, roles=roles, questions=questions))
    return 0
