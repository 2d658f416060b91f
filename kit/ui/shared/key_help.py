"""The "?" overlay: every key of the screen in one list, opened with ? and closed with Esc, ? or a click.

It opens and closes in the browser alone (no round trip), so it also works on a projector that only
follows the session and while the server is briefly out of reach.
"""

from __future__ import annotations

from html import escape

from nicegui import ui

from kit.i18n import t
from kit.ui.shared.keys import KEYS, KeyInfo

OVERLAY_ID = "dk-keyhelp"
OPEN_JS = "window.dkKeyHelp && window.dkKeyHelp(true)"

_CSS = """
.dk-keyhelp { position: fixed; inset: 0; z-index: 9000; background: rgba(11, 46, 111, .55);
  display: flex; align-items: center; justify-content: center; }
.dk-keyhelp[hidden] { display: none; }
.dk-keyhelp-box { background: #fff; color: #111; border-radius: 12px; padding: 24px 28px; max-width: 40rem;
  width: calc(100% - 32px); box-shadow: 0 8px 30px rgba(0, 0, 0, .35); font-size: 1.1rem; }
.dk-keyhelp-box h2 { font-size: 1.4rem; font-weight: 700; color: #0b2e6f; margin: 0 0 12px; }
.dk-keyhelp-box table { border-collapse: collapse; width: 100%; }
.dk-keyhelp-box td { padding: 5px 8px; vertical-align: middle; }
.dk-keyhelp-box td:first-child { white-space: nowrap; text-align: right; width: 1%; }
.dk-keyhelp-box p { margin: 12px 0 0; color: #444; font-size: 1rem; }
.dk-keyhelp-close { margin-top: 16px; float: right; background: #0b2e6f; color: #fff; border: 0; border-radius: 6px;
  padding: 8px 18px; font-size: 1rem; cursor: pointer; }
.dk-keyhelp-close:focus-visible { outline: 3px solid #f9a825; outline-offset: 2px; }
kbd.dk-kbd { display: inline-block; min-width: 1.7em; padding: 1px 6px; border: 1px solid #9aa5bd;
  border-bottom-width: 2px; border-radius: 5px; background: #f4f6fa; font-family: ui-monospace, monospace;
  font-size: .9em; text-align: center; color: #111; line-height: 1.4; }
"""

# Keys are ignored while typing, as the server-side key handler does (ui.keyboard ignores inputs).
_JS = """
window.dkKeyHelp = function (show) {
  const box = document.getElementById('%(id)s'); if (!box) return;
  const open = show === undefined ? box.hidden : show;
  if (open === !box.hidden) return;
  box.hidden = !open;
  if (open) { window.dkKeyHelpReturn = document.activeElement; box.querySelector('button').focus(); }
  else if (window.dkKeyHelpReturn && window.dkKeyHelpReturn.focus) window.dkKeyHelpReturn.focus();
};
document.addEventListener('keydown', (e) => {
  const t = e.target; if (t && (t.isContentEditable || ['INPUT','TEXTAREA','SELECT'].includes(t.tagName))) return;
  if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); window.dkKeyHelp(); }
  else if (e.key === 'Escape') window.dkKeyHelp(false);
});
document.addEventListener('click', (e) => {
  const box = document.getElementById('%(id)s');
  if (box && !box.hidden && (e.target === box || e.target.closest('.dk-keyhelp-close'))) window.dkKeyHelp(false);
});
"""


def key_names(info: KeyInfo, lang: str) -> list[str]:
    """Return the keys of ``info`` as the screen names them (``keys.space`` becomes "spatie")."""
    return [t(key, lang) if key.startswith("keys.") else key for key in info.keys]


def kbd(info: KeyInfo, lang: str) -> str:
    """Return the keys of ``info`` as ``<kbd>`` HTML, joined by "of"."""
    joiner = f" {escape(t('keys.or', lang))} "
    return joiner.join(f'<kbd class="dk-kbd">{escape(name)}</kbd>' for name in key_names(info, lang))


def overlay_html(lang: str, *, drives: bool, projector: bool = False) -> str:
    """Return the overlay's HTML: the keys that work on this screen (the projector's too), with what each does."""
    rows = "".join(
        f"<tr><td>{kbd(info, lang)}</td><td>{escape(t(info.text, lang))}</td></tr>"
        for info in KEYS if (drives or not info.drives) and (projector or not info.projector)
    )
    rows += f'<tr><td><kbd class="dk-kbd">Esc</kbd></td><td>{escape(t("keys.escape", lang))}</td></tr>'
    viewer = "" if drives else f"<p>{escape(t('keys.overlay_viewer', lang))}</p>"
    title = escape(t("keys.overlay_title", lang))
    return (
        f'<div id="{OVERLAY_ID}" class="dk-keyhelp" hidden role="dialog" aria-modal="true" '
        f'aria-labelledby="{OVERLAY_ID}-title"><div class="dk-keyhelp-box">'
        f'<h2 id="{OVERLAY_ID}-title">{title}</h2><table>{rows}</table>{viewer}'
        f"<p>{escape(t('keys.overlay_hint', lang))}</p>"
        f'<button type="button" class="dk-keyhelp-close">{escape(t("ui.close", lang))}</button></div></div>'
    )


def key_help(lang: str, *, drives: bool, projector: bool = False) -> ui.html:
    """Add the "?" overlay to the current page (``drives``: the screen's keys run the session; ``projector``:
    the page is a projector, with the keys of its discussion view)."""
    ui.add_css(_CSS)
    ui.add_body_html(f"<script>{_JS % {'id': OVERLAY_ID}}</script>")
    return ui.html(overlay_html(lang, drives=drives, projector=projector), sanitize=False).mark("key-help")
