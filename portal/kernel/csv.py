"""The one CSV writer of every file the portal serves (open data, key figures, the territorial
project's tables): UTF-8, comma-separated, CRLF line ends, and no cell a spreadsheet would
run as a formula.

OWASP "CSV Injection": a spreadsheet evaluates a cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (``=HYPERLINK(…)``, ``@SUM(…)|cmd…``). Text is prefixed
with ``'``: the quote is shown, the formula never runs. Numbers and dates are written by the
portal, never typed, so they are left as they are: a format that requires a number (SCDL
``VOTE_POUR``, a measured value) still gets one, and a negative number is read as a number,
not as a formula.
"""

import csv
import datetime
import decimal
from collections.abc import Iterable, Mapping

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """``text`` prefixed with "'" when a spreadsheet would read it as a formula."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def cell(value) -> str:
    """What a cell holds: empty for None, ISO 8601 for a date, the number for a number (a
    decimal in plain notation, never ``1E+3``), any other value as neutralised text."""
    if type(value) is str:  # most cells, first: a million-row export calls this 17 million times
        return neutralise_formula(value)
    if value is None:
        return ""
    if isinstance(value, bool):  # a bool is an int: say it in words, as text
        return "oui" if value else "non"
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, (int, float)):
        return str(value)
    return neutralise_formula(str(value))


class _Lines:
    """A file-like object whose write() returns the line: the writer then formats one row at
    a time for a streamed response (Django's "Streaming large CSV files")."""

    def write(self, value):
        return value


class Writer:
    """csv.writer whose every cell goes through ``cell``.

    With a ``stream`` (an HttpResponse, a file), rows are written to it; without, writerow()
    returns the line, for a StreamingHttpResponse. With ``fieldnames``, rows may be mappings
    (missing keys are empty cells) and writeheader() writes the names.
    """

    def __init__(self, stream=None, *, fieldnames: Iterable[str] | None = None):
        self._writer = csv.writer(stream if stream is not None else _Lines(),
                                  lineterminator="\r\n")
        self.fieldnames = list(fieldnames) if fieldnames is not None else None

    def writeheader(self):
        return self._writer.writerow([cell(name) for name in self.fieldnames])

    def writerow(self, row):
        if isinstance(row, Mapping):
            unknown = set(row) - set(self.fieldnames)
            if unknown:
                raise ValueError(f"Colonnes inconnues : {', '.join(sorted(unknown))}")
            row = [row.get(name) for name in self.fieldnames]
        return self._writer.writerow([cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_response(filename: str, *, bom: bool = False) -> tuple[HttpResponse, Writer]:
    """An attachment response named ``filename`` and the writer that fills it. ``bom``: a
    UTF-8 byte order mark first, for spreadsheet programs that otherwise misread accents."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if bom:
        response.write("\ufeff")
    return response, Writer(response)
