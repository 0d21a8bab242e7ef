"""Check that a historicals row's source holds: its document exists and its quote is on its line.

The CSV is reviewed and edited by hand; a quote that no longer matches its document (a line
number off by one after a seed was re-exported, a value retyped) would show an analyst a
provenance that is not true. Each document is read once, through the safe reader (a regular
file under the size limit, inside the documents folder), and quotes are compared with all
whitespace removed, since PDF conversions and editors differ in spaces, not in text.
"""

from __future__ import annotations

from pathlib import Path

from builder.historicals.records import Figure
from builder.inputs.files import DOCUMENT_LIMIT, FileRefused, outside, read_text
from builder.problems import Problem


def squeeze(text: str) -> str:
    """``text`` without any whitespace: the form quotes are compared in."""
    return "".join(text.split())


class SourceCheck:
    """Checks rows of one CSV against the documents of one folder, reading each document once."""

    def __init__(self, folder: Path, csv_file: str):
        self.folder = folder
        self.csv_file = csv_file
        self._lines: dict[str, list[str] | str] = {}  # document -> its lines, or why not

    def row(self, row_line: int, figure: Figure) -> list[Problem]:
        """Problems with ``figure``'s source, reported on the CSV's ``row_line``."""
        document = figure.source.document
        lines = self._document(document)
        if isinstance(lines, str):
            return [Problem(self.csv_file, lines, key="document", line=row_line)]
        cited = figure.source.line
        if cited > len(lines):
            return [Problem(self.csv_file, f"line {cited} is past the end of {document} "
                            f"({len(lines)} lines)", key="line", line=row_line)]
        if squeeze(figure.source.quote) not in squeeze(lines[cited - 1]):
            return [Problem(self.csv_file, f"the quote {figure.source.quote!r} is not on line "
                            f"{cited} of {document} (whitespace aside)", key="quote",
                            line=row_line)]
        return []

    def _document(self, name: str) -> list[str] | str:
        if name not in self._lines:
            self._lines[name] = self._read(name)
        return self._lines[name]

    def _read(self, name: str) -> list[str] | str:
        path = self.folder / name
        if Path(name).name != name or outside(path, self.folder):
            return f"document {name!r} is not a file name inside {self.folder}"
        try:
            return read_text(path, DOCUMENT_LIMIT).splitlines()
        except FileNotFoundError:
            return f"document {name!r} not found in {self.folder}"
        except FileRefused as error:
            return f"document {name!r} cannot be read: {error}"
        except UnicodeDecodeError:
            return f"document {name!r} is not UTF-8 text"
        except OSError as error:
            return f"document {name!r} cannot be read: {error.strerror or error}"
