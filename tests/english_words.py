"""English words that must not show in a Dutch session, and a finder for them in screen text.

Only words that are not also Dutch are listed: "is", "in", "op", "open", "start", "stop", "link",
"code", "data", "menu", "timer", "export", "was", "had", "over", "we", "die", "of", "a", "room",
"lost", "been", "have", "step", "split", "tap", "online", "offline" and the like are Dutch as well (or
loanwords a Dutch screen may use) and are left out on purpose.
"""

from __future__ import annotations

import re

_WORDS = """
the and or not you your yours with without from into onto this that these those there here what which who
when where why how will would should could can't cannot don't doesn't isn't are were being has
please wait loading loaded saving saved connection connected disconnected reconnect reconnecting trying
error errors warning failed failure success successful close closed closing cancel cancelled
submit send sent yes no next back previous continue done finish finished confirm confirmation
delete deleted remove removed add added edit edited save show shown hide hidden reveal revealed
search select selected choose chosen pick upload uploaded download downloaded copy copied paste
page pages screen full fullscreen key keys press click here more less all none nothing empty
question questions answer answers steps role roles vote votes voted voting group groups grouped
participant participants contribution contributions session sessions locked unlock lock
note notes paused pause resume ended end refused forbidden denied access found missing unknown
minute minutes second seconds left remaining time out timeout settings language english dutch
title name names anonymous optional required new old undo redo merge move moved rename suggest
suggested suggestion discussion shared contested own voice summary report actions action who what
"""
ENGLISH_WORDS = frozenset(_WORDS.split())

# Texts a Dutch screen rightly shows in English: a language's own name in the language switch.
ENDONYMS = frozenset({"English"})

_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def english_words(text: str) -> list[str]:
    """Return the English words (from ``ENGLISH_WORDS``) in ``text``, in order, as written."""
    if text in ENDONYMS:
        return []
    return [word for word in _WORD.findall(text) if word.lower() in ENGLISH_WORDS]
