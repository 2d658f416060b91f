"""The kit's own words for what NiceGUI itself shows: the reconnect notice, the too-long notice, and
the note for a browser too old to run the page.

NiceGUI renders those in its page template (``#popup``, ``#too_long_message_popup``, ``#esm-fallback``)
in English unless the page names one of its own languages, and Dutch is not one of them; the kit puts
its catalogue's texts in their place, in the page's language, and marks the document with that language.
"""

from __future__ import annotations

import json

from nicegui import ui

from kit.i18n import LANGUAGES, t

# NiceGUI's element ids, each with the catalogue keys of its lines (one per <span>, or the whole text).
_POPUPS = {
    "popup": ("ui.framework.connection_lost", "ui.framework.reconnecting"),
    "too_long_message_popup": ("ui.framework.too_long", "ui.framework.too_long_body"),
    "esm-fallback": ("ui.framework.old_browser",),
}

_SCRIPT = """<script>
window.dkFrameworkTexts = (function (texts) {
  function apply(lang) {
    var table = texts[lang] || texts.nl;
    document.documentElement.lang = lang;
    Object.keys(table).forEach(function (id) {
      var popup = document.getElementById(id);
      if (!popup) return;
      var spans = popup.querySelectorAll('span');
      if (!spans.length) popup.textContent = table[id].join(' ');
      spans.forEach(function (span, i) { if (table[id][i]) span.textContent = table[id][i]; });
    });
  }
  return apply;
})(%s);
document.addEventListener('DOMContentLoaded', function () { window.dkFrameworkTexts(%s); });
</script>"""


def framework_texts() -> dict[str, dict[str, list[str]]]:
    """Return, per language, the kit's lines for each NiceGUI notice (keyed by the notice's element id)."""
    return {lang: {popup: [t(key, lang) for key in keys] for popup, keys in _POPUPS.items()} for lang in LANGUAGES}


def use_kit_texts(lang: str) -> None:
    """Give the current page the kit's reconnect and too-long notices in ``lang`` instead of NiceGUI's."""
    texts = json.dumps(framework_texts()).replace("<", "\\u003c")
    ui.add_body_html(_SCRIPT % (texts, json.dumps(lang)))


def switch_kit_texts(lang: str) -> None:
    """Switch the current page's notices (set up by :func:`use_kit_texts`) to ``lang`` while it is open."""
    ui.run_javascript(f"window.dkFrameworkTexts && window.dkFrameworkTexts({json.dumps(lang)})")
