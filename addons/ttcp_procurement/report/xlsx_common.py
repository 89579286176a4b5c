from datetime import date, datetime

from odoo import fields, models

# Records read per batch: the cache is emptied after each one, so memory stays flat
# however many records are exported.
BATCH = 1000


class TtcpXlsxCommon(models.AbstractModel):
    """Shared formats and streaming for the suite's XLSX exports.

    Workbooks are written in xlsxwriter's constant-memory mode: each row is flushed to
    a temporary file as soon as a later row is started, so every sheet must be written
    strictly row after row (a cell written to an earlier row is silently lost). Records
    are read in batches and the cache is emptied between batches, so a large export
    keeps a flat memory profile.
    """

    _name = "report.ttcp_procurement.xlsx_common"
    _inherit = "report.report_xlsx.abstract"
    _description = "TTCP XLSX export helpers"

    def get_workbook_options(self):
        return {"constant_memory": True}

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    def _batches(self, records, fnames=None):
        """Yield ``records`` in batches of ``BATCH``, each fetched in one query.

        ``fnames`` are the stored fields to load (all prefetchable fields if None).
        The whole cache is dropped after each batch, related records included.
        """
        ids = records.ids
        for start in range(0, len(ids), BATCH):
            batch = records.browse(ids[start : start + BATCH])
            if fnames:
                batch.fetch(fnames)
            yield batch
            self.env.invalidate_all()

    def _as_of(self, data):
        """The report date: ``data['date']`` if given, else today."""
        value = (data or {}).get("date")
        return fields.Date.to_date(value) if value else fields.Date.context_today(self)

    def _selection_label(self, record, field):
        return dict(record._fields[field]._description_selection(self.env)).get(record[field], "")

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "subtitle": workbook.add_format({"italic": True}),
            "header": workbook.add_format(
                {
                    "bold": True,
                    "bg_color": "#DDE3EA",
                    "border": 1,
                    "text_wrap": True,
                    "align": "center",
                    "valign": "vcenter",
                }
            ),
            "text": workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
            "center": workbook.add_format({"border": 1, "align": "center", "valign": "top"}),
            "integer": workbook.add_format({"border": 1, "num_format": "0", "valign": "top"}),
            "money": workbook.add_format({"border": 1, "num_format": "#,##0", "valign": "top"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0.00", "valign": "top"}),
            "date": workbook.add_format({"border": 1, "num_format": "dd/mm/yyyy", "valign": "top"}),
            "total_label": workbook.add_format({"bold": True, "border": 1}),
            "total": workbook.add_format({"bold": True, "border": 1, "num_format": "#,##0"}),
            "total_percent": workbook.add_format({"bold": True, "border": 1, "num_format": "0.00"}),
        }

    def _write_header(self, sheet, row, columns, fmt):
        """Write the header row; ``columns`` is a list of (title, width)."""
        for col, (title, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(row, col, title, fmt["header"])

    @staticmethod
    def _write_row(sheet, row, values, formats):
        """Write one row; False/None become styled blank cells, dates real dates."""
        for col, (value, cell_format) in enumerate(zip(values, formats, strict=True)):
            if value is False or value is None or value == "":
                sheet.write_blank(row, col, None, cell_format)
            elif isinstance(value, date | datetime):
                sheet.write_datetime(row, col, value, cell_format)
            elif isinstance(value, bool):
                sheet.write_boolean(row, col, value, cell_format)
            elif isinstance(value, int | float):
                sheet.write_number(row, col, value, cell_format)
            else:
                sheet.write_string(row, col, str(value), cell_format)
