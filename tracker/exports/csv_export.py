"""CSV: one header line (column keys), one line per jurisdiction, UTF-8, LF line ends.

Every value that a spreadsheet would run as a formula (starting with = + - @,
a tab or a carriage return) is prefixed with an apostrophe
(`tracker.textsafe.cell`). With --changed-since a `changed_fields` column lists
the columns whose value changed ("none" if none). The last two columns,
`as_of` and `content_hash`, repeat the table's as-of moment and content hash on
every line so the file stays one plain table. A value the normalizer inferred
rather than read stated ends in " (inferred)".
"""

from __future__ import annotations

import csv
import io

from tracker.exports.table import Table, iso
from tracker.textsafe import cell


def changed_text(table: Table, row) -> str:
    if row.record is None:
        return "no record"
    if row.new_since:
        return "new record"
    return "; ".join(k for k in row.changed if k in table.fields) or "none"


def render(table: Table) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    extra = ["changed_fields"] if table.changed_since else []
    writer.writerow([*table.fields, *extra, "as_of", "content_hash"])
    as_of = iso(table.as_of)
    for row in table.rows:
        values = [row.cells[k].marked for k in table.fields]
        if table.changed_since:
            values.append(changed_text(table, row))
        writer.writerow([cell(v) for v in values] + [as_of, table.content_hash])
    return buf.getvalue().encode("utf-8")
