"""Column widths for the Word report's tables, sized for what they hold.

Without widths, Word and LibreOffice guess a table's columns from its first row, and a column of
long actions can end up narrower than a column of names, breaking words in the middle
("welkomstprotoc|ol"). Here every column gets at least the room of its longest word, measured in
the DejaVu fonts that matplotlib ships (the wide fonts LibreOffice falls back on when the document's
Cambria and Calibri are missing, so wide enough for those too); the rest of the page's width goes to
the columns with the most text.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Cm, Length
from docx.table import Table
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

FONT_PT = 11  # the report's body text
CELL_MARGINS_CM = 0.45  # Word's default cell margins (0.19 cm each side), and a little to spare
_POINTS_PER_CM = 72 / 2.54
_lock = threading.Lock()  # an FT2Font holds the text it last measured: one measurement at a time


def text_width_cm(text: str, bold: bool = False) -> float:
    """Return the width of ``text`` on one line at 11 pt: bold in the headings' sans font, else in the body's serif."""
    font = _font(bold)
    with _lock:
        font.set_text(text)
        width_pt = font.get_width_height()[0] / 64  # 26.6 fixed point, at 72 dpi: points
    return width_pt / _POINTS_PER_CM


def column_widths(columns: Sequence[Sequence[str]], total_cm: float, *, bold_first_column: bool = False) -> list[float]:
    """Return a width in cm for each column of texts (its header first, in bold), together ``total_cm``.

    Each column gets the room of its longest word, so no word breaks in the middle; the rest goes to
    the columns by how much text they hold, as far as every column keeps its longest word. When even
    the longest words do not fit, every column shrinks by the same factor.
    """
    least = [
        max((text_width_cm(word, bold=row == 0 or (bold_first_column and index == 0))
             for row, text in enumerate(column) for word in text.split()), default=0.0) + CELL_MARGINS_CM
        for index, column in enumerate(columns)
    ]
    if sum(least) >= total_cm:
        return [width * total_cm / sum(least) for width in least]
    weights = [max(sum(text_width_cm(text) for text in column[1:]), text_width_cm(column[0], bold=True), 0.1)
               if column else 0.1 for column in columns]
    widths = list(least)
    free = set(range(len(columns)))
    room = total_cm
    while free:  # share the room by weight; a column whose share is below its longest word keeps that
        share = sum(weights[i] for i in free)
        short = {i for i in free if room * weights[i] / share < least[i]}
        if not short:
            for i in free:
                widths[i] = room * weights[i] / share
            break
        free -= short
        room -= sum(least[i] for i in short)
    return widths


def fit_columns(document: WordDocument, table: Table, *, bold_first_column: bool = False) -> None:
    """Size ``table``'s columns for their texts (:func:`column_widths`) across the page's text width.

    Sets each width on the table's grid and on every cell, the table's own width and a fixed layout:
    Word and LibreOffice then draw the columns as given instead of guessing from the first row.
    """
    section = document.sections[-1]
    total = Length(section.page_width - section.left_margin - section.right_margin).cm  # type: ignore[operator]
    columns = [[cell.text for cell in column.cells] for column in table.columns]
    widths = [Cm(width) for width in column_widths(columns, total, bold_first_column=bold_first_column)]
    table.autofit = False
    table_width = table._tbl.tblPr.find(qn("w:tblW"))  # python-docx writes one, "auto"
    if table_width is not None:
        table_width.set(qn("w:type"), "dxa")
        table_width.set(qn("w:w"), str(sum(width.twips for width in widths)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


@cache
def _font(bold: bool) -> FT2Font:
    family, weight = ("DejaVu Sans", "bold") if bold else ("DejaVu Serif", "normal")
    font = FT2Font(font_manager.findfont(font_manager.FontProperties(family=family, weight=weight)))
    font.set_size(FONT_PT, 72)
    return font
