"""Every text a simulated page can show: labels, buttons, options, tooltips, HTML, titles and notices."""

from __future__ import annotations

import html
import re

from nicegui import Client
from nicegui.testing import User

_TEXT_PROPS = ("label", "placeholder", "title", "aria-label", "hint", "error-message", "no-data-label",
               "loading-label", "prefix", "suffix")
_ATTRIBUTES = re.compile(r'(?:title|aria-label|alt|placeholder)="([^"]*)"')
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL)


def client_texts(client: Client) -> list[str]:
    """Return the texts of every element of ``client`` (shown or hidden) and the page title."""
    texts = [client.resolve_title()]
    for element in client.elements.values():
        text = getattr(element, "text", None)
        if isinstance(text, str):
            texts.append(text)
        texts.extend(value for prop in _TEXT_PROPS if isinstance(value := element.props.get(prop), str))
        content = getattr(element, "content", None)  # ui.html, ui.markdown
        if isinstance(content, str):
            texts.append(html.unescape(_TAG.sub(" ", content)))
            texts.extend(html.unescape(value) for value in _ATTRIBUTES.findall(content))
        labels = getattr(element, "_labels", None)  # ui.toggle, ui.radio, ui.select
        if isinstance(labels, list):
            texts.extend(str(label) for label in labels)
    return [text for text in texts if text]


def page_texts(user: User) -> list[str]:
    """Return the texts of the page ``user`` has open, and the notices it was shown."""
    assert user.client is not None
    return [*client_texts(user.client), *user.notify.messages]
