"""Session reports: what a session produced, collected from the engine and rendered as a file.

:mod:`kit.export.report` builds a :class:`SessionReport`; :mod:`kit.export.markdown`,
:mod:`kit.export.csv` and :mod:`kit.export.json` render it; :mod:`kit.export.files` names and
encodes the file; :mod:`kit.ui.shared.report` offers it in the NiceGUI pages and
:mod:`kit.export.cli` writes it from the command line.
"""

from kit.export.files import FORMATS, ExportFile, Format, export_session, render_report, report_filename
from kit.export.report import SessionReport, build_report

__all__ = [
    "FORMATS",
    "ExportFile",
    "Format",
    "SessionReport",
    "build_report",
    "export_session",
    "render_report",
    "report_filename",
]
